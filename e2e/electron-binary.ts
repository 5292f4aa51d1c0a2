import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The Electron binary if it is already on this machine, else null. Reads what the `electron` package recorded
 * instead of requiring it, because requiring it would start a download.
 */
export function installedElectronBinary(): string | null {
  const packageDir = path.join(PROJECT_ROOT, 'node_modules', 'electron');
  const pathFile = path.join(packageDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const executable = fs.readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const binary = path.join(distDir, executable);
  return fs.existsSync(binary) ? binary : null;
}

export const CHROMIUM = '/usr/bin/chromium';
