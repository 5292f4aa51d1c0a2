/**
 * `electron-vite build`: main → out/main/main.js (ESM, dependencies left in node_modules, better-sqlite3 among
 * them), preload → out/preload/preload.cjs (CommonJS with everything bundled in: a sandboxed preload can neither
 * load ES modules nor require packages), renderer → out/renderer with the same settings as `npm run build:renderer`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import rendererConfig from './vite.renderer.config';

const root = path.dirname(fileURLToPath(import.meta.url));
const fromRoot = (...parts: string[]) => path.join(root, ...parts);

/** electron/db/migrate.ts reads `./migrations` beside the running module; in a build that module is out/main/main.js. */
function copyMigrations(): Plugin {
  return {
    name: 'frontdesk:copy-migrations',
    apply: 'build',
    writeBundle(options) {
      const source = fromRoot('electron', 'db', 'migrations');
      const target = path.join(options.dir ?? fromRoot('out', 'main'), 'migrations');
      fs.mkdirSync(target, { recursive: true });
      for (const file of fs.readdirSync(source).filter((name) => name.endsWith('.sql'))) {
        fs.copyFileSync(path.join(source, file), path.join(target, file));
      }
    },
  };
}

export default defineConfig({
  main: {
    plugins: [copyMigrations()],
    build: {
      outDir: fromRoot('out', 'main'),
      // Native and SDK packages stay in node_modules (electron-builder ships the production dependencies).
      externalizeDeps: { include: ['better-sqlite3'] },
      rolldownOptions: {
        input: { main: fromRoot('electron', 'main.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out', 'preload'),
      externalizeDeps: false,
      rolldownOptions: {
        input: { preload: fromRoot('electron', 'preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      rolldownOptions: { input: fromRoot('renderer', 'index.html') },
    },
  },
});
