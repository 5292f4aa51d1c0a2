import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../shared/api';
import { currentConsent } from '../consent/ledger';
import { createMessagingLoops, type MessagingOptions } from './loops';
import { INBOUND_CURSOR_KEY } from './sync';
import { readNumber } from './sync-state';
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
const STRANGER = '+15559990000';

function setup(options: MessagingOptions = {}) {
  const desk = createTestDesk();
  const port = new RecordingConsentPort(desk.db, desk.clock);
  const loops = createMessagingLoops(desk.context, port, {
    outbox: { random: () => 0.5, ...options.outbox },
    sync: { random: () => 0.5, ...options.sync },
  });
  const advance = (ms: number, step?: number) => drive(desk.clock, ms, [loops.outbox, loops.sync], step);
  const statuses = () =>
    desk.pushed.filter((event) => event.name === 'sync.status').map((event) => event.payload as SyncStatus);
  return { ...desk, port, loops, sync: loops.sync, advance, statuses };
}

describe('sync: inbound texts', () => {
  it('stores each new inbound text once, with its client, and hands it to the consent rules in the page transaction', async () => {
    const t = setup();
    const annaId = addClient(t.db, 'Anna', ANNA);
    let inTransaction = false;
    const port = new RecordingConsentPort(t.db, t.clock, () => (inTransaction = t.db.inTransaction));
    const loops = createMessagingLoops(t.context, port);
    t.carrier.injectInbound(ANNA, 'YES');
    t.carrier.injectInbound(STRANGER, 'who is this?');

    const first = await loops.sync.syncNow();
    const second = await loops.sync.syncNow();

    expect(first).toMatchObject({ ok: true, stored: 2 });
    expect(second).toMatchObject({ ok: true, stored: 0 });
    const stored = allMessages(t.db, 'inbound');
    expect(stored.map((m) => [m.e164, m.body, m.client_id, m.kind, m.status])).toEqual([
      [ANNA, 'YES', annaId, 'inbound', 'received'],
      [STRANGER, 'who is this?', null, 'inbound', 'received'],
    ]);
    expect(port.inbound).toEqual(stored.map((m) => m.id));
    expect(inTransaction).toBe(true);
  });

  it('does not fetch bodies again for records an overlapping poll already stored', async () => {
    const t = setup();
    t.carrier.injectInbound(ANNA, 'hello');
    await t.sync.syncNow();
    const bodyFetches = t.carrier.calls.filter((c) => c === 'getMessage').length;
    await t.sync.syncNow();
    expect(t.carrier.calls.filter((c) => c === 'getMessage').length).toBe(bodyFetches);
  });

  it('gives a shared number’s reply to the client the desk last texted on it', async () => {
    const t = setup();
    const first = addClient(t.db, 'Anna', ANNA);
    const second = addClient(t.db, 'Bo', ANNA);
    queueOutbound(t.db, { e164: ANNA, body: 'to Bo', clientId: second, status: 'sent', at: 1 });
    queueOutbound(t.db, { e164: ANNA, body: 'to Anna', clientId: first, status: 'sent', at: 2 });
    t.carrier.injectInbound(ANNA, 'thanks');
    await t.sync.syncNow();
    expect(allMessages(t.db, 'inbound')[0]!.client_id).toBe(first);

    queueOutbound(t.db, { e164: ANNA, body: 'to Bo again', clientId: second, status: 'sent', at: 3 });
    t.clock.advance(1_000);
    t.carrier.injectInbound(ANNA, 'thanks again');
    await t.sync.syncNow();
    expect(allMessages(t.db, 'inbound')[1]!.client_id).toBe(second);
  });

  it('1,000 texts across many pages, overlapping polls and late records: each stored once, in order, none missed', async () => {
    const t = setup({ sync: { pageSize: 37, overlapMs: 5 * 60_000 } });
    const expected: string[] = [];
    let n = 0;
    let newest = 0;
    // Texts arrive over time while the desk polls; one in ten is listed by the carrier only two minutes late.
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 50; i++) {
        const body = `reply ${n++}`;
        expected.push(body);
        newest = t.clock.now() - 60_000 + i;
        t.carrier.injectInbound(`+1555300${String(n % 1000).padStart(4, '0')}`, body, {
          at: newest,
          listedAfterMs: i % 10 === 0 ? 120_000 : 0,
        });
      }
      expect((await t.sync.syncNow()).ok).toBe(true);
      t.clock.advance(30_000);
    }
    t.clock.advance(5 * 60_000);
    await t.sync.syncNow();

    const stored = t.db
      .prepare("SELECT body, carrier_id FROM messages WHERE direction = 'inbound' ORDER BY created_at, id")
      .all() as { body: string; carrier_id: string }[];
    expect(stored.map((m) => m.body)).toEqual(expected);
    expect(new Set(stored.map((m) => m.carrier_id)).size).toBe(1_000);
    expect(t.port.inbound).toHaveLength(1_000);
    expect(readNumber(t.db, INBOUND_CURSOR_KEY)).toBe(newest);
  });

  it('after a carrier change, looks back as a first run does and rereads the whole opt-out list', async () => {
    const t = setup({ sync: { firstLookbackMs: 60 * 60_000, overlapMs: 60_000 } });
    t.clock.advance(3 * 60 * 60_000);
    t.carrier.injectInbound(ANNA, 'recent', { at: t.clock.now() - 1_000 });
    t.carrier.addOptOut('+15551230009', { at: t.clock.now() - 1_000 });
    expect(await t.sync.syncNow()).toMatchObject({ stored: 1, optOuts: 1 });
    // The new carrier holds a text from half an hour ago and an old opt-out: neither is within the old cursors.
    t.carrier.injectInbound(STRANGER, 'from the new carrier', { at: t.clock.now() - 30 * 60_000 });
    t.carrier.addOptOut(STRANGER, { at: t.clock.now() - 2 * 60 * 60_000 });
    expect(await t.sync.syncNow()).toMatchObject({ stored: 0, optOuts: 0 });

    t.sync.carrierChanged();
    const result = await t.sync.syncNow();
    expect(result).toMatchObject({ stored: 1, optOuts: 1 });
  });

  it('does not move the cursor past a page that failed (nothing lost when the carrier drops mid-run)', async () => {
    const t = setup({ sync: { pageSize: 10 } });
    for (let i = 0; i < 25; i++) t.carrier.injectInbound(ANNA, `text ${i}`, { at: t.clock.now() - 1000 + i });
    let bodyCalls = 0;
    const getMessage = t.carrier.getMessage.bind(t.carrier);
    t.carrier.getMessage = async (id) => {
      if (++bodyCalls === 15) t.carrier.down = true;
      return getMessage(id);
    };
    const failed = await t.sync.syncNow();
    expect(failed.ok).toBe(false);
    expect(allMessages(t.db, 'inbound')).toHaveLength(10);
    t.carrier.down = false;
    const retried = await t.sync.syncNow();
    expect(retried).toMatchObject({ ok: true, stored: 15 });
    expect(allMessages(t.db, 'inbound').map((m) => m.body)).toEqual(
      Array.from({ length: 25 }, (_, i) => `text ${i}`),
    );
  });
});

describe('sync: outbound status and carrier opt-outs', () => {
  it('follows a sent text to delivered, and a failed one to its reason in plain words', async () => {
    const t = setup();
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const ok = queueOutbound(t.db, { e164: ANNA, body: 'one', at: t.clock.now() });
    await t.loops.outbox.flush();
    t.clock.advance(1_000);
    const bad = queueOutbound(t.db, { e164: ANNA, body: 'two', at: t.clock.now() });
    await t.loops.outbox.flush();
    const [first, second] = t.carrier.accepted;

    await t.sync.syncNow();
    expect(messageRow(t.db, ok).status).toBe('sent');

    t.carrier.setStatus(first!.carrierId, 'delivered');
    t.carrier.setStatus(second!.carrierId, 'delivery_failed', {
      code: '40008',
      title: 'Undeliverable',
      detail: 'The handset is switched off.',
    });
    const result = await t.sync.syncNow();

    expect(result.statusChanges).toBe(2);
    expect(messageRow(t.db, ok).status).toBe('delivered');
    expect(messageRow(t.db, bad)).toMatchObject({
      status: 'failed',
      error_code: '40008',
      error_reason: 'The carrier could not deliver this text: the handset is switched off (code 40008).',
    });
    const calls = t.carrier.calls.length;
    await t.sync.syncNow();
    expect(t.carrier.calls.slice(calls).filter((c) => c === 'getMessage')).toEqual([]);
  });

  it('a delivery failed with 40300 tells the consent port', async () => {
    const t = setup();
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    const id = queueOutbound(t.db, { e164: ANNA, body: 'one', at: t.clock.now() });
    await t.loops.outbox.flush();
    t.carrier.setStatus(t.carrier.accepted[0]!.carrierId, 'sending_failed', {
      code: '40300',
      title: 'Blocked due to STOP',
    });
    await t.sync.syncNow();
    expect(messageRow(t.db, id)).toMatchObject({ status: 'failed', error_code: '40300' });
    expect(t.port.carrierOptOuts).toEqual([
      { e164: ANNA, reason: expect.stringMatching(/40300/), messageId: id, inTransaction: true },
    ]);
    expect(currentConsent(t.db, ANNA)).toBe('opted_out');
  });

  it('applies the carrier’s opt-out list to numbers not yet opted out, and ignores entries older than a later opt-in', async () => {
    const t = setup();
    const other = '+15551230003';
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    t.carrier.addOptOut(ANNA, { at: t.clock.now() + 1 });
    t.carrier.addOptOut(other, { at: t.clock.now() - 5_000 });
    setConsent(t.db, other, 'opted_out', t.clock.now() - 10_000);
    const stale = '+15551230004';
    t.carrier.addOptOut(stale, { at: t.clock.now() - 5_000 });
    setConsent(t.db, stale, 'opted_in', t.clock.now());

    const result = await t.sync.syncNow();

    expect(result.optOuts).toBe(1);
    expect(t.port.carrierOptOuts).toEqual([
      {
        e164: ANNA,
        reason: 'The carrier lists this number as opted out (the client texted STOP).',
        messageId: null,
        inTransaction: true,
      },
    ]);
    expect(currentConsent(t.db, ANNA)).toBe('opted_out');
    expect(currentConsent(t.db, stale)).toBe('opted_in');
    await t.sync.syncNow();
    expect(t.port.carrierOptOuts).toHaveLength(1);
  });
});

describe('sync: scheduling and status', () => {
  it('reports offline with the problem, backs off while the carrier is away, and recovers', async () => {
    const t = setup({ sync: { intervalMs: 15_000, backoff: { baseMs: 4_000, maxMs: 60_000 } } });
    t.carrier.down = true;
    t.loops.start();
    await t.sync.idle();
    expect(t.sync.status()).toMatchObject({ online: false, lastSyncAt: null });
    expect(t.sync.status().problem).toMatch(/cannot be reached/);

    const runsAt: number[] = [];
    for (let i = 0; i < 4; i++) {
      const before = t.carrier.calls.filter((c) => c === 'listDetailRecords').length;
      while (t.carrier.calls.filter((c) => c === 'listDetailRecords').length === before)
        await t.advance(500, 500);
      runsAt.push(t.clock.now());
    }
    const gaps = runsAt.slice(1).map((at, i) => at - runsAt[i]!);
    expect(gaps).toEqual([6_000, 12_000, 24_000]);

    t.carrier.down = false;
    await t.advance(60_000, 500);
    expect(t.sync.status()).toMatchObject({ online: true, problem: null });
    expect(t.sync.status().lastSyncAt).not.toBeNull();
    const pushed = t.statuses();
    expect(pushed.some((s) => !s.online)).toBe(true);
    expect(pushed.at(-1)).toMatchObject({ online: true, problem: null });
    await t.loops.stop();
  });

  it('polls faster for a while after a send, then at the normal interval', async () => {
    const t = setup({ sync: { intervalMs: 20_000, fastIntervalMs: 2_000, fastWindowMs: 10_000 } });
    setConsent(t.db, ANNA, 'opted_in', t.clock.now());
    t.loops.start();
    await t.sync.idle();
    await t.loops.outbox.idle();
    const runs = () => t.carrier.calls.filter((c) => c === 'listDetailRecords').length;
    const before = runs();
    await t.advance(10_000);
    expect(runs()).toBe(before);

    queueOutbound(t.db, { e164: ANNA, body: 'hi', at: t.clock.now() });
    t.loops.outbox.wake();
    await t.loops.outbox.idle();
    await t.advance(10_000);
    expect(runs() - before).toBe(5);
    await t.advance(20_000);
    expect(runs() - before).toBe(6);
    await t.loops.stop();
  });

  it('runs one sync at a time: a call during a run gets the next run, not a second one alongside', async () => {
    const t = setup();
    let inFlight = 0;
    let most = 0;
    const list = t.carrier.listOptOuts.bind(t.carrier);
    t.carrier.listOptOuts = async (query) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await Promise.resolve();
      inFlight--;
      return list(query);
    };
    const results = await Promise.all([t.sync.syncNow(), t.sync.syncNow(), t.sync.syncNow()]);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(most).toBe(1);
    expect(t.carrier.calls.filter((c) => c === 'listOptOuts')).toHaveLength(2);
  });

  it('pushes the waiting and held counts when messages change', async () => {
    const t = setup();
    t.loops.start();
    await t.sync.idle();
    await t.loops.outbox.idle();
    const id = queueOutbound(t.db, { e164: ANNA, body: 'hi', at: t.clock.now() });
    t.context.events.emit('message.changed', { messageId: id, clientId: null, e164: ANNA });
    expect(t.statuses().at(-1)).toMatchObject({ waiting: 1, held: 0 });
    t.loops.outbox.wake();
    await t.loops.outbox.idle();
    expect(messageRow(t.db, id).status).toBe('held');
    expect(t.statuses().at(-1)).toMatchObject({ waiting: 0, held: 1 });
    await t.loops.stop();
  });
});
