import { fileURLToPath } from 'node:url';
import { fileCredentialStore } from '../carrier/credentials';
import type { Clock } from '../core/clock';
import { consoleLog, type Log } from '../core/log';
import type { Desk } from '../desk';
import { openRunningDesk } from './open-desk';
import { newLaunchToken } from './security';
import { createWebServer } from './server';

export const DEFAULT_STATIC_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

export interface WebHostOptions {
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  /** Leave the database empty instead of adding demo clients to a new one. */
  empty?: boolean;
  /** The built renderer; defaults to out/renderer. */
  staticDir?: string;
  /** The demo carrier's port when there are no credentials; 0 (the default) picks a free one. */
  demoPort?: number;
  clock?: Clock;
  log?: Log;
}

export interface WebHost {
  /** The address to open, with this launch's key. */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  /** The demo carrier's address while the desk runs on it. */
  readonly demoUrl: string | null;
  readonly desk: Desk;
  /** Stops taking requests, ends event streams, stops the desk (loops, database) and the carrier. Idempotent. */
  close(): Promise<void>;
}

/**
 * Browser mode: the real desk core in this Node process, its screens and API served on 127.0.0.1. Used by
 * `npm run web`, by the end-to-end tests and by `npm start` when Electron cannot run.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const log = options.log ?? consoleLog;
  const running = await openRunningDesk({
    dataDir: options.dataDir,
    credentials: fileCredentialStore(options.dataDir),
    empty: options.empty ?? false,
    demoPort: options.demoPort ?? 0,
    log,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });

  const token = newLaunchToken();
  const server = createWebServer({
    desk: running.desk,
    token,
    staticDir: options.staticDir ?? DEFAULT_STATIC_DIR,
    log,
  });
  let port: number;
  try {
    port = await server.listen(options.port);
  } catch (error) {
    await running.close();
    throw new Error(
      `Browser mode could not listen on 127.0.0.1:${options.port}: ${(error as Error).message}`,
    );
  }

  const origin = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | null = null;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port,
    token,
    get demoUrl() {
      return running.carrier.demo?.url ?? null;
    },
    desk: running.desk,
    close() {
      closing ??= (async () => {
        try {
          await server.close();
        } finally {
          await running.close();
        }
      })();
      return closing;
    },
  };
}
