/** A consent service over an in-memory database and a fake clock, for tests of the consent rules. */
import { isCarrierStopWord } from '../carrier/stop-words';
import { FakeClock } from '../core/clock';
import { DeskEvents } from '../core/events';
import { openMemoryDatabase, type Db } from '../db/open';
import { currentConsent } from '../consent/ledger';
import { ConsentService, type ConsentServiceDeps } from '../consent/service';
import { renderSystemText } from '../consent/system-texts';
import { SettingsStore } from '../settings/settings';

export interface ConsentHarness {
  db: Db;
  clock: FakeClock;
  settings: SettingsStore;
  deps: ConsentServiceDeps;
  service: ConsentService;
  addClient(firstName: string, e164: string): number;
  state(e164: string): string;
  statuses(e164: string): { kind: string; status: string; body: string }[];
  receive(e164: string, text: string): number;
}

export function consentHarness(
  options: { carrierConfirmsOptOut?: boolean; carrierAnswersHelp?: boolean } = {},
): ConsentHarness {
  const db = openMemoryDatabase();
  const clock = new FakeClock();
  const settings = new SettingsStore(db);
  const deps: ConsentServiceDeps = {
    db,
    clock,
    events: new DeskEvents(),
    settings,
    systemText: (kind) => renderSystemText(settings.get(), kind),
    businessNumber: () => settings.get().sendingNumber,
    carrierConfirmsOptOut: (replyText) =>
      (options.carrierConfirmsOptOut ?? false) && isCarrierStopWord(replyText),
    carrierAnswersHelp: () => options.carrierAnswersHelp ?? false,
    wakeOutbox: () => {},
  };
  const service = new ConsentService(deps);
  return {
    db,
    clock,
    settings,
    deps,
    service,
    addClient(firstName, e164) {
      const now = clock.now();
      const id = Number(
        db
          .prepare('INSERT INTO clients (first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?)')
          .run(firstName, 'Tester', now, now).lastInsertRowid,
      );
      db.prepare("INSERT INTO phones (client_id, label, e164, is_texting) VALUES (?, 'mobile', ?, 1)").run(
        id,
        e164,
      );
      return id;
    },
    state: (e164) => currentConsent(db, e164),
    statuses: (e164) =>
      db
        .prepare(
          "SELECT kind, status, body FROM messages WHERE e164 = ? AND direction = 'outbound' ORDER BY id",
        )
        .all(e164) as { kind: string; status: string; body: string }[],
    receive(e164, text) {
      const now = clock.now();
      const messageId = Number(
        db
          .prepare(
            `INSERT INTO messages (direction, kind, status, e164, business_number, body, client_id, origin, created_at, updated_at)
             VALUES ('inbound', 'inbound', 'received', ?, ?, ?, (SELECT client_id FROM phones WHERE e164 = ? LIMIT 1), 'client', ?, ?)`,
          )
          .run(e164, settings.get().sendingNumber, text, e164, now, now).lastInsertRowid,
      );
      db.transaction(() => service.onInbound(messageId))();
      return messageId;
    },
  };
}
