/**
 * Runs only where an Electron binary exists (see playwright.config.ts), after the browser tests: builds the app
 * with electron-vite and better-sqlite3 for Electron's ABI. electron.teardown.ts puts the Node build back.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ensureNativeForElectron } from '../scripts/ensure-native';
import { installedElectronBinary, PROJECT_ROOT } from './electron-binary';

test('build the app and better-sqlite3 for Electron', () => {
  test.setTimeout(10 * 60_000);
  const binary = installedElectronBinary();
  expect(
    binary,
    'an Electron binary (the config includes this project only when there is one)',
  ).not.toBeNull();
  expect(ensureNativeForElectron(binary!)).toEqual({ ok: true });
  const build = spawnSync(path.join(PROJECT_ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  expect(build.status, build.stderr).toBe(0);
});
