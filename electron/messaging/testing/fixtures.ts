/** Builders for the loops' tests: a desk context over an in-memory database, rows, and a recording consent port. */
import type { DeskEvent } from '../../../shared/api';
import type { ConsentState, MessageKind, MessageOrigin, MessageStatus } from '../../../shared/domain';
import type { Carrier } from '../../carrier/carrier';
import { appendConsentEvent, currentConsent } from '../../consent/ledger';
import { FakeClock } from '../../core/clock';
import { DeskEvents } from '../../core/events';
import { silentLog, type Log } from '../../core/log';
import { openMemoryDatabase, type Db } from '../../db/open';
import { SettingsStore } from '../../settings/settings';
import type { ConsentPort } from '../consent-port';
import type { MessagingContext } from '../context';
import { FakeCarrier } from './fake-carrier';

export const BUSINESS_NUMBER = '+15550100000';

export interface TestDesk<C extends Carrier = FakeCarrier> {
  context: MessagingContext;
  db: Db;
  clock: FakeClock;
  carrier: C;
  /** Every push event, in order. */
  pushed: DeskEvent[];
}

export function createTestDesk(): TestDesk<FakeCarrier>;
export function createTestDesk<C extends Carrier>(options: {
  carrier: C;
  clock: FakeClock;
  db?: Db;
  log?: Log;
}): TestDesk<C>;
export function createTestDesk(
  options: { carrier?: Carrier; clock?: FakeClock; db?: Db; log?: Log } = {},
): TestDesk<Carrier> {
  const clock = options.clock ?? new FakeClock();
  const db = options.db ?? openMemoryDatabase();
  const carrier = options.carrier ?? new FakeCarrier(clock);
  const events = new DeskEvents();
  const pushed: DeskEvent[] = [];
  events.subscribe((event) => pushed.push(event));
  const context: MessagingContext = {
    db,
    clock,
    log: options.log ?? silentLog,
    events,
    settings: new SettingsStore(db),
    carrier,
  };
  return { context, db, clock, carrier, pushed };
}

export function addClient(db: Db, firstName: string, e164: string, at = 0): number {
  const client = db
    .prepare('INSERT INTO clients (first_name, created_at, updated_at) VALUES (?, ?, ?)')
    .run(firstName, at, at);
  const clientId = Number(client.lastInsertRowid);
  db.prepare('INSERT INTO phones (client_id, e164, is_texting) VALUES (?, ?, 1)').run(clientId, e164);
  return clientId;
}

/** Moves a number to `to` through the ledger, by the shortest legal path (a test setup shortcut). */
export function setConsent(db: Db, e164: string, to: ConsentState, at: number): void {
  if (currentConsent(db, e164) === to) return;
  appendConsentEvent(db, { e164, to, source: 'staff', reason: 'test setup', at, staffName: 'Test' });
}

export interface NewTestMessage {
  e164: string;
  body: string;
  kind?: Exclude<MessageKind, 'inbound'>;
  status?: MessageStatus;
  origin?: MessageOrigin;
  clientId?: number | null;
  at: number;
  notBefore?: number | null;
  expiresAt?: number | null;
}

export function queueOutbound(db: Db, message: NewTestMessage): number {
  const status = message.status ?? 'queued';
  const result = db
    .prepare(
      `INSERT INTO messages (direction, kind, status, e164, business_number, body, client_id, origin, next_attempt_at,
         not_before, expires_at, created_at, updated_at)
       VALUES ('outbound', @kind, @status, @e164, @business, @body, @clientId, @origin, @nextAttemptAt, @notBefore,
         @expiresAt, @at, @at)`,
    )
    .run({
      kind: message.kind ?? 'manual',
      status,
      e164: message.e164,
      business: BUSINESS_NUMBER,
      body: message.body,
      clientId: message.clientId ?? null,
      origin: message.origin ?? (message.kind === 'automated' ? 'automation' : 'staff'),
      nextAttemptAt: status === 'queued' ? message.at : null,
      notBefore: message.notBefore ?? null,
      expiresAt: message.expiresAt ?? null,
      at: message.at,
    });
  return Number(result.lastInsertRowid);
}

export interface MessageRowForTest {
  id: number;
  direction: string;
  kind: MessageKind;
  status: MessageStatus;
  e164: string;
  body: string;
  client_id: number | null;
  carrier_id: string | null;
  error_code: string | null;
  error_reason: string | null;
  status_reason: string | null;
  attempts: number;
  next_attempt_at: number | null;
  created_at: number;
  sent_at: number | null;
}

export function messageRow(db: Db, id: number): MessageRowForTest {
  const row = db.prepare('SELECT * FROM messages WHERE id = ?').get(id) as MessageRowForTest | undefined;
  if (!row) throw new Error(`no message ${id}`);
  return row;
}

export function allMessages(db: Db, direction: 'inbound' | 'outbound'): MessageRowForTest[] {
  return db
    .prepare('SELECT * FROM messages WHERE direction = ? ORDER BY id')
    .all(direction) as MessageRowForTest[];
}

/**
 * Stands in for the lead's consent service: records every call and, like the real one, turns a number
 * opted_out (source carrier) when the carrier says so.
 */
export class RecordingConsentPort implements ConsentPort {
  readonly inbound: number[] = [];
  readonly carrierOptOuts: {
    e164: string;
    reason: string;
    messageId: number | null;
    inTransaction: boolean;
  }[] = [];

  constructor(
    private readonly db: Db,
    private readonly clock: FakeClock | { now(): number },
    private readonly onInboundHook?: (messageId: number) => void,
  ) {}

  onInbound(messageId: number): void {
    this.inbound.push(messageId);
    this.onInboundHook?.(messageId);
  }

  onCarrierOptOut(e164: string, reason: string, messageId: number | null): void {
    this.carrierOptOuts.push({ e164, reason, messageId, inTransaction: this.db.inTransaction });
    if (currentConsent(this.db, e164) === 'opted_out') return;
    appendConsentEvent(this.db, {
      e164,
      to: 'opted_out',
      source: 'carrier',
      reason,
      messageId,
      at: this.clock.now(),
    });
  }
}

/**
 * Moves a fake clock forward in steps, and after each step waits for the passes its timers started, so a loop
 * that schedules its next run from inside an async pass is driven the way real time would drive it.
 */
export async function drive(
  clock: FakeClock,
  ms: number,
  loops: { idle(): Promise<void> }[],
  stepMs = 250,
): Promise<void> {
  for (let left = ms; left > 0; left -= stepMs) {
    clock.advance(Math.min(stepMs, left));
    for (const loop of loops) await loop.idle();
  }
}
