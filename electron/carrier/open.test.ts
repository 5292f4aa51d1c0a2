import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock';
import { memoryLog } from '../core/log';
import type { Carrier } from './carrier';
import { memoryCredentialStore, type CarrierCredentials } from './credentials';
import { openCarrier, type OpenedCarrier } from './open';
import { startDemoCarrier, type DemoCarrier } from './simulator/server';
import { SwitchableCarrier } from './switchable';

const CLIENT = '+12125550123';
const BUSINESS = '+15550100000';

let clock: FakeClock;
/** A second demo carrier standing in for Telnyx, so "telnyx mode" runs over loopback too. */
let fakeTelnyx: DemoCarrier;
let opened: OpenedCarrier | null = null;

function telnyxCredentials(overrides: Partial<CarrierCredentials> = {}): CarrierCredentials {
  return {
    apiKey: fakeTelnyx.apiKey,
    messagingProfileId: fakeTelnyx.messagingProfileId,
    sendingNumber: '+12125550100',
    ...overrides,
  };
}

async function open(credentials: Parameters<typeof openCarrier>[0]['credentials']): Promise<OpenedCarrier> {
  opened = await openCarrier({ credentials, clock, log: memoryLog(), telnyxBaseURL: fakeTelnyx.baseURL });
  return opened;
}

beforeEach(async () => {
  clock = new FakeClock();
  fakeTelnyx = await startDemoCarrier({ clock, apiKey: 'KEYTELNYXSTANDIN' });
});

afterEach(async () => {
  await opened?.close();
  opened = null;
  await fakeTelnyx.close();
});

describe('openCarrier', () => {
  it('with no credentials starts the demo carrier on 127.0.0.1 and sends through the SDK to it', async () => {
    const { carrier, demo } = await open(null);
    expect(carrier.mode).toBe('demo');
    expect(demo?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await carrier.send({ from: BUSINESS, to: CLIENT, text: 'Hello from the demo' });
    expect(demo?.outbound().map((record) => record.text)).toEqual(['Hello from the demo']);
    expect(fakeTelnyx.outbound()).toEqual([]);
  });

  it('with credentials talks to Telnyx and runs no demo carrier', async () => {
    const { carrier, demo } = await open(telnyxCredentials());
    expect(carrier.mode).toBe('telnyx');
    expect(demo).toBeNull();
    await carrier.send({ from: '+12125550100', to: CLIENT, text: 'Hello from Telnyx' });
    expect(fakeTelnyx.outbound().map((record) => record.text)).toEqual(['Hello from Telnyx']);
  });

  it('loads the credentials from a store when given one', async () => {
    const { carrier } = await open(memoryCredentialStore(telnyxCredentials()));
    expect(carrier.mode).toBe('telnyx');
    const empty = await openCarrier({ credentials: memoryCredentialStore(), clock, log: memoryLog() });
    expect(empty.carrier.mode).toBe('demo');
    await empty.close();
  });

  it('re-points the same carrier object when credentials are saved and cleared', async () => {
    const current = await open(null);
    const { carrier } = current;
    const firstDemo = current.demo!;

    await current.useCredentials(telnyxCredentials());
    expect(carrier.mode).toBe('telnyx');
    expect(current.demo).toBeNull();
    await expect(fetch(firstDemo.url)).rejects.toThrow();
    await carrier.send({ from: '+12125550100', to: CLIENT, text: 'now on Telnyx' });
    expect(fakeTelnyx.outbound()).toHaveLength(1);

    await current.useCredentials(null);
    expect(carrier.mode).toBe('demo');
    expect(current.demo).not.toBeNull();
    await carrier.send({ from: BUSINESS, to: CLIENT, text: 'back on the demo' });
    expect(current.demo?.outbound().map((record) => record.text)).toEqual(['back on the demo']);
  });

  it('close stops the demo carrier', async () => {
    const current = await open(null);
    const demo = current.demo!;
    await current.close();
    await expect(fetch(demo.url)).rejects.toThrow();
    await expect(current.useCredentials(null)).rejects.toThrow(/closed/);
  });
});

describe('SwitchableCarrier', () => {
  it('sends every call to the carrier current at the time and tells listeners of a switch', async () => {
    const calls: string[] = [];
    const fake = (name: string, mode: 'demo' | 'telnyx'): Carrier => ({
      mode,
      send: async () => {
        calls.push(`${name}.send`);
        throw new Error('not used');
      },
      getMessage: async () => {
        calls.push(`${name}.getMessage`);
        throw new Error('not used');
      },
      listDetailRecords: async () => {
        calls.push(`${name}.listDetailRecords`);
        return { items: [], pageNumber: 1, totalPages: 0 };
      },
      listOptOuts: async () => {
        calls.push(`${name}.listOptOuts`);
        return { items: [], pageNumber: 1, totalPages: 0 };
      },
      setHelpAutoResponse: async () => {
        calls.push(`${name}.setHelpAutoResponse`);
      },
      testConnection: async () => {
        calls.push(`${name}.testConnection`);
      },
    });
    const switchable = new SwitchableCarrier(fake('a', 'demo'));
    const switched: string[] = [];
    const unsubscribe = switchable.onSwitch((carrier) => switched.push(carrier.mode));

    await switchable.testConnection();
    await switchable.listOptOuts({ pageNumber: 1, pageSize: 1 });
    switchable.pointAt(fake('b', 'telnyx'));
    expect(switchable.mode).toBe('telnyx');
    await switchable.send({ from: BUSINESS, to: CLIENT, text: 'x' }).catch(() => undefined);
    await switchable.getMessage('id').catch(() => undefined);
    await switchable.listDetailRecords({ direction: 'inbound', since: 0, pageNumber: 1, pageSize: 1 });
    await switchable.setHelpAutoResponse('help');
    unsubscribe();
    switchable.pointAt(fake('c', 'demo'));

    expect(calls).toEqual([
      'a.testConnection',
      'a.listOptOuts',
      'b.send',
      'b.getMessage',
      'b.listDetailRecords',
      'b.setHelpAutoResponse',
    ]);
    expect(switched).toEqual(['telnyx']);
  });
});
