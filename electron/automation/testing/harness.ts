/**
 * The automation over a real database file and a fake clock, without the messaging loops: tests look at the
 * rows the scheduler and the consent service write. `restart()` closes the database and opens it again from
 * the same folder, as a desk restart would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppointmentView } from '../../../shared/api/appointments';
import type { ConsentState } from '../../../shared/domain';
import { appendConsentEvent, currentConsent } from '../../consent/ledger';
import { ConsentService } from '../../consent/service';
import { renderSystemText } from '../../consent/system-texts';
import { FakeClock } from '../../core/clock';
import { DeskEvents } from '../../core/events';
import { memoryLog } from '../../core/log';
import { openDatabase, type Db } from '../../db/open';
import { SettingsStore } from '../../settings/settings';
import { AppointmentService } from '../appointments';
import { createAutomation, type AutomationScheduler } from '../scheduler';

export const HOUR = 60 * 60 * 1000;
export const MINUTE = 60 * 1000;
export const DAY = 24 * HOUR;

export interface TextRow {
  id: number;
  kind: string;
  automation: string | null;
  appointment_id: number | null;
  status: string;
  status_reason: string | null;
  not_before: number | null;
  expires_at: number | null;
  body: string;
  created_at: number;
}

export interface AutomationHarness {
  dir: string;
  db: Db;
  clock: FakeClock;
  settings: SettingsStore;
  consent: ConsentService;
  scheduler: AutomationScheduler;
  appointments: AppointmentService;
  log: ReturnType<typeof memoryLog>;
  /** A client with a texting number and pets; returns the ids. */
  addClient(firstName: string, e164: string | null, pets?: string[]): { clientId: number; petIds: number[] };
  setConsent(e164: string, state: Exclude<ConsentState, 'unknown'>): void;
  book(clientId: number, petId: number, startsAt: number, hours?: number, service?: string): AppointmentView;
  /** Outbound texts to a number, oldest first. */
  outbound(e164: string): TextRow[];
  automated(appointmentId: number): TextRow[];
  /** A client's reply, stored and applied in one transaction as the sync poller does. */
  receive(e164: string, text: string): void;
  state(e164: string): ConsentState;
  /** Closes this desk and opens the same database again, with a new scheduler (started unless told). */
  restart(options?: { start?: boolean }): Promise<AutomationHarness>;
  /** Stops the scheduler and closes the database once the consent service's after-commit pushes have run. */
  close(): Promise<void>;
}

export function automationHarness(
  options: { clock?: FakeClock; dir?: string; start?: boolean } = {},
): AutomationHarness {
  const dir = options.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-automation-'));
  const clock = options.clock ?? new FakeClock();
  const db = openDatabase(dir);
  const settings = new SettingsStore(db);
  const events = new DeskEvents();
  const log = memoryLog();
  const consent = new ConsentService({
    db,
    clock,
    events,
    settings,
    systemText: (kind) => renderSystemText(settings.get(), kind),
    businessNumber: () => settings.get().sendingNumber,
    carrierConfirmsOptOut: () => true,
    carrierAnswersHelp: () => false,
    wakeOutbox: () => {},
  });
  const scheduler = createAutomation({ db, clock, log, events, settings, consent });
  const appointments = new AppointmentService({
    db,
    clock,
    events,
    settings,
    wakeAutomation: () => scheduler.wake(),
  });
  if (options.start !== false) scheduler.start();

  const rows = (where: string, value: string | number) =>
    db
      .prepare(
        `SELECT id, kind, automation, appointment_id, status, status_reason, not_before, expires_at, body, created_at
         FROM messages WHERE direction = 'outbound' AND ${where} ORDER BY id`,
      )
      .all(value) as TextRow[];

  const harness: AutomationHarness = {
    dir,
    db,
    clock,
    settings,
    consent,
    scheduler,
    appointments,
    log,
    addClient(firstName, e164, pets = ['Rex']) {
      const now = clock.now();
      const clientId = Number(
        db
          .prepare(
            "INSERT INTO clients (first_name, last_name, created_at, updated_at) VALUES (?, 'Tester', ?, ?)",
          )
          .run(firstName, now, now).lastInsertRowid,
      );
      if (e164 !== null) {
        db.prepare("INSERT INTO phones (client_id, label, e164, is_texting) VALUES (?, 'mobile', ?, 1)").run(
          clientId,
          e164,
        );
      }
      const petIds = pets.map((name, position) =>
        Number(
          db
            .prepare('INSERT INTO pets (client_id, name, position) VALUES (?, ?, ?)')
            .run(clientId, name, position).lastInsertRowid,
        ),
      );
      return { clientId, petIds };
    },
    setConsent(e164, state) {
      appendConsentEvent(db, { e164, to: state, source: 'import', reason: 'test', at: clock.now() });
    },
    book(clientId, petId, startsAt, hours = 2, service = 'Grooming') {
      return appointments.create({ clientId, petId, service, startsAt, endsAt: startsAt + hours * HOUR });
    },
    outbound: (e164) => rows('e164 = ?', e164),
    automated: (appointmentId) => rows('appointment_id = ?', appointmentId),
    receive(e164, text) {
      const now = clock.now();
      db.transaction(() => {
        const messageId = Number(
          db
            .prepare(
              `INSERT INTO messages (direction, kind, status, e164, business_number, body, client_id, origin,
                 created_at, updated_at)
               VALUES ('inbound', 'inbound', 'received', ?, ?, ?,
                 (SELECT client_id FROM phones WHERE e164 = ? LIMIT 1), 'client', ?, ?)`,
            )
            .run(e164, settings.get().sendingNumber, text, e164, now, now).lastInsertRowid,
        );
        consent.onInbound(messageId);
      })();
    },
    state: (e164) => currentConsent(db, e164),
    async restart(restartOptions = {}) {
      await harness.close();
      return automationHarness({ clock, dir, start: restartOptions.start ?? true });
    },
    async close() {
      scheduler.stop();
      await new Promise((resolve) => setImmediate(resolve));
      if (db.open) db.close();
    },
  };
  return harness;
}

export async function removeHarnessDir(harness: AutomationHarness): Promise<void> {
  await harness.close();
  fs.rmSync(harness.dir, { recursive: true, force: true });
}
