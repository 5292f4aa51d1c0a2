/**
 * `npm start`: the desktop app when Electron can run here, otherwise the same desk in the browser. Either way
 * one line says which and why, so nobody wonders what they are looking at.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startWebHost } from '../electron/web/host';
import { ensureNativeForElectron, ensureNativeForNode, PROJECT_ROOT } from './ensure-native';

/** Long enough to fetch Electron (about 100 MB) on a slow line; short enough not to hang a start forever. */
const ELECTRON_DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

type ElectronCheck = { ok: true; binary: string } | { ok: false; why: string };

/**
 * Asks the `electron` package for its binary in a child process: requiring it returns the path but downloads the
 * binary first when it is missing, which may fail (no internet) or take a while.
 */
function findElectron(timeoutMs = ELECTRON_DOWNLOAD_TIMEOUT_MS): ElectronCheck {
  const result = spawnSync(process.execPath, ['-e', "process.stdout.write('\\n' + require('electron'))"], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') {
    return { ok: false, why: "Electron's binary is not installed and the download timed out" };
  }
  const binary = (result.stdout ?? '').trim().split('\n').pop() ?? '';
  if (result.status === 0 && binary && fs.existsSync(binary)) {
    if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
      return { ok: false, why: 'Electron is installed but cannot open a window here (no display)' };
    }
    return { ok: true, binary };
  }
  const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
  const offline =
    /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH/.test(
      output,
    );
  return {
    ok: false,
    why: offline
      ? "Electron's binary is not installed and could not be downloaded (no internet)"
      : "Electron's binary is not installed and could not be downloaded",
  };
}

function runQuietly(command: string, args: string[]): void {
  const result = spawnSync(command, args, {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed`);
  }
}

const bin = (name: string) =>
  path.join(PROJECT_ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

async function startElectron(binary: string): Promise<void> {
  const native = ensureNativeForElectron(binary);
  if (!native.ok) throw new Error(`better-sqlite3 could not be built for Electron: ${native.reason}`);
  runQuietly(bin('electron-vite'), ['build']);
  const child = spawn(binary, [PROJECT_ROOT], { cwd: PROJECT_ROOT, stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  await new Promise<void>((resolve) => {
    child.on('exit', (code) => {
      process.exitCode = code ?? 0;
      resolve();
    });
  });
}

/** Opens the address in the system browser if there is a way to; a machine without one just shows the line. */
function openInBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No opener: the printed address is enough.
  }
}

async function startBrowserMode(): Promise<void> {
  const native = ensureNativeForNode();
  if (!native.ok) throw new Error(`better-sqlite3 cannot be loaded in Node: ${native.reason}`);
  runQuietly(bin('vite'), ['build', '--config', 'vite.renderer.config.ts']);
  const host = await startWebHost({ port: 0, dataDir: path.join(PROJECT_ROOT, '.data') });
  // The demo line first: the "running at" line is the last thing printed, a signal that all is ready.
  if (host.demoUrl) process.stdout.write(`Demo carrier at ${host.demoUrl}\n`);
  process.stdout.write(`FrontDesk SMS is running at ${host.url}\n`);
  openInBrowser(host.url);

  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    host.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

async function main(): Promise<void> {
  const electron = findElectron();
  if (electron.ok) {
    await startElectron(electron.binary);
    return;
  }
  process.stdout.write(`${electron.why}: opening browser mode instead.\n`);
  await startBrowserMode();
}

main().catch((error: unknown) => {
  process.stderr.write(
    `FrontDesk SMS could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
