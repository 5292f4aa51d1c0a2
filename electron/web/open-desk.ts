import { openCarrier, type OpenedCarrier } from '../carrier/open';
import type { CredentialStore } from '../carrier/credentials';
import { systemClock, type Clock } from '../core/clock';
import { consoleLog, type Log } from '../core/log';
import { createDesk, seedDemoData, type Desk } from '../desk';

export interface RunningDeskOptions {
  dataDir: string;
  /** Where the carrier credentials live: a file in browser mode, safeStorage in Electron. */
  credentials: CredentialStore;
  /** Leave a new database empty instead of adding demo clients. */
  empty?: boolean;
  /** The demo carrier's port when there are no credentials; 0 picks a free one. */
  demoPort?: number;
  clock?: Clock;
  log?: Log;
}

export interface RunningDesk {
  readonly desk: Desk;
  readonly carrier: OpenedCarrier;
  /** Stops the loops, closes the database, then stops the demo carrier. Idempotent. */
  close(): Promise<void>;
}

/**
 * The start-up both hosts share (browser mode and the Electron shell): carrier, then desk, then demo data, then
 * the loops. If any step fails, what was already opened is closed again before the error goes up.
 */
export async function openRunningDesk(options: RunningDeskOptions): Promise<RunningDesk> {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? consoleLog;
  const carrier = await openCarrier({
    credentials: options.credentials,
    clock,
    log,
    demoPort: options.demoPort ?? 0,
  });

  let desk: Desk;
  try {
    desk = createDesk({
      dataDir: options.dataDir,
      carrier: carrier.carrier,
      credentials: options.credentials,
      openedCarrier: carrier,
      clock,
      log,
    });
  } catch (error) {
    await carrier.close();
    throw error;
  }
  try {
    // Demo clients only with the demo carrier, and only into a database with none: real desks start clean.
    if (!options.empty && carrier.carrier.mode === 'demo') seedDemoData(desk.context);
    desk.start();
  } catch (error) {
    await desk.stop();
    await carrier.close();
    throw error;
  }

  let closing: Promise<void> | null = null;
  return {
    desk,
    carrier,
    close() {
      closing ??= (async () => {
        try {
          await desk.stop();
        } finally {
          await carrier.close();
        }
      })();
      return closing;
    },
  };
}
