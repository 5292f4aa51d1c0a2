/**
 * The desk core's composition root: open the database, migrate, build the services and start the loops.
 * Plain Node: never imports electron, so tests, benchmarks and browser mode run the real app.
 */
import { dispatch, type CallContext, type Handlers } from './api/dispatch';
import { deskHandlers } from './api/desk';
import type { Carrier } from './carrier/carrier';
import { systemClock, type Clock } from './core/clock';
import { DeskEvents } from './core/events';
import { consoleLog, type Log } from './core/log';
import { openDatabase, type Db } from './db/open';
import { SettingsStore } from './settings/settings';
import type { ApiInput, ApiMethod, ApiOutput } from '../shared/api';
import { DeskError, type Result } from '../shared/errors';

export interface DeskOptions {
  dataDir: string;
  carrier: Carrier;
  clock?: Clock;
  log?: Log;
}

/** What every service and handler factory is built from. */
export interface DeskContext {
  db: Db;
  clock: Clock;
  log: Log;
  events: DeskEvents;
  settings: SettingsStore;
  carrier: Carrier;
}

export interface Desk {
  readonly context: DeskContext;
  readonly events: DeskEvents;
  /** Calls an API method with untrusted input, as every transport does. */
  call(method: string, input: unknown, callContext?: CallContext): Promise<Result<unknown>>;
  /** Calls an API method and unwraps the result, throwing a DeskError on failure (for tests and scripts). */
  request<M extends ApiMethod>(method: M, input: ApiInput<M>, callContext?: CallContext): Promise<ApiOutput<M>>;
  /** Starts the loops. */
  start(): void;
  /** Stops the loops, waits for work in flight and closes the database. */
  stop(): Promise<void>;
}

export function createDesk(options: DeskOptions): Desk {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? consoleLog;
  const db = openDatabase(options.dataDir);
  const events = new DeskEvents();
  const context: DeskContext = {
    db,
    clock,
    log,
    events,
    settings: new SettingsStore(db),
    carrier: options.carrier,
  };

  const handlers: Handlers = {
    ...deskHandlers(context),
  };

  let stopped = false;
  const call = (method: string, input: unknown, callContext: CallContext = {}) => {
    if (stopped) {
      return Promise.resolve<Result<unknown>>({
        ok: false,
        error: { code: 'internal', message: 'The desk is shutting down; try again in a moment.' },
      });
    }
    return dispatch(handlers, method, input, callContext, log);
  };

  return {
    context,
    events,
    call,
    async request(method, input, callContext) {
      const result = await call(method, input, callContext);
      if (!result.ok) throw new DeskError(result.error.code, result.error.message, result.error.field);
      return result.value as never;
    },
    start() {},
    async stop() {
      if (stopped) return;
      stopped = true;
      db.close();
    },
  };
}
