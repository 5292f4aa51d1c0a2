/**
 * Every kind of answer the demo carrier gives, held to the Telnyx OpenAPI subset it imitates, so the desk that
 * runs on it is tested against the shapes production will send.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock';
import { loadTelnyxContract } from './openapi-contract';
import { startDemoCarrier, type DemoCarrier } from './server';

const contract = loadTelnyxContract();
const CLIENT = '+12125550123';
const BUSINESS = '+15550100000';

let clock: FakeClock;
let demo: DemoCarrier;
/** `METHOD /template STATUS` of every answer checked, to show at the end which kinds were covered. */
const covered = new Set<string>();

interface Answer {
  status: number;
  body: unknown;
  headers: Headers;
}

/** Calls the demo carrier as a client would and holds the answer to the spec. */
async function call(
  method: string,
  path: string,
  options: { body?: unknown; rawBody?: string; apiKey?: string | null } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const apiKey = options.apiKey === undefined ? demo.apiKey : options.apiKey;
  if (apiKey !== null) headers['authorization'] = `Bearer ${apiKey}`;
  const response = await fetch(`${demo.baseURL}${path}`, {
    method,
    headers,
    ...(options.rawBody !== undefined
      ? { body: options.rawBody }
      : options.body !== undefined
        ? { body: JSON.stringify(options.body) }
        : {}),
  });
  expect(response.headers.get('content-type')).toBe('application/json');
  const body: unknown = await response.json();
  const pathOnly = path.split('?')[0]!;
  const result = contract.check(method, pathOnly, response.status, body);
  if (!result.valid) {
    throw new Error(
      `${method} ${path} → ${response.status} breaks ${result.schemaPointer}:\n${result.errors}\n${JSON.stringify(body, null, 2)}`,
    );
  }
  covered.add(`${contract.operationFor(method, pathOnly) ?? `${method} (unlisted path)`} ${response.status}`);
  return { status: response.status, body, headers: response.headers };
}

const errorCode = (answer: Answer) => (answer.body as { errors: { code: string }[] }).errors[0]!.code;
const data = <T = Record<string, unknown>>(answer: Answer) => (answer.body as { data: T }).data;
const profilePath = () => `/messaging_profiles/${demo.messagingProfileId}/autoresp_configs`;

beforeEach(async () => {
  clock = new FakeClock();
  demo = await startDemoCarrier({ clock, timings: { sentAfterMs: 1_000, deliveredAfterMs: 5_000 } });
});

afterEach(async () => {
  await demo.close();
});

afterAll(() => {
  // The list is the evidence of what the contract covers; it must at least span every operation.
  expect([...covered].map((entry) => entry.split(' ').slice(0, 2).join(' '))).toEqual(
    expect.arrayContaining([
      'POST /messages',
      'GET /messages/{id}',
      'GET /detail_records',
      'GET /messaging_optouts',
      'GET /messaging_profiles/{profile_id}/autoresp_configs',
      'POST /messaging_profiles/{profile_id}/autoresp_configs',
      'GET /messaging_profiles/{profile_id}/autoresp_configs/{autoresp_cfg_id}',
      'PUT /messaging_profiles/{profile_id}/autoresp_configs/{autoresp_cfg_id}',
      'DELETE /messaging_profiles/{profile_id}/autoresp_configs/{autoresp_cfg_id}',
    ]),
  );
});

describe('the contract itself', () => {
  it('knows every format the spec uses', () => {
    expect(contract.formats().filter((format) => !format.known)).toEqual([]);
  });

  it('rejects answers that break the spec, so passing means something', () => {
    expect(
      contract.check('GET', '/messages/abc', 200, { data: { id: 'not-a-uuid', direction: 'outbound' } })
        .valid,
    ).toBe(false);
    expect(contract.check('POST', '/messages', 400, { errors: [{ title: 'no code' }] }).valid).toBe(false);
    expect(
      contract.check('GET', '/detail_records', 200, {
        data: [{ record_type: 'message_detail_record', direction: 'up' }],
      }).valid,
    ).toBe(false);
    expect(
      contract.check('GET', '/messaging_optouts', 401, { errors: [{ code: '10009', title: 'x' }] }).valid,
    ).toBe(false);
  });
});

describe('POST /messages', () => {
  it('accepts a text (200, queued)', async () => {
    const answer = await call('POST', '/messages', {
      body: { from: BUSINESS, to: CLIENT, text: 'Hello 🐶' },
    });
    expect(answer.status).toBe(200);
    expect(data(answer)).toMatchObject({ direction: 'outbound', encoding: 'UCS-2', parts: 1 });
  });

  it('answers every refusal in the Telnyx error envelope', async () => {
    const cases: [unknown, number, string][] = [
      [{ from: BUSINESS, text: 'no to' }, 400, '10004'],
      [{ to: CLIENT, text: 'no from' }, 400, '10004'],
      [{ from: BUSINESS, to: CLIENT }, 400, '10004'],
      [{ from: BUSINESS, to: '2125550123', text: 'Hi' }, 400, '10016'],
      [{ from: BUSINESS, to: '+10005550123', text: 'Hi' }, 400, '40310'],
      [{ from: 'Happy Tails', to: CLIENT, text: 'Hi' }, 400, '40305'],
      [{ from: BUSINESS, to: CLIENT, text: 42 }, 400, '10015'],
      [{ from: BUSINESS, to: CLIENT, text: 'Hi', media_urls: ['https://example.test/a.png'] }, 400, '10015'],
      [{ from: BUSINESS, to: CLIENT, text: 'x'.repeat(1_600) }, 400, '10015'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await call('POST', '/messages', { body });
      expect([answer.status, errorCode(answer)]).toEqual([status, code]);
    }
    const invalidJson = await call('POST', '/messages', { rawBody: '{"to":' });
    expect([invalidJson.status, errorCode(invalidJson)]).toEqual([400, '10023']);
  });

  it('sends from the profile number when only the messaging profile is given', async () => {
    const answer = await call('POST', '/messages', {
      body: { messaging_profile_id: demo.messagingProfileId, to: CLIENT, text: 'Hi' },
    });
    expect(data<{ from: { phone_number: string } }>(answer).from.phone_number).toBe(BUSINESS);
  });

  it('refuses a number that sent STOP (409, 40300)', async () => {
    demo.injectInbound(CLIENT, 'STOP');
    const answer = await call('POST', '/messages', { body: { from: BUSINESS, to: CLIENT, text: 'Hi' } });
    expect([answer.status, errorCode(answer)]).toEqual([409, '40300']);
  });

  it('rate-limits (429) with retry-after and x-ratelimit headers, forced or by the cap', async () => {
    await demo.setFaults({ rateLimitNext: 1, retryAfterSeconds: 3 });
    const forced = await call('POST', '/messages', { body: { from: BUSINESS, to: CLIENT, text: 'Hi' } });
    expect([forced.status, errorCode(forced)]).toEqual([429, '10011']);
    expect(forced.headers.get('retry-after')).toBe('3');
    expect(forced.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(forced.headers.get('x-ratelimit-reset')).toBe('3');
    expect(forced.headers.get('x-ratelimit-limit')).not.toBeNull();

    await demo.setFaults({ messagesPerSecond: 1 });
    await call('POST', '/messages', { body: { from: BUSINESS, to: CLIENT, text: 'Hi' } });
    const capped = await call('POST', '/messages', { body: { from: BUSINESS, to: CLIENT, text: 'Hi' } });
    expect(capped.status).toBe(429);
    expect(capped.headers.get('x-ratelimit-limit')).toBe('1');
  });

  it('fails with 500 and 503 in the error envelope', async () => {
    await demo.setFaults({ serverErrorNext: 1, serverErrorScope: 'send' });
    const serverError = await call('POST', '/messages', { body: { from: BUSINESS, to: CLIENT, text: 'Hi' } });
    expect(serverError.status).toBe(500);
    await demo.setFaults({ down: '503' });
    const unavailable = await call('POST', '/messages', { body: { from: BUSINESS, to: CLIENT, text: 'Hi' } });
    expect(unavailable.status).toBe(503);
  });
});

describe('GET /messages/{id}', () => {
  it('answers an outbound text in each status, a failed one with its error, and an inbound text', async () => {
    await demo.setFaults({ failDelivery: { '+12125550199': '40006' } });
    const ok = data<{ id: string }>(
      await call('POST', '/messages', { body: { from: BUSINESS, to: CLIENT, text: 'A' } }),
    );
    const bad = data<{ id: string }>(
      await call('POST', '/messages', { body: { from: BUSINESS, to: '+12125550199', text: 'B' } }),
    );
    const statusOf = async (id: string) =>
      data<{ to: { status: string }[]; errors: { code: string }[] }>(await call('GET', `/messages/${id}`));
    expect((await statusOf(ok.id)).to[0]!.status).toBe('queued');
    clock.advance(1_000);
    expect((await statusOf(ok.id)).to[0]!.status).toBe('sent');
    clock.advance(4_000);
    expect((await statusOf(ok.id)).to[0]!.status).toBe('delivered');
    const failed = await statusOf(bad.id);
    expect(failed.to[0]!.status).toBe('delivery_failed');
    expect(failed.errors.map((error) => error.code)).toEqual(['40006']);

    const inbound = demo.injectInbound(CLIENT, 'Thanks!');
    expect(data(await call('GET', `/messages/${inbound.carrierId}`))).toMatchObject({
      direction: 'inbound',
      text: 'Thanks!',
    });
  });

  it('answers 404 for an unknown id', async () => {
    const answer = await call('GET', '/messages/6a1f0c9e-1111-4222-8333-944455556666');
    expect([answer.status, errorCode(answer)]).toEqual([404, '10005']);
  });
});

describe('GET /detail_records', () => {
  it('lists messaging records in flight and final, with paging meta', async () => {
    await demo.setFaults({ failDelivery: { '+12125550199': '40008' } });
    await call('POST', '/messages', { body: { from: BUSINESS, to: CLIENT, text: 'delivered' } });
    await call('POST', '/messages', { body: { from: BUSINESS, to: '+12125550199', text: 'failed' } });
    clock.advance(5_000);
    await call('POST', '/messages', { body: { from: BUSINESS, to: CLIENT, text: 'in flight' } });
    demo.injectInbound(CLIENT, 'received');

    const answer = await call(
      'GET',
      '/detail_records?filter[record_type]=messaging&sort=created_at&page[size]=50',
    );
    const records = data<{ status?: string; direction: string }[]>(answer);
    expect(records.map((record) => record.status)).toEqual(['delivered', 'failed', undefined, 'received']);
    expect((answer.body as { meta: unknown }).meta).toEqual({
      page_number: 1,
      page_size: 50,
      total_pages: 1,
      total_results: 4,
    });

    const filtered = await call(
      'GET',
      `/detail_records?filter[record_type]=messaging&filter[direction]=inbound&filter[created_at][gte]=${encodeURIComponent(new Date(clock.now()).toISOString())}&page[number]=1&page[size]=1`,
    );
    expect(data<unknown[]>(filtered)).toHaveLength(1);
  });

  it('lists nothing for other record types', async () => {
    demo.injectInbound(CLIENT, 'hi');
    const answer = await call('GET', '/detail_records?filter[record_type]=verify');
    expect(data<unknown[]>(answer)).toEqual([]);
  });

  it('answers 400 for a missing or unknown record type, a page too big, a bad sort or date', async () => {
    const queries = [
      '/detail_records',
      '/detail_records?filter[record_type]=wirelessxx',
      '/detail_records?filter[record_type]=messaging&page[size]=51',
      '/detail_records?filter[record_type]=messaging&page[number]=0',
      '/detail_records?filter[record_type]=messaging&sort=cost',
      '/detail_records?filter[record_type]=messaging&filter[created_at][gte]=yesterday-ish',
      '/detail_records?filter[record_type]=messaging&filter[direction]=sideways',
    ];
    for (const query of queries) expect((await call('GET', query)).status).toBe(400);
  });
});

describe('GET /messaging_optouts', () => {
  it('lists blocks, redacted on request, filtered by profile and sender', async () => {
    demo.injectInbound(CLIENT, 'STOP');
    const plain = data<{ to: string }[]>(await call('GET', '/messaging_optouts'));
    expect(plain.map((item) => item.to)).toEqual([CLIENT]);
    const redacted = data<{ to: string }[]>(await call('GET', '/messaging_optouts?redaction_enabled=true'));
    expect(redacted.map((item) => item.to)).toEqual(['+1212555****']);
    const otherProfile = await call('GET', '/messaging_optouts?filter[messaging_profile_id]=somebody-else');
    expect(data<unknown[]>(otherProfile)).toEqual([]);
    const otherSender = await call(
      'GET',
      `/messaging_optouts?filter[from]=${encodeURIComponent('+12125550000')}`,
    );
    expect(data<unknown[]>(otherSender)).toEqual([]);
  });

  it('answers 400 for a page too big', async () => {
    expect((await call('GET', '/messaging_optouts?page[size]=251')).status).toBe(400);
  });
});

describe('/messaging_profiles/{profile_id}/autoresp_configs', () => {
  it('creates, lists, reads, replaces and deletes an auto-response', async () => {
    expect(data<unknown[]>(await call('GET', profilePath()))).toEqual([]);
    const created = data<{ id: string }>(
      await call('POST', profilePath(), {
        body: { op: 'info', keywords: ['HELP'], country_code: 'US', resp_text: 'Hi' },
      }),
    );
    expect(data<unknown[]>(await call('GET', profilePath()))).toHaveLength(1);
    expect(data<unknown[]>(await call('GET', `${profilePath()}?country_code=CA`))).toEqual([]);
    expect(data(await call('GET', `${profilePath()}/${created.id}`))).toMatchObject({
      op: 'info',
      resp_text: 'Hi',
    });
    const replaced = await call('PUT', `${profilePath()}/${created.id}`, {
      body: { op: 'info', keywords: ['HELP', 'INFO'], country_code: 'US', resp_text: 'Hello' },
    });
    expect(data(replaced)).toMatchObject({ id: created.id, keywords: ['HELP', 'INFO'], resp_text: 'Hello' });
    const deleted = await call('DELETE', `${profilePath()}/${created.id}`);
    expect(deleted.body).toBe('OK');
  });

  it('answers 404 for an unknown setting or profile, 422 for a bad body, 400 for bad JSON', async () => {
    const unknown = `${profilePath()}/6a1f0c9e-1111-4222-8333-944455556666`;
    expect((await call('GET', unknown)).status).toBe(404);
    expect(
      (await call('PUT', unknown, { body: { op: 'info', keywords: ['HELP'], country_code: 'US' } })).status,
    ).toBe(404);
    expect((await call('DELETE', unknown)).status).toBe(404);
    const otherProfile = '/messaging_profiles/6a1f0c9e-1111-4222-8333-944455556666/autoresp_configs';
    expect((await call('GET', otherProfile)).status).toBe(404);
    expect(
      (await call('POST', profilePath(), { body: { op: 'shout', keywords: [], country_code: 'US' } })).status,
    ).toBe(422);
    expect((await call('POST', profilePath(), { rawBody: 'not json' })).status).toBe(400);
  });
});

describe('authentication on every endpoint', () => {
  it('answers 401 (10009) without the right bearer key', async () => {
    const requests: [string, string][] = [
      ['POST', '/messages'],
      ['GET', '/messages/6a1f0c9e-1111-4222-8333-944455556666'],
      ['GET', '/detail_records?filter[record_type]=messaging'],
      ['GET', '/messaging_optouts'],
      ['GET', profilePath()],
      ['POST', profilePath()],
      ['GET', `${profilePath()}/6a1f0c9e-1111-4222-8333-944455556666`],
      ['PUT', `${profilePath()}/6a1f0c9e-1111-4222-8333-944455556666`],
      ['DELETE', `${profilePath()}/6a1f0c9e-1111-4222-8333-944455556666`],
    ];
    for (const [method, path] of requests) {
      for (const apiKey of [null, 'KEY-not-this-one']) {
        const answer = await call(method, path, {
          apiKey,
          ...(method === 'POST' || method === 'PUT' ? { body: {} } : {}),
        });
        expect([answer.status, errorCode(answer)]).toEqual([401, '10009']);
      }
    }
  });

  it('answers 404 in the error envelope for a path outside the subset', async () => {
    const answer = await call('GET', '/phone_numbers');
    expect([answer.status, errorCode(answer)]).toEqual([404, '10005']);
  });

  it('answers 500 on any endpoint when told to', async () => {
    await demo.setFaults({ serverErrorNext: 2 });
    expect((await call('GET', '/messaging_optouts')).status).toBe(500);
    expect((await call('GET', '/detail_records?filter[record_type]=messaging')).status).toBe(500);
    expect((await call('GET', '/messaging_optouts')).status).toBe(200);
  });

  it('answers 429 on any endpoint when the rate limit covers every request', async () => {
    await demo.setFaults({ rateLimitNext: 3, rateLimitScope: 'all' });
    expect((await call('GET', '/messaging_optouts')).status).toBe(429);
    expect((await call('GET', '/detail_records?filter[record_type]=messaging')).status).toBe(429);
    expect((await call('GET', profilePath())).status).toBe(429);
    expect((await call('GET', profilePath())).status).toBe(200);
  });
});
