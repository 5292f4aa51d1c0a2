/**
 * The desktop app itself, launched by Playwright. Included by playwright.config.ts only where an Electron binary
 * exists; elsewhere the run prints "Electron end-to-end test not run: no Electron binary on this machine".
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { installedElectronBinary, PROJECT_ROOT } from './electron-binary';

test('the desktop app opens the desk in a locked-down window and quits cleanly', async () => {
  const testInfo = test.info();
  const app = await electron.launch({
    executablePath: installedElectronBinary()!,
    args: [PROJECT_ROOT],
    cwd: PROJECT_ROOT,
    env: { ...process.env, FRONTDESK_DATA_DIR: testInfo.outputPath('user-data') },
  });
  const page = await app.firstWindow();
  await expect(page.locator('[data-desk-ready="true"]')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Search clients' })).toBeVisible();

  // The page sees window.desk and nothing of Node or Electron (the window's settings are unit-tested).
  const surface = await page.evaluate(() => {
    const scope = globalThis as unknown as { desk?: object; require?: unknown; process?: unknown };
    return {
      desk: Object.keys(scope.desk ?? {}).sort(),
      require: typeof scope.require,
      process: typeof scope.process,
    };
  });
  expect(surface).toEqual({ desk: ['invoke', 'subscribe'], require: 'undefined', process: 'undefined' });

  // A real call through IPC: the search answers from the desk's database.
  await page.getByRole('combobox', { name: 'Search clients' }).fill('a');
  await expect(page.getByRole('option').first()).toBeVisible();

  await app.close();
});
