/**
 * The desk core's composition root: open the database, migrate, build the services and start the loops.
 * Plain Node: never imports electron, so tests, benchmarks and browser mode run the real app.
 */
import { dispatch, type CallContext, type Handlers } from './api/dispatch';
import { appointmentHandlers } from './api/appointments';
import { clientsHandlers } from './api/clients';
import { carrierHandlers } from './api/carrier';
import { deskHandlers } from './api/desk';
import { messageHandlers } from './api/messages';
import { settingsHandlers } from './api/settings';
import { ConsentService } from './consent/service';
import { renderSystemText } from './consent/system-texts';
import type { Carrier } from './carrier/carrier';
import { isCarrierStopWord } from './carrier/stop-words';
import type { CredentialStore } from './carrier/credentials';
import type { OpenedCarrier } from './carrier/open';
import { systemClock, type Clock } from './core/clock';
import { DeskEvents } from './core/events';
import { consoleLog, type Log } from './core/log';
import { openDatabase, type Db } from './db/open';
import { ExpiryTimer } from './consent/expiry-timer';
import { createAutomation } from './automation/scheduler';
import { createMessagingLoops, type MessagingLoops, type MessagingOptions } from './messaging/loops';
import { SettingsStore } from './settings/settings';
import type { ApiInput, ApiMethod, ApiOutput } from '../shared/api';
import { DeskError, type Result } from '../shared/errors';

/** Hosts call this on start unless `--empty`: demo clients go only into a database with none. */
export { seedDemoData } from './demo/seed';

export interface DeskOptions {
  dataDir: string;
  carrier: Carrier;
  /**
   * Where Telnyx credentials are kept (browser mode: a 0600 file; Electron: safeStorage). With `openedCarrier`
   * it lets the carrier settings be saved and cleared; without them those methods answer that they cannot.
   */
  credentials?: CredentialStore;
  /** The carrier as openCarrier opened it (pass `openedCarrier.carrier` as `carrier` too): re-pointed on save/clear, and its demo carrier takes simulated replies. */
  openedCarrier?: OpenedCarrier;
  clock?: Clock;
  log?: Log;
  /** Tuning for the outbox and sync loops (tests shorten timers). */
  messaging?: MessagingOptions;
}

/** What every service and handler factory is built from. */
export interface DeskContext {
  db: Db;
  clock: Clock;
  log: Log;
  events: DeskEvents;
  settings: SettingsStore;
  carrier: Carrier;
  /** See DeskOptions.credentials. */
  credentials?: CredentialStore;
  /** See DeskOptions.openedCarrier. */
  openedCarrier?: OpenedCarrier;
  dataDir: string;
  consent: ConsentService;
  /** Nudges the outbox after something was queued. */
  wakeOutbox(): void;
  /** Asks the sync poller to run now (a simulated reply was just injected). */
  pollSoon(): void;
}

export interface Desk {
  readonly context: DeskContext;
  readonly events: DeskEvents;
  /** Calls an API method with untrusted input, as every transport does. */
  call(method: string, input: unknown, callContext?: CallContext): Promise<Result<unknown>>;
  /** Calls an API method and unwraps the result, throwing a DeskError on failure (for tests and scripts). */
  request<M extends ApiMethod>(
    method: M,
    input: ApiInput<M>,
    callContext?: CallContext,
  ): Promise<ApiOutput<M>>;
  readonly loops: MessagingLoops;
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
  const settings = new SettingsStore(db);
  // Bound to the outbox once the loops exist; the consent service is built first because the loops need it.
  let wakeOutbox = () => {};
  let pollSoon = () => {};
  const consent = new ConsentService({
    db,
    clock,
    events,
    settings,
    systemText: (kind, clientId) => {
      const client =
        clientId === null
          ? undefined
          : (db.prepare('SELECT first_name FROM clients WHERE id = ?').get(clientId) as
              { first_name: string } | undefined);
      return renderSystemText(settings.get(), kind, client?.first_name);
    },
    businessNumber: () => settings.get().sendingNumber,
    carrierConfirmsOptOut: (replyText) =>
      settings.get().carrierSendsOptOutConfirmation && isCarrierStopWord(replyText),
    carrierAnswersHelp: () => settings.get().helpAnsweredByCarrier,
    wakeOutbox: () => wakeOutbox(),
  });
  const context: DeskContext = {
    db,
    clock,
    log,
    events,
    settings,
    carrier: options.carrier,
    credentials: options.credentials,
    openedCarrier: options.openedCarrier,
    dataDir: options.dataDir,
    consent,
    wakeOutbox: () => wakeOutbox(),
    pollSoon: () => pollSoon(),
  };

  const loops = createMessagingLoops(context, consent, options.messaging);
  wakeOutbox = () => loops.outbox.wake();
  pollSoon = () => void loops.sync.syncNow();
  // A new carrier (demo ⇄ Telnyx) has its own records: the poller starts over with it.
  const stopWatchingCarrier = options.openedCarrier?.carrier.onSwitch(() => loops.sync.carrierChanged());
  const housekeeping = new ExpiryTimer(context);
  const automation = createAutomation(context);

  const handlers: Handlers = {
    ...deskHandlers(context, () => loops.sync.status()),
    ...carrierHandlers(context),
    ...messageHandlers(context),
    ...settingsHandlers(context),
    ...clientsHandlers(context),
    ...appointmentHandlers(context, automation),
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
    loops,
    start() {
      loops.start();
      housekeeping.start();
      automation.start();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      housekeeping.stop();
      automation.stop();
      stopWatchingCarrier?.();
      await loops.stop();
      db.close();
    },
  };
}
