import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock';
import { memoryLog } from '../core/log';
import { memoryCredentialStore, type CredentialStore } from '../carrier/credentials';
import { openCarrier, type OpenedCarrier } from '../carrier/open';
import { startDemoCarrier, type DemoCarrier } from '../carrier/simulator/server';
import { createDesk, type Desk } from '../desk';

const API_KEY = 'KEY01890ABCDEF_telnyx_standin_key';
const PROFILE = '4000eba1-a0c0-4563-9925-b25e842a7cb6';
const CLIENT = '+12125550123';

let clock: FakeClock;
let dataDir: string;
/** A second demo carrier standing in for Telnyx, so the Telnyx path runs over loopback. */
let fakeTelnyx: DemoCarrier;
let store: CredentialStore;
let opened: OpenedCarrier;
let desk: Desk;

const telnyxSettings = { apiKey: API_KEY, messagingProfileId: PROFILE, sendingNumber: '(212) 555-0100' };

async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; field?: string; message: string }> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: { code: string; field?: string; message: string }) => error,
  );
}

beforeEach(async () => {
  clock = new FakeClock();
  dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-carrier-api-'));
  fakeTelnyx = await startDemoCarrier({ clock, apiKey: API_KEY, messagingProfileId: PROFILE });
  store = memoryCredentialStore();
  opened = await openCarrier({
    credentials: store,
    clock,
    log: memoryLog(),
    telnyxBaseURL: fakeTelnyx.baseURL,
  });
  desk = createDesk({
    dataDir,
    carrier: opened.carrier,
    credentials: store,
    openedCarrier: opened,
    clock,
    log: memoryLog(),
  });
});

afterEach(async () => {
  await desk.stop();
  await opened.close();
  await fakeTelnyx.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('carrier.getSettings', () => {
  it('shows the demo carrier plainly while no credentials are saved', async () => {
    expect(await desk.request('carrier.getSettings', {})).toEqual({
      mode: 'demo',
      messagingProfileId: opened.demo!.messagingProfileId,
      sendingNumber: '+15550100000',
      apiKeyLast4: null,
      canChange: true,
    });
  });
});

describe('carrier.saveSettings', () => {
  it('stores the credentials, switches the live carrier to Telnyx and shows only the key’s last four', async () => {
    const settings = await desk.request('carrier.saveSettings', telnyxSettings);
    expect(settings).toEqual({
      mode: 'telnyx',
      messagingProfileId: PROFILE,
      sendingNumber: '+12125550100',
      apiKeyLast4: API_KEY.slice(-4),
      canChange: true,
    });
    expect(JSON.stringify(settings)).not.toContain(API_KEY);
    expect(store.load()).toEqual({
      apiKey: API_KEY,
      messagingProfileId: PROFILE,
      sendingNumber: '+12125550100',
    });
    expect(desk.context.settings.get().sendingNumber).toBe('+12125550100');
    expect((await desk.request('desk.info', {})).carrierMode).toBe('telnyx');

    await desk.context.carrier.send({ from: '+12125550100', to: CLIENT, text: 'via Telnyx' });
    expect(fakeTelnyx.outbound().map((record) => record.text)).toEqual(['via Telnyx']);
  });

  it('keeps the saved key when the key field is left blank', async () => {
    await desk.request('carrier.saveSettings', telnyxSettings);
    await desk.request('carrier.saveSettings', {
      ...telnyxSettings,
      apiKey: '',
      sendingNumber: '+12125550101',
    });
    expect(store.load()).toMatchObject({ apiKey: API_KEY, sendingNumber: '+12125550101' });
  });

  it('refuses bad input with the field named, and changes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...telnyxSettings, apiKey: '' }, 'apiKey'],
      [{ ...telnyxSettings, apiKey: 'KEY123' }, 'apiKey'],
      [{ ...telnyxSettings, apiKey: 'KEY0123 456789ABCDEF' }, 'apiKey'],
      [{ ...telnyxSettings, messagingProfileId: 'my profile' }, 'messagingProfileId'],
      [{ ...telnyxSettings, sendingNumber: 'call the desk' }, 'sendingNumber'],
      [{ ...telnyxSettings, sendingNumber: '+1 555 010 0000' }, 'sendingNumber'],
      [{ apiKey: API_KEY, sendingNumber: '+12125550100' }, 'messagingProfileId'],
    ];
    for (const [input, field] of cases) {
      const error = await failure(desk.request('carrier.saveSettings', input as never));
      expect([error.code, error.field]).toEqual(['invalid_input', field]);
    }
    expect(store.load()).toBeNull();
    expect(opened.carrier.mode).toBe('demo');
  });
});

describe('carrier.clearSettings', () => {
  it('forgets the credentials and goes back to the demo carrier and its number', async () => {
    await desk.request('carrier.saveSettings', telnyxSettings);
    const settings = await desk.request('carrier.clearSettings', {});
    expect(settings).toMatchObject({
      mode: 'demo',
      apiKeyLast4: null,
      sendingNumber: opened.demo!.businessNumber,
    });
    expect(store.load()).toBeNull();
    expect(opened.carrier.mode).toBe('demo');
  });
});

describe('carrier.testConnection', () => {
  it('says all is well on the demo carrier, and that texts stay on this computer', async () => {
    const check = await desk.request('carrier.testConnection', {});
    expect(check).toMatchObject({ ok: true, mode: 'demo', problem: null });
    expect(check.message).toMatch(/demo carrier/);
  });

  it('says all is well when Telnyx accepts the key and profile', async () => {
    await desk.request('carrier.saveSettings', telnyxSettings);
    expect(await desk.request('carrier.testConnection', {})).toMatchObject({
      ok: true,
      mode: 'telnyx',
      problem: null,
    });
  });

  it('says the key is wrong', async () => {
    await desk.request('carrier.saveSettings', { ...telnyxSettings, apiKey: 'KEY_this_one_was_revoked' });
    const check = await desk.request('carrier.testConnection', {});
    expect(check).toMatchObject({ ok: false, problem: 'key_rejected' });
    expect(check.message).toMatch(/refused the API key/);
  });

  it('says the profile is unknown', async () => {
    await desk.request('carrier.saveSettings', {
      ...telnyxSettings,
      messagingProfileId: '00000000-0000-4000-8000-000000000000',
    });
    const check = await desk.request('carrier.testConnection', {});
    expect(check).toMatchObject({ ok: false, problem: 'refused' });
    expect(check.message).toMatch(/messaging profile ID/);
  });

  it('says the carrier cannot be reached', async () => {
    await desk.request('carrier.saveSettings', telnyxSettings);
    await fakeTelnyx.setFaults({ down: 'refuse' });
    const check = await desk.request('carrier.testConnection', {});
    expect(check).toMatchObject({ ok: false, problem: 'unreachable' });
    expect(check.message).toMatch(/could not be reached/);
  });

  it('says the carrier is busy', async () => {
    await desk.request('carrier.saveSettings', telnyxSettings);
    await fakeTelnyx.setFaults({ rateLimitNext: 1, rateLimitScope: 'all' });
    expect(await desk.request('carrier.testConnection', {})).toMatchObject({ ok: false, problem: 'busy' });
  });
});

describe('demo.simulateReply', () => {
  it('brings a text in from that client through the demo carrier', async () => {
    const { carrierId } = await desk.request('demo.simulateReply', { e164: '(212) 555-0123', text: 'YES' });
    const records = await desk.context.carrier.listDetailRecords({
      direction: 'inbound',
      since: clock.now() - 1,
      pageNumber: 1,
      pageSize: 10,
    });
    expect(records.items).toMatchObject([{ carrierId, from: CLIENT, to: '+15550100000' }]);
    expect((await desk.context.carrier.getMessage(carrierId)).text).toBe('YES');
  });

  it('refuses a bad number or a blank text with the field named', async () => {
    const badNumber = await failure(desk.request('demo.simulateReply', { e164: 'nobody', text: 'hi' }));
    expect([badNumber.code, badNumber.field]).toEqual(['invalid_input', 'e164']);
    const blank = await failure(desk.request('demo.simulateReply', { e164: CLIENT, text: '   ' }));
    expect([blank.code, blank.field]).toEqual(['invalid_input', 'text']);
  });

  it('is refused on Telnyx, where replies come from real phones', async () => {
    await desk.request('carrier.saveSettings', telnyxSettings);
    const error = await failure(desk.request('demo.simulateReply', { e164: CLIENT, text: 'hi' }));
    expect(error.code).toBe('conflict');
    expect(error.message).toMatch(/only on the demo carrier/);
  });
});

describe('a desk given a plain carrier', () => {
  it('shows its settings but cannot change them or simulate replies', async () => {
    const plainDir = mkdtempSync(join(tmpdir(), 'frontdesk-carrier-plain-'));
    const plain = createDesk({ dataDir: plainDir, carrier: opened.carrier, clock, log: memoryLog() });
    try {
      expect(await plain.request('carrier.getSettings', {})).toMatchObject({
        mode: 'demo',
        canChange: false,
      });
      expect((await failure(plain.request('carrier.saveSettings', telnyxSettings))).code).toBe('conflict');
      expect((await failure(plain.request('carrier.clearSettings', {}))).code).toBe('conflict');
      expect((await failure(plain.request('demo.simulateReply', { e164: CLIENT, text: 'hi' }))).code).toBe(
        'conflict',
      );
    } finally {
      await plain.stop();
      rmSync(plainDir, { recursive: true, force: true });
    }
  });
});
