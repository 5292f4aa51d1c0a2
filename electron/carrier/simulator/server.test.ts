import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock';
import { CARRIER_STOP_WORDS } from './keywords';
import { startDemoCarrier, type DemoCarrier, type DemoCarrierOptions } from './server';

const CLIENT = '+12125550123';
const BUSINESS = '+15550100000';

let clock: FakeClock;
let demo: DemoCarrier;

async function start(options: DemoCarrierOptions = {}): Promise<DemoCarrier> {
  await demo?.close();
  demo = await startDemoCarrier({ clock, ...options });
  return demo;
}

async function control(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${demo.url}/__sim/${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json() };
}

function sendText(to: string, text: string, from = BUSINESS): Promise<Response> {
  return fetch(`${demo.baseURL}/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${demo.apiKey}` },
    body: JSON.stringify({ from, to, text }),
  });
}

async function inboundRecords(): Promise<{ cli: string; cld: string }[]> {
  const response = await fetch(
    `${demo.baseURL}/detail_records?filter[record_type]=messaging&filter[direction]=inbound`,
    {
      headers: { authorization: `Bearer ${demo.apiKey}` },
    },
  );
  return ((await response.json()) as { data: { cli: string; cld: string }[] }).data;
}

beforeEach(async () => {
  clock = new FakeClock();
  demo = await startDemoCarrier({ clock });
});

afterEach(async () => {
  await demo.close();
});

describe('startDemoCarrier', () => {
  it('listens on 127.0.0.1 with a fresh key, the demo profile and business number', async () => {
    expect(demo.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(demo.baseURL).toBe(`${demo.url}/v2`);
    expect(demo.businessNumber).toBe(BUSINESS);
    expect(demo.messagingProfileId).toMatch(/^[0-9a-f-]{36}$/);
    const other = await startDemoCarrier({ clock });
    expect(other.apiKey).not.toBe(demo.apiKey);
    await other.close();
  });

  it('takes a chosen key, profile and number', async () => {
    await start({
      apiKey: 'KEYCHOSEN',
      messagingProfileId: '11111111-2222-4333-8444-555555555555',
      businessNumber: '+12125550100',
    });
    expect([demo.apiKey, demo.messagingProfileId, demo.businessNumber]).toEqual([
      'KEYCHOSEN',
      '11111111-2222-4333-8444-555555555555',
      '+12125550100',
    ]);
  });
});

describe('the carrier keyword rules', () => {
  it.each(CARRIER_STOP_WORDS)('%s blocks the number and the carrier confirms once', async (word) => {
    demo.injectInbound(CLIENT, ` ${word.toLowerCase()} `);
    demo.injectInbound(CLIENT, word);
    expect(demo.blockedNumbers()).toEqual([CLIENT]);
    const replies = demo.outbound();
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ autoReply: 'stop', from: BUSINESS, to: CLIENT });
    expect((await sendText(CLIENT, 'Reminder')).status).toBe(409);
  });

  it('"STOP ALL" counts, whitespace ignored; "stop by at 3" does not', () => {
    demo.injectInbound(CLIENT, 'stop by at 3');
    expect(demo.blockedNumbers()).toEqual([]);
    demo.injectInbound(CLIENT, 'Stop All');
    expect(demo.blockedNumbers()).toEqual([CLIENT]);
  });

  it('sends no confirmation of its own when the profile has that turned off', async () => {
    await start({ carrierSendsStopReply: false });
    demo.injectInbound(CLIENT, 'STOP');
    expect(demo.blockedNumbers()).toEqual([CLIENT]);
    expect(demo.outbound()).toEqual([]);
  });

  it.each(['START', 'unstop'])('%s lifts the block without a reply of its own', async (word) => {
    demo.injectInbound(CLIENT, 'STOP');
    demo.injectInbound(CLIENT, word);
    expect(demo.blockedNumbers()).toEqual([]);
    expect(demo.outbound()).toHaveLength(1);
    expect((await sendText(CLIENT, 'Welcome back')).status).toBe(200);
  });

  it('still delivers every inbound text to the desk, keywords included', async () => {
    demo.injectInbound(CLIENT, 'STOP');
    demo.injectInbound(CLIENT, 'sorry, wrong button');
    demo.injectInbound(CLIENT, 'START');
    expect(await inboundRecords()).toHaveLength(3);
  });

  it('answers HELP only when an auto-response is configured', async () => {
    demo.injectInbound(CLIENT, 'HELP');
    expect(demo.outbound()).toEqual([]);
  });

  it('sends a reply to the business number that last texted the client', async () => {
    await sendText(CLIENT, 'Hello', '+12125550100');
    const reply = demo.injectInbound(CLIENT, 'Hi back');
    expect(reply.to).toBe('+12125550100');
    expect(demo.injectInbound('+12125550177', 'Who is this?').to).toBe(BUSINESS);
  });
});

describe('the control API', () => {
  it('injects an inbound text and lists what went out', async () => {
    const injected = await control('POST', 'inbound', { from: CLIENT, text: 'STOP' });
    expect(injected.status).toBe(200);
    expect(injected.body).toMatchObject({
      data: { direction: 'inbound', from: CLIENT, to: BUSINESS, status: 'received' },
    });
    const outbound = await control('GET', 'outbound');
    expect(outbound.body).toMatchObject({ data: [{ autoReply: 'stop', to: CLIENT, status: 'queued' }] });
  });

  it('refuses bad input with the field named', async () => {
    const badNumber = await control('POST', 'inbound', { from: '555-0123', text: 'hi' });
    expect(badNumber.status).toBe(400);
    expect(JSON.stringify(badNumber.body)).toMatch(/from/);
    const badFault = await control('POST', 'faults', { rateLimitNext: -1 });
    expect(badFault.status).toBe(400);
    expect(JSON.stringify(badFault.body)).toMatch(/rateLimitNext/);
    const unknownFault = await control('POST', 'faults', { meteorStrike: true });
    expect(unknownFault.status).toBe(400);
    const notJson = await fetch(`${demo.url}/__sim/faults`, { method: 'POST', body: '{' });
    expect(notJson.status).toBe(400);
    expect((await control('GET', 'nothing-here')).status).toBe(404);
  });

  it('sets faults by merging, and reset forgets messages, blocks and faults', async () => {
    await control('POST', 'faults', { rateLimitNext: 2 });
    const merged = await control('POST', 'faults', { latencyMs: 0, failDelivery: { [CLIENT]: '40002' } });
    expect(merged.body).toMatchObject({ data: { rateLimitNext: 2, failDelivery: { [CLIENT]: '40002' } } });
    expect(demo.faults().rateLimitNext).toBe(2);

    demo.injectInbound(CLIENT, 'STOP');
    expect((await control('POST', 'reset')).status).toBe(200);
    expect(demo.faults().rateLimitNext).toBe(0);
    expect(demo.blockedNumbers()).toEqual([]);
    expect(demo.outbound()).toEqual([]);
    expect(await inboundRecords()).toEqual([]);
  });

  it('can refuse connections on request, answering first; it listens again when lifted', async () => {
    const answer = await control('POST', 'faults', { down: 'refuse' });
    expect(answer.body).toMatchObject({ data: { down: 'refuse' } });
    await demo.setFaults({});
    await expect(fetch(`${demo.url}/__sim/outbound`)).rejects.toThrow();
    await demo.setFaults({ down: false });
    expect((await control('GET', 'outbound')).status).toBe(200);
  });

  it('reset reopens a refused port', async () => {
    await demo.setFaults({ down: 'refuse' });
    await demo.reset();
    expect((await control('GET', 'faults')).body).toMatchObject({ data: { down: false } });
  });
});

describe('faults on the API', () => {
  it('close drops API connections without storing the text; the control API still answers', async () => {
    await demo.setFaults({ down: 'close' });
    await expect(sendText(CLIENT, 'Hi')).rejects.toThrow();
    expect((await control('GET', 'outbound')).body).toEqual({ data: [] });
  });

  it('503 answers every API call as unavailable while the control API works', async () => {
    await demo.setFaults({ down: '503' });
    expect((await sendText(CLIENT, 'Hi')).status).toBe(503);
    expect((await control('GET', 'outbound')).status).toBe(200);
  });

  it('timeout-after-accept stores the text and holds the answer until the client gives up', async () => {
    await demo.setFaults({ timeoutAfterAcceptNext: 1 });
    const held = fetch(`${demo.baseURL}/messages`, {
      method: 'POST',
      signal: AbortSignal.timeout(200),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${demo.apiKey}` },
      body: JSON.stringify({ from: BUSINESS, to: CLIENT, text: 'Held' }),
    });
    await expect(held).rejects.toThrow();
    expect(demo.outbound().map((record) => record.text)).toEqual(['Held']);
    expect((await sendText(CLIENT, 'Next')).status).toBe(200);
  });

  it('latency delays the answer but the request is still served', async () => {
    await demo.setFaults({ latencyMs: 50 });
    expect((await sendText(CLIENT, 'Slow')).status).toBe(200);
  });
});
