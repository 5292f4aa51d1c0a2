import { defineConfig, type Project } from '@playwright/test';
import { CHROMIUM, installedElectronBinary } from './e2e/electron-binary';

/**
 * End-to-end tests: the browser project drives browser mode in the system Chromium. The Electron projects are
 * included only where an Electron binary exists (global setup says so plainly when it does not): first a setup
 * that builds the app and better-sqlite3 for Electron, then the test, then a teardown that rebuilds
 * better-sqlite3 for Node again.
 */
const electron = installedElectronBinary();

const electronProjects: Project[] = electron
  ? [
      {
        name: 'electron-prepare',
        testMatch: /electron\.setup\.ts$/,
        dependencies: ['browser'],
        teardown: 'electron-restore',
      },
      { name: 'electron-restore', testMatch: /electron\.teardown\.ts$/ },
      { name: 'electron', testMatch: /electron\.spec\.ts$/, dependencies: ['electron-prepare'] },
    ]
  : [];

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  globalSetup: './e2e/global-setup.ts',
  workers: 1,
  retries: 0,
  reporter: 'list',
  fullyParallel: false,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'browser', testMatch: /\.spec\.ts$/, testIgnore: /electron\.spec\.ts$/ },
    ...electronProjects,
  ],
});
