import { describe, expect, it, vi } from 'vitest';
import { DeskError } from '../../shared/errors';
import { bridgeTransport, createDeskClient, httpTransport } from './api';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

class FakeEventSource {
  static opened: FakeEventSource[] = [];
  onopen: ((event: Event) => unknown) | null = null;
  onerror: ((event: Event) => unknown) | null = null;
  onmessage: ((event: MessageEvent<string>) => unknown) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }
  close() {
    this.closed = true;
  }
  deliver(data: string) {
    this.onmessage?.(new MessageEvent('message', { data }));
  }
}

function browserClient(fetchImpl: typeof fetch) {
  FakeEventSource.opened = [];
  return createDeskClient(httpTransport(fetchImpl, (url) => new FakeEventSource(url)));
}

describe('the desk client in browser mode', () => {
  it('posts JSON to /api/<method> with the staff member and returns the value', async () => {
    const fetchImpl = vi.fn<typeof fetch>(() => Promise.resolve(jsonResponse({ ok: true, value: [] })));
    const client = browserClient(fetchImpl);
    client.setStaffName('Zoë');
    expect(await client.call('clients.search', { query: 'bis' })).toEqual([]);
    const [url, init] = fetchImpl.mock.calls[0]!;
    expect(url).toBe('/api/clients.search');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"query":"bis"}');
    expect(init?.headers).toEqual({ 'content-type': 'application/json', 'x-desk-staff': 'Zo%C3%AB' });
  });

  it('throws a DeskError with the code, message and field when the desk refuses', async () => {
    const refusal = { code: 'invalid_input', message: 'Phone 1: too short', field: 'phones.0.number' };
    const client = browserClient(() => Promise.resolve(jsonResponse({ ok: false, error: refusal }, 200)));
    const error = await client.call('clients.create', { firstName: 'A' }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DeskError);
    expect(error).toMatchObject(refusal);
  });

  it('says plainly when the desk is not answering or answers nonsense', async () => {
    const down = browserClient(() => Promise.reject(new TypeError('Failed to fetch')));
    await expect(down.call('desk.info', {})).rejects.toThrow(/not answering/);
    const garbled = browserClient(() => Promise.resolve(new Response('<html>', { status: 502 })));
    await expect(garbled.call('desk.info', {})).rejects.toThrow(/HTTP 502/);
  });

  it('opens one event stream for all listeners and hands each the events it asked for', () => {
    const client = browserClient(() => Promise.resolve(jsonResponse({ ok: true, value: null })));
    const clients = vi.fn();
    const consent = vi.fn();
    client.onEvent('client.changed', clients);
    const stop = client.onEvent('consent.changed', consent);
    expect(FakeEventSource.opened).toHaveLength(1);
    expect(FakeEventSource.opened[0]!.url).toBe('/api/events');

    const source = FakeEventSource.opened[0]!;
    source.deliver(JSON.stringify({ name: 'client.changed', payload: { clientId: 2 } }));
    source.deliver('not json');
    stop();
    source.deliver(
      JSON.stringify({ name: 'consent.changed', payload: { e164: '+12125550147', state: 'opted_in' } }),
    );
    expect(clients).toHaveBeenCalledWith({ clientId: 2 });
    expect(consent).not.toHaveBeenCalled();
  });

  it('reports whether pushes are arriving', () => {
    const client = browserClient(() => Promise.resolve(jsonResponse({ ok: true, value: null })));
    const states: string[] = [];
    client.onConnection((state) => states.push(state));
    const source = FakeEventSource.opened[0]!;
    source.onopen?.(new Event('open'));
    source.onerror?.(new Event('error'));
    expect(states).toEqual(['connecting', 'connecting', 'connected', 'reconnecting']);
  });
});

describe('the desk client in Electron', () => {
  it('goes through window.desk with the staff member', async () => {
    const invoke = vi.fn(() => Promise.resolve({ ok: true as const, value: 'info' }));
    const client = createDeskClient(bridgeTransport({ invoke, subscribe: () => () => {} }));
    client.setStaffName('Ann');
    expect(await client.call('desk.info', {})).toBe('info');
    expect(invoke).toHaveBeenCalledWith('desk.info', {}, { staffName: 'Ann' });
  });
});
