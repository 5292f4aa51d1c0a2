/**
 * better-sqlite3 is a native module built for one ABI at a time: Node's (tests, browser mode) or Electron's
 * (`npm start` with Electron). This checks that it loads where it is about to be used and rebuilds it if not.
 * `tsx scripts/ensure-native.ts` checks (and fixes) it for plain Node; run it before the tests.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const LOAD_CHECK = "const D = require('better-sqlite3'); new D(':memory:').prepare('select 1').get();";

export type LoadCheck = { ok: true } | { ok: false; reason: string };

/** Loads better-sqlite3 in a fresh process (a failed native load cannot be retried in the same one). */
export function checkLoads(runtime: { command: string; env?: NodeJS.ProcessEnv }): LoadCheck {
  const result = spawnSync(runtime.command, ['-e', LOAD_CHECK], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...runtime.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (result.status === 0) return { ok: true };
  const output = `${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  const line = output.split('\n').find((text) => /NODE_MODULE_VERSION|Error/.test(text)) ?? output.trim();
  return { ok: false, reason: line.trim() || `exit code ${String(result.status)}` };
}

function run(command: string, args: string[], quiet: boolean): boolean {
  const result = spawnSync(command, args, {
    cwd: PROJECT_ROOT,
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0 && quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
  return result.status === 0;
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const bin = (name: string) =>
  path.join(PROJECT_ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

/** Makes better-sqlite3 load in this Node, rebuilding it for Node's ABI if it was last built for Electron. */
export function ensureNativeForNode(options: { quiet?: boolean } = {}): LoadCheck {
  const first = checkLoads({ command: process.execPath });
  if (first.ok) return first;
  process.stderr.write(`better-sqlite3 does not load in Node (${first.reason}); rebuilding it for Node…\n`);
  if (!run(npm, ['rebuild', 'better-sqlite3'], options.quiet ?? true)) {
    return { ok: false, reason: 'npm rebuild better-sqlite3 failed' };
  }
  return checkLoads({ command: process.execPath });
}

/** Makes better-sqlite3 load in Electron's main process, rebuilding it for Electron's ABI if needed. */
export function ensureNativeForElectron(
  electronBinary: string,
  options: { quiet?: boolean } = {},
): LoadCheck {
  const asNode = { command: electronBinary, env: { ELECTRON_RUN_AS_NODE: '1' } };
  const first = checkLoads(asNode);
  if (first.ok) return first;
  process.stderr.write('Building better-sqlite3 for Electron (once; `npm test` rebuilds it for Node)…\n');
  // @electron/rebuild comes with electron-builder; it fetches Electron's headers once and caches them.
  if (!run(bin('electron-rebuild'), ['-f', '-w', 'better-sqlite3'], options.quiet ?? false)) {
    return { ok: false, reason: 'electron-rebuild failed' };
  }
  return checkLoads(asNode);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const result = ensureNativeForNode();
  if (!result.ok) {
    process.stderr.write(`better-sqlite3 cannot be loaded in Node: ${result.reason}\n`);
    process.exitCode = 1;
  }
}
