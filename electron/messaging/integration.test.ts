/**
 * The loops against the demo carrier through the real Telnyx SDK over loopback. Time is a fake clock shared
 * with the demo carrier; the tests wait on the loops' own promises, never on sleeps.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Carrier, CarrierMessage, SendRequest } from '../carrier/carrier';
import type { DemoCarrier } from '../carrier/simulator/server';
import { FakeClock } from '../core/clock';
import { openDatabase, type Db } from '../db/open';
import { adapterFor, demoDesk, driveUntil, startDemo } from './testing/demo-desk';
import { allMessages, messageRow, queueOutbound, setConsent } from './testing/fixtures';

const CLIENT = '+12125550123';

let clock: FakeClock;
let demo: DemoCarrier;
const cleanups: (() => Promise<void> | void)[] = [];

beforeEach(async () => {
  clock = new FakeClock();
  demo = await startDemo(clock);
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await demo.close();
});

/** The desk's own texts at the demo carrier (not the carrier's auto-replies), by text. */
function deskTextsAtCarrier(): string[] {
  return demo
    .outbound()
    .filter((record) => record.autoReply === null)
    .map((record) => record.text);
}

function countsOf(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  return counts;
}

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-loops-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function queueMany(db: Db, count: number, at: number): number[] {
  setConsent(db, CLIENT, 'opted_in', at);
  return Array.from({ length: count }, (_, i) =>
    queueOutbound(db, { e164: CLIENT, body: `Text number ${i}`, at }),
  );
}

describe('outbox and sync on the demo carrier', () => {
  it('a text sent through the outbox reaches the carrier once and its status reaches delivered', async () => {
    const desk = demoDesk(demo, clock);
    const [id] = queueMany(desk.db, 1, clock.now());
    desk.loops.start();
    cleanups.push(() => desk.loops.stop());

    await driveUntil(
      clock,
      [desk.loops.outbox, desk.loops.sync],
      () => messageRow(desk.db, id!).status === 'delivered',
    );

    expect(deskTextsAtCarrier()).toEqual(['Text number 0']);
    const row = messageRow(desk.db, id!);
    expect(row.carrier_id).toBe(demo.outbound()[0]!.carrierId);
    expect(desk.loops.sync.status()).toMatchObject({ online: true, waiting: 0, problem: null });
  });

  it('429 storms, 5xx bursts and a carrier down for a while: every text goes out exactly once', async () => {
    const desk = demoDesk(demo, clock);
    desk.context.settings.update({ messagesPerSecond: 10 });
    const ids = queueMany(desk.db, 40, clock.now());
    await demo.setFaults({
      rateLimitNext: 6,
      retryAfterSeconds: 3,
      serverErrorNext: 5,
      serverErrorScope: 'send',
    });
    desk.loops.start();
    cleanups.push(() => desk.loops.stop());
    const sentCount = () => ids.filter((id) => messageRow(desk.db, id).carrier_id !== null).length;

    await driveUntil(clock, [desk.loops.outbox, desk.loops.sync], () => sentCount() >= 15, { stepMs: 100 });
    await demo.setFaults({ down: 'refuse', downForMs: 90_000 });
    await driveUntil(clock, [desk.loops.outbox, desk.loops.sync], () => !desk.loops.sync.status().online, {
      stepMs: 100,
    });
    // A refused port reads as "cannot be reached"; a connection cut mid-request as "not answering in time".
    expect(desk.loops.sync.status().problem).toMatch(/cannot be reached|not answering/);
    await driveUntil(clock, [desk.loops.outbox, desk.loops.sync], () => sentCount() === ids.length, {
      stepMs: 100,
    });

    const counts = countsOf(deskTextsAtCarrier());
    expect(counts.size).toBe(40);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(allMessages(desk.db, 'outbound').filter((m) => m.attempts > 1).length).toBeGreaterThan(0);
    await driveUntil(clock, [desk.loops.outbox, desk.loops.sync], () => desk.loops.sync.status().online);
  });

  it('a timeout after the carrier accepted a text: reconciled from its records, not sent a second time', async () => {
    const desk = demoDesk(demo, clock, { timeoutMs: 300 });
    const [id] = queueMany(desk.db, 1, clock.now());
    await demo.setFaults({ timeoutAfterAcceptNext: 1 });
    desk.loops.outbox.start();
    cleanups.push(() => desk.loops.stop());
    await desk.loops.outbox.idle();
    expect(messageRow(desk.db, id!)).toMatchObject({ status: 'sending', error_code: 'unknown_outcome' });

    await driveUntil(clock, [desk.loops.outbox], () => messageRow(desk.db, id!).carrier_id !== null);
    clock.advance(60 * 60_000);
    await desk.loops.outbox.flush();

    expect(deskTextsAtCarrier()).toEqual(['Text number 0']);
    const row = messageRow(desk.db, id!);
    expect(row).toMatchObject({ carrier_id: demo.outbound()[0]!.carrierId, attempts: 1 });
    expect(['sent', 'delivered']).toContain(row.status);
  });

  it('stopped in the middle of a queue of 200 texts and started again: each goes out exactly once', async () => {
    const dir = tempDir();
    const firstDb = openDatabase(dir);
    const first = demoDesk(demo, clock, { db: firstDb });
    first.context.settings.update({ messagesPerSecond: 20 });
    const ids = queueMany(first.db, 200, clock.now());
    first.loops.start();
    const taken = () => demo.outbound().length;
    await driveUntil(clock, [first.loops.outbox, first.loops.sync], () => taken() >= 70, { stepMs: 50 });
    await first.loops.stop();
    const sentBeforeRestart = taken();
    expect(sentBeforeRestart).toBeLessThan(200);
    firstDb.close();

    const secondDb = openDatabase(dir);
    cleanups.push(() => void secondDb.close());
    const second = demoDesk(demo, clock, { db: secondDb });
    second.loops.start();
    cleanups.push(() => second.loops.stop());
    await driveUntil(
      clock,
      [second.loops.outbox, second.loops.sync],
      () => ids.every((id) => messageRow(secondDb, id).carrier_id !== null),
      { stepMs: 50 },
    );

    const counts = countsOf(deskTextsAtCarrier());
    expect(counts.size).toBe(200);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('killed mid-send (the request left, no answer recorded): the next start reconciles and does not resend', async () => {
    const dir = tempDir();
    const firstDb = openDatabase(dir);
    const real = adapterFor(demo);
    let sends = 0;
    let left!: (request: Promise<CarrierMessage>) => void;
    const thirdLeft = new Promise<Promise<CarrierMessage>>((resolve) => (left = resolve));
    // The third send reaches the carrier, then the process "dies": its answer is never recorded.
    const dying: Carrier = {
      ...real,
      mode: real.mode,
      send(request: SendRequest) {
        sends++;
        if (sends < 3) return real.send(request);
        left(real.send(request));
        return new Promise<CarrierMessage>(() => {});
      },
    };
    const first = demoDesk(demo, clock, { db: firstDb, carrier: dying });
    first.context.settings.update({ messagesPerSecond: 20 });
    const ids = queueMany(first.db, 10, clock.now());
    first.loops.outbox.start();
    let request: Promise<CarrierMessage> | null = null;
    void thirdLeft.then((r) => (request = r));
    while (!request) {
      clock.advance(50);
      await Promise.race([first.loops.outbox.idle(), thirdLeft]);
    }
    await await thirdLeft;
    expect(demo.outbound()).toHaveLength(3);
    expect(messageRow(firstDb, ids[2]!).status).toBe('sending');
    // The dead desk's connection is simply abandoned, as a killed process would leave it.

    const secondDb = openDatabase(dir);
    cleanups.push(() => void secondDb.close());
    const second = demoDesk(demo, clock, { db: secondDb });
    second.context.settings.update({ messagesPerSecond: 20 });
    second.loops.start();
    cleanups.push(() => second.loops.stop());
    await driveUntil(
      clock,
      [second.loops.outbox, second.loops.sync],
      () => ids.every((id) => messageRow(secondDb, id).carrier_id !== null),
      { stepMs: 50 },
    );

    const counts = countsOf(deskTextsAtCarrier());
    expect(counts.size).toBe(10);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(messageRow(secondDb, ids[2]!).attempts).toBe(1);
  });

  it('1,000 inbound texts across many pages, overlapping polls and late records: each stored once, in order', async () => {
    const desk = demoDesk(demo, clock, { loops: { sync: { overlapMs: 5 * 60_000 } } });
    const expected: string[] = [];
    for (let round = 0; round < 10; round++) {
      for (let i = 0; i < 100; i++) {
        // Every tenth text shows in the carrier's records only two minutes after it arrived.
        await demo.setFaults({ inboundDelayMs: i % 10 === 0 ? 120_000 : 0 });
        const body = `Reply ${round}-${i}`;
        demo.injectInbound(`+1212555${String(1000 + i).padStart(4, '0')}`, body);
        expected.push(body);
        clock.advance(100);
      }
      const result = await desk.loops.sync.syncNow();
      expect(result.ok).toBe(true);
      clock.advance(30_000);
    }
    clock.advance(5 * 60_000);
    await desk.loops.sync.syncNow();
    await desk.loops.sync.syncNow();

    const stored = desk.db
      .prepare("SELECT body, carrier_id FROM messages WHERE direction = 'inbound' ORDER BY created_at, id")
      .all() as { body: string; carrier_id: string }[];
    expect(stored).toHaveLength(1_000);
    expect(stored.map((m) => m.body)).toEqual(expected);
    expect(new Set(stored.map((m) => m.carrier_id)).size).toBe(1_000);
    expect(desk.port.inbound).toHaveLength(1_000);
  });

  it('a send refused with 40300 fails the text and calls onCarrierOptOut; the opt-out list is read too', async () => {
    const desk = demoDesk(demo, clock);
    const [id] = queueMany(desk.db, 1, clock.now());
    demo.injectInbound(CLIENT, 'STOP');

    await desk.loops.outbox.flush();

    expect(messageRow(desk.db, id!)).toMatchObject({
      status: 'failed',
      error_code: '40300',
      carrier_id: null,
    });
    expect(desk.port.carrierOptOuts).toEqual([
      { e164: CLIENT, reason: expect.stringMatching(/40300/), messageId: id, inTransaction: true },
    ]);
    expect(deskTextsAtCarrier()).toEqual([]);

    const other = '+12125550199';
    demo.injectInbound(other, 'STOP');
    clock.advance(1_000);
    const result = await desk.loops.sync.syncNow();
    expect(result).toMatchObject({ ok: true, optOuts: 1 });
    expect(desk.port.carrierOptOuts.map((call) => [call.e164, call.messageId])).toEqual([
      [CLIENT, id],
      [other, null],
    ]);
    expect(allMessages(desk.db, 'inbound').map((m) => m.body)).toEqual(['STOP', 'STOP']);
  });

  it('a manual text to a number that has not opted in never reaches the carrier', async () => {
    const desk = demoDesk(demo, clock);
    setConsent(desk.db, CLIENT, 'pending', clock.now());
    const id = queueOutbound(desk.db, { e164: CLIENT, body: 'Can we move Rex to 3pm?', at: clock.now() });
    await desk.loops.outbox.flush();
    expect(messageRow(desk.db, id).status).toBe('held');
    expect(demo.outbound()).toEqual([]);
  });
});
