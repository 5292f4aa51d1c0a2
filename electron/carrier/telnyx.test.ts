import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock';
import { CarrierError, type Carrier, type CarrierErrorKind } from './carrier';
import { startDemoCarrier, type DemoCarrier } from './simulator/server';
import { createTelnyxCarrier } from './telnyx';

const CLIENT = '+12125550123';
const OTHER = '+12125550124';
const BUSINESS = '+15550100000';

let clock: FakeClock;
let demo: DemoCarrier;
let carrier: Carrier;

function adapter(overrides: Partial<Parameters<typeof createTelnyxCarrier>[0]> = {}): Carrier {
  return createTelnyxCarrier({
    apiKey: demo.apiKey,
    baseURL: demo.baseURL,
    messagingProfileId: demo.messagingProfileId,
    mode: 'demo',
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<CarrierError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(CarrierError);
  return error as CarrierError;
}

async function expectKind(promise: Promise<unknown>, kind: CarrierErrorKind): Promise<CarrierError> {
  const error = await failure(promise);
  expect(error.kind).toBe(kind);
  return error;
}

beforeEach(async () => {
  clock = new FakeClock();
  demo = await startDemoCarrier({ clock, timings: { sentAfterMs: 1_000, deliveredAfterMs: 5_000 } });
  carrier = adapter();
});

afterEach(async () => {
  await demo.close();
});

describe('createTelnyxCarrier', () => {
  it('refuses a baseURL that does not end in /v2', () => {
    expect(() => adapter({ baseURL: demo.url })).toThrow(/must end in \/v2/);
  });

  it('sends a text and reports its status as the carrier moves it queued → sent → delivered', async () => {
    const sent = await carrier.send({ from: BUSINESS, to: CLIENT, text: 'Max is ready for pick-up.' });
    expect(sent).toMatchObject({ direction: 'outbound', from: BUSINESS, to: CLIENT, status: 'queued' });
    expect(sent.text).toBe('Max is ready for pick-up.');
    expect(sent.createdAt).toBe(clock.now());

    clock.advance(1_000);
    expect((await carrier.getMessage(sent.carrierId)).status).toBe('sent');
    clock.advance(4_000);
    const delivered = await carrier.getMessage(sent.carrierId);
    expect(delivered.status).toBe('delivered');
    expect(delivered.error).toBeUndefined();
  });

  it('reports a failed delivery with the carrier code and title', async () => {
    await demo.setFaults({ failDelivery: { [CLIENT]: '40008' } });
    const sent = await carrier.send({ from: BUSINESS, to: CLIENT, text: 'Hello' });
    clock.advance(5_000);
    const failed = await carrier.getMessage(sent.carrierId);
    expect(failed.status).toBe('delivery_failed');
    expect(failed.error).toMatchObject({ code: '40008', title: 'Undeliverable' });
  });

  it('reads an inbound text by id as received', async () => {
    const inbound = demo.injectInbound(CLIENT, 'See you at 3');
    const read = await carrier.getMessage(inbound.carrierId);
    expect(read).toMatchObject({
      direction: 'inbound',
      from: CLIENT,
      to: BUSINESS,
      text: 'See you at 3',
      status: 'received',
    });
  });

  it('lists inbound detail records oldest first, by time window and page', async () => {
    const start = clock.now();
    const first = demo.injectInbound(CLIENT, 'one');
    clock.advance(1_000);
    const second = demo.injectInbound(OTHER, 'two');
    clock.advance(1_000);
    const third = demo.injectInbound(CLIENT, 'three');
    await carrier.send({ from: BUSINESS, to: CLIENT, text: 'outbound, not listed' });

    const page1 = await carrier.listDetailRecords({
      direction: 'inbound',
      since: start,
      pageNumber: 1,
      pageSize: 2,
    });
    expect(page1.items.map((record) => record.carrierId)).toEqual([first.carrierId, second.carrierId]);
    expect(page1).toMatchObject({ pageNumber: 1, totalPages: 2 });
    expect(page1.items[0]).toMatchObject({
      direction: 'inbound',
      from: CLIENT,
      to: BUSINESS,
      createdAt: start,
      status: 'received',
    });

    const page2 = await carrier.listDetailRecords({
      direction: 'inbound',
      since: start,
      pageNumber: 2,
      pageSize: 2,
    });
    expect(page2.items.map((record) => record.carrierId)).toEqual([third.carrierId]);

    const window = await carrier.listDetailRecords({
      direction: 'inbound',
      since: start + 500,
      until: start + 1_500,
      pageNumber: 1,
      pageSize: 50,
    });
    expect(window.items.map((record) => record.carrierId)).toEqual([second.carrierId]);
  });

  it('shows a late inbound record only once it appears, with the time the text arrived', async () => {
    await demo.setFaults({ inboundDelayMs: 30_000 });
    const arrivedAt = clock.now();
    const late = demo.injectInbound(CLIENT, 'late one');
    const query = { direction: 'inbound' as const, since: arrivedAt, pageNumber: 1, pageSize: 50 };
    expect((await carrier.listDetailRecords(query)).items).toEqual([]);
    clock.advance(30_000);
    const records = (await carrier.listDetailRecords(query)).items;
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ carrierId: late.carrierId, createdAt: arrivedAt });
  });

  it('lists the carrier opt-outs made by STOP replies, and drops them after START', async () => {
    const before = clock.now();
    demo.injectInbound(CLIENT, 'stop');
    clock.advance(60_000);
    demo.injectInbound(OTHER, 'UNSUBSCRIBE');

    const all = await carrier.listOptOuts({ pageNumber: 1, pageSize: 50 });
    expect(all.items).toEqual([
      { e164: CLIENT, from: BUSINESS, keyword: 'STOP', createdAt: before },
      { e164: OTHER, from: BUSINESS, keyword: 'UNSUBSCRIBE', createdAt: before + 60_000 },
    ]);
    const recent = await carrier.listOptOuts({ pageNumber: 1, pageSize: 50, since: before + 1 });
    expect(recent.items.map((item) => item.e164)).toEqual([OTHER]);

    demo.injectInbound(CLIENT, 'START');
    const after = await carrier.listOptOuts({ pageNumber: 1, pageSize: 50 });
    expect(after.items.map((item) => item.e164)).toEqual([OTHER]);
  });

  it('pushes the HELP answer to the profile, updates it in place and takes it away when blank', async () => {
    await carrier.setHelpAutoResponse('Happy Tails: call 555-0102. Reply STOP to opt out.');
    demo.injectInbound(CLIENT, 'help');
    expect(demo.outbound().map((record) => [record.autoReply, record.text])).toEqual([
      ['help', 'Happy Tails: call 555-0102. Reply STOP to opt out.'],
    ]);

    await carrier.setHelpAutoResponse('Happy Tails, new hours. Reply STOP to opt out.');
    demo.injectInbound(CLIENT, 'INFO');
    expect(demo.outbound()).toHaveLength(2);
    expect(demo.outbound()[1]!.text).toBe('Happy Tails, new hours. Reply STOP to opt out.');

    await carrier.setHelpAutoResponse('  ');
    demo.injectInbound(CLIENT, 'HELP');
    expect(demo.outbound()).toHaveLength(2);
  });

  it('tests the connection with an authenticated call that also checks the messaging profile', async () => {
    await expect(carrier.testConnection()).resolves.toBeUndefined();
    const wrongProfile = adapter({ messagingProfileId: '00000000-0000-4000-8000-000000000000' });
    const error = await expectKind(wrongProfile.testConnection(), 'permanent');
    expect(error.details.status).toBe(404);
  });
});

describe('createTelnyxCarrier failures, one CarrierError kind each', () => {
  it('auth: a wrong API key (401, Telnyx 10009)', async () => {
    const error = await expectKind(adapter({ apiKey: 'KEY-wrong' }).testConnection(), 'auth');
    expect(error.details).toMatchObject({ status: 401, code: '10009' });
    expect(error.retryable).toBe(false);
  });

  it('opted_out: a send to a number that texted STOP (Telnyx 40300)', async () => {
    demo.injectInbound(CLIENT, 'STOP');
    const error = await expectKind(
      carrier.send({ from: BUSINESS, to: CLIENT, text: 'Reminder' }),
      'opted_out',
    );
    expect(error.details).toMatchObject({ status: 409, code: '40300' });
  });

  it('invalid_number: a destination the carrier refuses (40310) or one not in E.164 (10016)', async () => {
    await demo.setFaults({ invalidNumbers: [CLIENT] });
    const refused = await expectKind(
      carrier.send({ from: BUSINESS, to: CLIENT, text: 'Hi' }),
      'invalid_number',
    );
    expect(refused.details.code).toBe('40310');
    const malformed = await expectKind(
      carrier.send({ from: BUSINESS, to: '212-555-0123', text: 'Hi' }),
      'invalid_number',
    );
    expect(malformed.details.code).toBe('10016');
  });

  it('rate_limited: a 429 carries Retry-After, and the SDK does not retry it by itself', async () => {
    await demo.setFaults({ rateLimitNext: 1, retryAfterSeconds: 2 });
    const error = await expectKind(carrier.send({ from: BUSINESS, to: CLIENT, text: 'Hi' }), 'rate_limited');
    expect(error.details).toMatchObject({ status: 429, code: '10011', retryAfterMs: 2_000 });
    expect(error.retryable).toBe(true);
    expect(demo.outbound()).toEqual([]);
    await expect(carrier.send({ from: BUSINESS, to: CLIENT, text: 'Hi' })).resolves.toMatchObject({
      status: 'queued',
    });
  });

  it('rate_limited: the messages-per-second cap on the carrier clock', async () => {
    await demo.setFaults({ messagesPerSecond: 2 });
    await carrier.send({ from: BUSINESS, to: CLIENT, text: '1' });
    await carrier.send({ from: BUSINESS, to: CLIENT, text: '2' });
    const error = await expectKind(carrier.send({ from: BUSINESS, to: CLIENT, text: '3' }), 'rate_limited');
    expect(error.details.retryAfterMs).toBe(1_000);
    clock.advance(1_000);
    await expect(carrier.send({ from: BUSINESS, to: CLIENT, text: '3' })).resolves.toMatchObject({
      status: 'queued',
    });
  });

  it('transient: connection refused, and back once the carrier listens again', async () => {
    await demo.setFaults({ down: 'refuse' });
    const error = await expectKind(carrier.send({ from: BUSINESS, to: CLIENT, text: 'Hi' }), 'transient');
    expect(error.message).toMatch(/ECONNREFUSED/);
    await demo.setFaults({ down: false });
    await expect(carrier.send({ from: BUSINESS, to: CLIENT, text: 'Hi' })).resolves.toMatchObject({
      status: 'queued',
    });
  });

  it('transient: a refused carrier comes back by itself after downForMs on its clock', async () => {
    await demo.setFaults({ down: 'refuse', downForMs: 60_000 });
    await expectKind(carrier.testConnection(), 'transient');
    clock.advance(60_000);
    await demo.setFaults({});
    await expect(carrier.testConnection()).resolves.toBeUndefined();
  });

  it('transient: a 500 and a 503 from the carrier', async () => {
    await demo.setFaults({ serverErrorNext: 1 });
    const serverError = await expectKind(
      carrier.send({ from: BUSINESS, to: CLIENT, text: 'Hi' }),
      'transient',
    );
    expect(serverError.details).toMatchObject({ status: 500, code: '10007' });
    expect(demo.outbound()).toEqual([]);

    await demo.setFaults({ down: '503' });
    const unavailable = await expectKind(carrier.listOptOuts({ pageNumber: 1, pageSize: 10 }), 'transient');
    expect(unavailable.details.status).toBe(503);
  });

  it('transient: a read that times out can simply be tried again', async () => {
    await demo.setFaults({ latencyMs: 1_000 });
    await expectKind(
      adapter({ timeoutMs: 100 }).getMessage('00000000-0000-4000-8000-000000000000'),
      'transient',
    );
  });

  it('unknown_outcome: the carrier took the text but its answer never came', async () => {
    await demo.setFaults({ timeoutAfterAcceptNext: 1 });
    const error = await expectKind(
      adapter({ timeoutMs: 200 }).send({ from: BUSINESS, to: CLIENT, text: 'Did this go?' }),
      'unknown_outcome',
    );
    expect(error.retryable).toBe(false);
    expect(demo.outbound().map((record) => record.text)).toEqual(['Did this go?']);
  });

  it('unknown_outcome: the connection dropped after the send was written', async () => {
    await demo.setFaults({ down: 'close' });
    await expectKind(carrier.send({ from: BUSINESS, to: CLIENT, text: 'Hi' }), 'unknown_outcome');
    await expectKind(carrier.getMessage('00000000-0000-4000-8000-000000000000'), 'transient');
  });

  it('permanent: any other refusal, such as an unknown message id or a send without text', async () => {
    const missing = await expectKind(carrier.getMessage('00000000-0000-4000-8000-000000000000'), 'permanent');
    expect(missing.details).toMatchObject({ status: 404, code: '10005' });
    const empty = await expectKind(carrier.send({ from: BUSINESS, to: CLIENT, text: '' }), 'permanent');
    expect(empty.details).toMatchObject({ status: 400, code: '10004' });
  });
});
