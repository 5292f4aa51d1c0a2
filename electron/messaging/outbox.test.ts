import { describe, expect, it } from 'vitest';
import { CarrierError } from '../carrier/carrier';
import { currentConsent } from '../consent/ledger';
import { createMessagingLoops, type MessagingOptions } from './loops';
import {
  addClient,
  allMessages,
  createTestDesk,
  drive,
  messageRow,
  queueOutbound,
  RecordingConsentPort,
  setConsent,
} from './testing/fixtures';

const ANNA = '+15551230001';
const BEN = '+15551230002';

function setup(options: MessagingOptions = {}) {
  const desk = createTestDesk();
  const port = new RecordingConsentPort(desk.db, desk.clock);
  const loops = createMessagingLoops(desk.context, port, {
    ...options,
    outbox: { random: () => 0.5, ...options.outbox },
  });
  const { outbox } = loops;
  /** Moves the fake clock in small steps, letting each pass the timers start finish before the next step. */
  const advance = (ms: number) => drive(desk.clock, ms, [outbox, loops.sync]);
  return { ...desk, port, loops, outbox, advance };
}

describe('outbox: sending', () => {
  it('sends a queued text to an opted-in number once and records the carrier id', async () => {
    const t = setup();
    const clientId = addClient(t.db, 'Anna', ANNA);
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const id = queueOutbound(t.db, {
      e164: ANNA,
      body: 'Max is ready for pickup',
      clientId,
      at: t.clock.now(),
    });

    await t.outbox.flush();

    expect(t.carrier.accepted.map((m) => [m.to, m.text])).toEqual([[ANNA, 'Max is ready for pickup']]);
    const row = messageRow(t.db, id);
    expect(row.status).toBe('sent');
    expect(row.carrier_id).toBe(t.carrier.accepted[0]!.carrierId);
    expect(row.attempts).toBe(1);

    await t.outbox.flush();
    expect(t.carrier.accepted).toHaveLength(1);
  });

  it('pushes message.changed only after the change is committed', async () => {
    const t = setup();
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const id = queueOutbound(t.db, { e164: ANNA, body: 'hi', at: t.clock.now() });
    const seen: { status: string; inTransaction: boolean }[] = [];
    t.context.events.subscribe((event) => {
      if (event.name === 'message.changed' && (event.payload as { messageId: number }).messageId === id) {
        seen.push({ status: messageRow(t.db, id).status, inTransaction: t.db.inTransaction });
      }
    });

    await t.outbox.flush();

    expect(seen).toEqual([
      { status: 'sending', inTransaction: false },
      { status: 'sent', inTransaction: false },
    ]);
  });

  it('sends nothing before not_before, then sends by its own timer', async () => {
    const t = setup();
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const morning = t.clock.now() + 3 * 60 * 60_000;
    const id = queueOutbound(t.db, {
      e164: ANNA,
      body: 'Reminder',
      kind: 'automated',
      at: t.clock.now(),
      notBefore: morning,
    });
    t.outbox.start();
    await t.outbox.idle();
    expect(t.carrier.accepted).toHaveLength(0);

    await t.advance(3 * 60 * 60_000 - 1);
    expect(t.carrier.accepted).toHaveLength(0);
    await t.advance(1);
    expect(t.carrier.accepted).toHaveLength(1);
    expect(messageRow(t.db, id).status).toBe('sent');
    await t.outbox.stop();
  });

  it('expires a queued text whose time has passed instead of sending it', async () => {
    const t = setup();
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const id = queueOutbound(t.db, {
      e164: ANNA,
      body: 'See you at 10',
      kind: 'automated',
      at: t.clock.now() - 1000,
      expiresAt: t.clock.now(),
    });
    await t.outbox.flush();
    expect(t.carrier.accepted).toHaveLength(0);
    expect(messageRow(t.db, id)).toMatchObject({
      status: 'expired',
      status_reason: 'Expired: its appointment had already begun',
    });
  });

  it('keeps to messagesPerSecond with a token bucket', async () => {
    const t = setup();
    t.context.settings.update({ messagesPerSecond: 2 });
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    for (let i = 0; i < 5; i++) queueOutbound(t.db, { e164: ANNA, body: `text ${i}`, at: t.clock.now() });
    t.outbox.start();
    await t.outbox.idle();
    expect(t.carrier.accepted).toHaveLength(1);
    await t.advance(499);
    expect(t.carrier.accepted).toHaveLength(1);
    await t.advance(1);
    expect(t.carrier.accepted).toHaveLength(2);
    await t.advance(1500);
    expect(t.carrier.accepted.map((m) => m.text)).toEqual(['text 0', 'text 1', 'text 2', 'text 3', 'text 4']);
    await t.outbox.stop();
  });

  it('wake() sends something queued after the outbox went idle', async () => {
    const t = setup();
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    t.outbox.start();
    await t.outbox.idle();
    expect(t.clock.pendingTimers()).toBe(0);
    queueOutbound(t.db, { e164: ANNA, body: 'late addition', at: t.clock.now() });
    t.outbox.wake();
    await t.outbox.idle();
    expect(t.carrier.accepted.map((m) => m.text)).toEqual(['late addition']);
    await t.outbox.stop();
  });

  it('stop() waits for the send in flight, records it, and claims nothing more', async () => {
    const t = setup();
    t.context.settings.update({ messagesPerSecond: 50 });
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const first = queueOutbound(t.db, { e164: ANNA, body: 'one', at: t.clock.now() });
    const second = queueOutbound(t.db, { e164: ANNA, body: 'two', at: t.clock.now() });
    const release = t.carrier.holdSends();
    t.outbox.start();
    expect(messageRow(t.db, first).status).toBe('sending');

    let stopped = false;
    const stopping = t.outbox.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    release();
    await stopping;

    expect(messageRow(t.db, first).status).toBe('sent');
    expect(messageRow(t.db, second).status).toBe('queued');
    expect(t.carrier.accepted.map((m) => m.text)).toEqual(['one']);
    expect(t.clock.pendingTimers()).toBe(0);
  });
});

describe('outbox: carrier faults', () => {
  it('honours Retry-After on 429 and sends once when the carrier takes it', async () => {
    const t = setup();
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const id = queueOutbound(t.db, { e164: ANNA, body: 'hello', at: t.clock.now() });
    t.carrier.refuseNextSends(
      new CarrierError('rate_limited', 'Too many requests', { status: 429, retryAfterMs: 7_000 }),
    );
    t.outbox.start();
    await t.outbox.idle();

    const waiting = messageRow(t.db, id);
    expect(waiting.status).toBe('queued');
    expect(waiting.next_attempt_at).toBeGreaterThanOrEqual(t.clock.now() + 7_000);
    expect(waiting.status_reason).toMatch(/slow down/);

    await t.advance(6_999);
    expect(t.carrier.calls.filter((c) => c === 'send')).toHaveLength(1);
    await t.advance(1_000);
    expect(t.carrier.accepted).toHaveLength(1);
    expect(messageRow(t.db, id)).toMatchObject({
      status: 'sent',
      attempts: 2,
      error_code: null,
      status_reason: null,
    });
    await t.outbox.stop();
  });

  it('backs off with growing delays while the carrier is down, reports offline, and loses nothing', async () => {
    const t = setup({ outbox: { backoff: { baseMs: 1_000, maxMs: 60_000 } } });
    t.context.settings.update({ messagesPerSecond: 50 });
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const ids = [1, 2, 3].map((n) =>
      queueOutbound(t.db, { e164: ANNA, body: `text ${n}`, at: t.clock.now() }),
    );
    t.carrier.down = true;
    t.loops.start();
    await t.outbox.idle();
    await t.loops.sync.idle();

    const gaps: number[] = [];
    let last = t.clock.now();
    for (let i = 0; i < 5; i++) {
      const before = t.carrier.calls.filter((c) => c === 'send').length;
      while (t.carrier.calls.filter((c) => c === 'send').length === before) await t.advance(250);
      gaps.push(t.clock.now() - last);
      last = t.clock.now();
    }
    // Equal jitter at 0.5: three quarters of 1, 2, 4, 8, 16 s.
    expect(gaps).toEqual([750, 1_500, 3_000, 6_000, 12_000]);
    expect(t.loops.sync.status()).toMatchObject({ online: false, waiting: 3 });
    expect(t.loops.sync.status().problem).toMatch(/cannot be reached/);

    t.carrier.down = false;
    await t.advance(60_000);
    expect(t.carrier.accepted.map((m) => m.text)).toEqual(['text 1', 'text 2', 'text 3']);
    for (const id of ids) expect(messageRow(t.db, id).status).toBe('sent');
    expect(t.loops.sync.status()).toMatchObject({ online: true, waiting: 0, problem: null });
    await t.loops.stop();
  });

  it('fails a text the carrier refuses for good, with the reason, and never retries it', async () => {
    const t = setup();
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const id = queueOutbound(t.db, { e164: ANNA, body: 'hi', at: t.clock.now() });
    t.carrier.refuseNextSends(
      new CarrierError('invalid_number', 'The destination number is a landline', { code: '40310' }),
    );
    t.outbox.start();
    await t.outbox.idle();
    await t.advance(60 * 60_000);
    expect(messageRow(t.db, id)).toMatchObject({
      status: 'failed',
      error_code: '40310',
      error_reason: "The destination number is a landline. Check the number on the client's card.",
    });
    expect(t.carrier.calls.filter((c) => c === 'send')).toHaveLength(1);
    await t.outbox.stop();
  });

  it('on 40300 fails the text and tells the consent port in the same transaction', async () => {
    const t = setup();
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const id = queueOutbound(t.db, { e164: ANNA, body: 'hi', at: t.clock.now() });
    const later = queueOutbound(t.db, { e164: ANNA, body: 'another', at: t.clock.now() });
    t.carrier.blockedNumbers.add(ANNA);
    t.context.settings.update({ messagesPerSecond: 50 });

    t.outbox.start();
    await t.advance(1_000);
    await t.outbox.stop();

    expect(messageRow(t.db, id)).toMatchObject({ status: 'failed', error_code: '40300' });
    expect(messageRow(t.db, id).error_reason).toMatch(/texted STOP/);
    expect(t.port.carrierOptOuts).toEqual([
      { e164: ANNA, reason: expect.stringMatching(/40300/), messageId: id, inTransaction: true },
    ]);
    expect(currentConsent(t.db, ANNA)).toBe('opted_out');
    // The gate sees the new state at once: the next text is blocked, not sent.
    expect(messageRow(t.db, later).status).toBe('blocked');
    expect(t.carrier.accepted).toHaveLength(0);
  });
});

describe('outbox: unknown outcomes are reconciled, never sent twice blindly', () => {
  it('a timeout after the carrier took the text: found in its records, not sent again', async () => {
    const t = setup({ outbox: { reconcileDelayMs: 5_000 } });
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const id = queueOutbound(t.db, { e164: ANNA, body: 'Your pet is checked in', at: t.clock.now() });
    t.carrier.acceptThenLoseNextSend();
    t.outbox.start();
    await t.outbox.idle();
    expect(messageRow(t.db, id)).toMatchObject({ status: 'sending', carrier_id: null });

    await t.advance(60 * 60_000);

    expect(t.carrier.accepted).toHaveLength(1);
    expect(t.carrier.calls.filter((c) => c === 'send')).toHaveLength(1);
    expect(messageRow(t.db, id)).toMatchObject({
      status: 'sent',
      carrier_id: t.carrier.accepted[0]!.carrierId,
    });
    await t.outbox.stop();
  });

  it('records that appear late: keeps looking through the grace period and does not resend', async () => {
    const t = setup({
      outbox: { reconcileDelayMs: 5_000, reconcileRetryMs: 10_000, reconcileGraceMs: 120_000 },
    });
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const id = queueOutbound(t.db, { e164: ANNA, body: 'Late records', at: t.clock.now() });
    t.carrier.recordDelayMs = 90_000;
    t.carrier.acceptThenLoseNextSend();
    t.outbox.start();
    await t.outbox.idle();
    await t.advance(60_000);
    expect(messageRow(t.db, id).status).toBe('sending');
    await t.advance(60 * 60_000);
    expect(t.carrier.accepted).toHaveLength(1);
    expect(messageRow(t.db, id).status).toBe('sent');
    await t.outbox.stop();
  });

  it('a timeout before the carrier took it: no record after the grace period, so it is sent once more', async () => {
    const t = setup({
      outbox: { reconcileDelayMs: 5_000, reconcileRetryMs: 10_000, reconcileGraceMs: 60_000 },
    });
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const id = queueOutbound(t.db, { e164: ANNA, body: 'Lost on the way', at: t.clock.now() });
    t.carrier.refuseNextSends(new CarrierError('unknown_outcome', 'socket hang up'));
    t.outbox.start();
    await t.outbox.idle();
    await t.advance(59_999);
    expect(t.carrier.calls.filter((c) => c === 'send')).toHaveLength(1);
    await t.advance(60 * 60_000);
    expect(t.carrier.accepted).toHaveLength(1);
    expect(messageRow(t.db, id)).toMatchObject({ status: 'sent', attempts: 2 });
    await t.outbox.stop();
  });

  it('a row left `sending` by a killed app is reconciled at start-up, not resent', async () => {
    const t = setup();
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const id = queueOutbound(t.db, { e164: ANNA, body: 'Sent before the crash', at: t.clock.now() });
    // The previous run claimed the row and the carrier took the text; then the app died.
    const claimedAt = t.clock.now();
    t.db
      .prepare(
        `UPDATE messages SET status = 'sending', attempts = 1, sent_at = ?, next_attempt_at = ? WHERE id = ?`,
      )
      .run(claimedAt, claimedAt + 5_000, id);
    await t.carrier.send({ from: '+15550100000', to: ANNA, text: 'Sent before the crash' });
    t.clock.advance(60_000);

    t.outbox.start();
    await t.outbox.idle();

    expect(t.carrier.accepted).toHaveLength(1);
    expect(messageRow(t.db, id)).toMatchObject({
      status: 'sent',
      carrier_id: t.carrier.accepted[0]!.carrierId,
    });
    await t.outbox.stop();
  });

  it('two identical unsure texts to one number each claim their own carrier record', async () => {
    const t = setup({ outbox: { reconcileGraceMs: 60_000 } });
    t.context.settings.update({ messagesPerSecond: 50 });
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const a = queueOutbound(t.db, { e164: ANNA, body: 'Same words', at: t.clock.now() });
    const b = queueOutbound(t.db, { e164: ANNA, body: 'Same words', at: t.clock.now() });
    t.carrier.acceptThenLoseNextSend();
    t.carrier.acceptThenLoseNextSend();
    t.outbox.start();
    await t.outbox.idle();
    await t.advance(10 * 60_000);
    expect(t.carrier.accepted).toHaveLength(2);
    const ids = [messageRow(t.db, a).carrier_id, messageRow(t.db, b).carrier_id];
    expect(new Set(ids)).toEqual(new Set(t.carrier.accepted.map((m) => m.carrierId)));
    await t.outbox.stop();
  });
});

describe('outbox: the gate in the claiming transaction', () => {
  it('holds a manual text to a number that has not opted in, and blocks one to an opted-out number', async () => {
    const t = setup();
    t.context.settings.update({ messagesPerSecond: 50 });
    setConsent(t.db, BEN, 'opted_out', t.clock.now());
    const toUnknown = queueOutbound(t.db, { e164: ANNA, body: 'hi Anna', at: t.clock.now() });
    const toOptedOut = queueOutbound(t.db, { e164: BEN, body: 'hi Ben', at: t.clock.now() });
    const request = queueOutbound(t.db, {
      e164: ANNA,
      body: 'Reply YES',
      kind: 'opt_in_request',
      at: t.clock.now(),
    });

    await t.outbox.flush();
    // Refusals need no send token: all three were decided in one pass.

    expect(messageRow(t.db, toUnknown)).toMatchObject({
      status: 'held',
      status_reason: expect.stringMatching(/opt in/),
    });
    expect(messageRow(t.db, toOptedOut)).toMatchObject({
      status: 'blocked',
      status_reason: expect.stringMatching(/opted out/),
    });
    expect(messageRow(t.db, request).status).toBe('sent');
    expect(t.carrier.accepted.map((m) => m.text)).toEqual(['Reply YES']);
  });

  it('sends one opt-out confirmation after the latest opt-out, and blocks a second', async () => {
    const t = setup();
    t.context.settings.update({ messagesPerSecond: 50 });
    setConsent(t.db, ANNA, 'opted_in', t.clock.now() - 10_000);
    setConsent(t.db, ANNA, 'opted_out', t.clock.now());
    const first = queueOutbound(t.db, {
      e164: ANNA,
      body: 'You are unsubscribed',
      kind: 'opt_out_confirmation',
      at: t.clock.now(),
    });
    const second = queueOutbound(t.db, {
      e164: ANNA,
      body: 'You are unsubscribed',
      kind: 'opt_out_confirmation',
      at: t.clock.now(),
    });
    const help = queueOutbound(t.db, {
      e164: ANNA,
      body: 'Happy Tails: call us',
      kind: 'help_reply',
      at: t.clock.now(),
    });

    t.outbox.start();
    await t.advance(1_000);
    await t.outbox.stop();

    expect(messageRow(t.db, first).status).toBe('sent');
    expect(messageRow(t.db, second)).toMatchObject({
      status: 'blocked',
      status_reason: expect.stringMatching(/already confirmed once/),
    });
    expect(messageRow(t.db, help).status).toBe('sent');
    expect(t.carrier.accepted.map((m) => m.text)).toEqual(['You are unsubscribed', 'Happy Tails: call us']);
  });

  it('holds an automated text while a possible opt-out from that number waits for review', async () => {
    const t = setup();
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const inbound = t.db
      .prepare(
        `INSERT INTO messages (direction, kind, status, e164, business_number, body, origin, created_at, updated_at)
         VALUES ('inbound', 'inbound', 'received', ?, '+15550100000', 'please stop', 'client', 0, 0)`,
      )
      .run(ANNA);
    t.db
      .prepare('INSERT INTO review_items (e164, message_id, created_at) VALUES (?, ?, 0)')
      .run(ANNA, inbound.lastInsertRowid);
    const automated = queueOutbound(t.db, {
      e164: ANNA,
      body: 'Reminder',
      kind: 'automated',
      at: t.clock.now(),
    });

    await t.outbox.flush();

    expect(messageRow(t.db, automated)).toMatchObject({
      status: 'held',
      status_reason: expect.stringMatching(/review/),
    });
    expect(t.carrier.accepted).toHaveLength(0);
    expect(allMessages(t.db, 'outbound')).toHaveLength(1);
  });
});
