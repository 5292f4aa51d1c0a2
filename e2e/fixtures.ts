/**
 * A fresh desk for every test: `npm run web`'s own CLI in a child process, on a free port, with a new data
 * folder and its demo carrier. The fixture waits for the line the CLI prints once everything listens (never a
 * sleep), and the page fixture waits for the app's own "ready" mark.
 *
 * A child process rather than startWebHost in the test worker: the worker then never loads better-sqlite3, so
 * the Electron project can rebuild it for Electron's ABI in the same run without pulling it from under a live
 * process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { test as base, expect, type Page } from '@playwright/test';
import { PROJECT_ROOT } from './electron-binary';

export interface DeskHost {
  /** The address with this launch's key. */
  url: string;
  origin: string;
  token: string;
  /** The demo carrier's address (its control API simulates client replies). */
  demoUrl: string | null;
  dataDir: string;
}

export interface DeskOptions {
  /** Start with an empty database instead of the demo clients. */
  empty: boolean;
}

const RUNNING = /^FrontDesk SMS is running at (http:\/\/127\.0\.0\.1:\d+)\/\?token=(\S+)$/;
const DEMO = /^Demo carrier at (\S+)$/;

function startDesk(dataDir: string, options: DeskOptions): Promise<{ child: ChildProcess; host: DeskHost }> {
  const args = ['--import', 'tsx', 'electron/web/cli.ts', '--port', '0', '--data', dataDir];
  if (options.empty) args.push('--empty');
  const child = spawn(process.execPath, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let demoUrl: string | null = null;
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const lines = stdout.split('\n');
      stdout = lines.pop() ?? '';
      for (const line of lines) {
        const demo = DEMO.exec(line);
        if (demo) demoUrl = demo[1]!;
        const running = RUNNING.exec(line);
        if (running) {
          const [, origin, token] = running;
          resolve({
            child,
            host: { url: `${origin}/?token=${token}`, origin: origin!, token: token!, demoUrl, dataDir },
          });
        }
      }
    });
    child.on('exit', (code) =>
      reject(
        new Error(`The desk exited (code ${String(code)}) before it was ready:\n${stderr.slice(-4000)}`),
      ),
    );
  });
}

function stopDesk(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Opens the desk's address and waits until the app says it has loaded. */
export async function openDesk(page: Page, host: DeskHost): Promise<void> {
  await page.goto(host.url);
  await expect(page.locator('[data-desk-ready="true"]')).toBeVisible();
}

export const test = base.extend<{ deskOptions: DeskOptions; desk: DeskHost; deskPage: Page }>({
  deskOptions: [{ empty: false }, { option: true }],
  // `provide` is Playwright's `use`, renamed so the React hooks lint does not take it for React's.
  desk: async ({ deskOptions }, provide, testInfo) => {
    const { child, host } = await startDesk(testInfo.outputPath('desk-data'), deskOptions);
    try {
      await provide(host);
    } finally {
      await stopDesk(child);
    }
  },
  deskPage: async ({ page, desk }, provide) => {
    await openDesk(page, desk);
    await provide(page);
  },
});

export { expect };
