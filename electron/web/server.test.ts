import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch, type CallContext, type Handlers } from '../api/dispatch';
import { DeskEvents } from '../core/events';
import { silentLog } from '../core/log';
import { RENDERER_CSP } from './csp';
import { MAX_BODY_BYTES } from './body';
import { createWebServer, type WebServer } from './server';
import { rawRequest } from './test-support';
import { tokenCookieName } from './security';

const TOKEN = 'test-token-0123456789abcdefghijklmnopqrstuv';

let dir: string;
let events: DeskEvents;
let server: WebServer;
let port: number;
let contexts: CallContext[];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-web-'));
  const staticDir = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>FrontDesk SMS</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app-1234.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'not for the browser');
  events = new DeskEvents();
  contexts = [];
  // The transport is under test, not the core: the real dispatcher over one handler that records its caller.
  const handlers = {
    'desk.info': () => ({ version: 'test', carrierMode: 'demo', businessName: 'Test', staffNames: ['Ann'] }),
  } as Partial<Handlers> as Handlers;
  const fakeDesk = {
    events,
    call: (method: string, input: unknown, context: CallContext = {}) => {
      contexts.push(context);
      return dispatch(handlers, method, input, context, silentLog);
    },
  };
  server = createWebServer({ desk: fakeDesk, token: TOKEN, staticDir, log: silentLog });
  port = await server.listen(0);
});

afterEach(async () => {
  await server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const json = { 'content-type': 'application/json' };
const withToken = { ...json, 'x-desk-token': TOKEN };

function call(method: string, body: string, headers: Record<string, string> = withToken) {
  return rawRequest(port, { method: 'POST', path: `/api/${method}`, headers, body });
}

describe('the key', () => {
  it('refuses API calls without the key or with a wrong one', async () => {
    const none = await call('desk.info', '{}', json);
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const wrong = await call('desk.info', '{}', { ...json, 'x-desk-token': `${TOKEN.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
  });

  it('answers API calls that carry the key in the header', async () => {
    const response = await call('desk.info', '{}');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: { carrierMode: 'demo' } });
  });

  it('swaps the key in the address for an HttpOnly, SameSite=Strict cookie and drops it from the address', async () => {
    const landing = await rawRequest(port, { path: `/?token=${TOKEN}` });
    expect(landing.status).toBe(303);
    expect(landing.headers.location).toBe('/');
    const cookie = landing.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toContain(`${tokenCookieName(port)}=${TOKEN}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');

    const page = await rawRequest(port, { path: '/', headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>FrontDesk SMS</title>');

    const apiByCookie = await call('desk.info', '{}', { ...json, cookie: cookie.split(';')[0]! });
    expect(apiByCookie.status).toBe(200);
  });

  it('shows a plain page, not the app, without the key or with a wrong one', async () => {
    const bare = await rawRequest(port, { path: '/' });
    expect(bare.status).toBe(401);
    expect(bare.body).toContain('?token=');
    const wrong = await rawRequest(port, { path: '/?token=nope' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const asset = await rawRequest(port, { path: '/assets/app-1234.js' });
    expect(asset.status).toBe(401);
  });
});

describe('where requests come from', () => {
  it('refuses a Host header other than 127.0.0.1:N or localhost:N, even with the key', async () => {
    const rebound = await call('desk.info', '{}', { ...withToken, host: `attacker.example:${port}` });
    expect(rebound.status).toBe(421);
    const otherPort = await call('desk.info', '{}', { ...withToken, host: `127.0.0.1:${port + 1}` });
    expect(otherPort.status).toBe(421);
    const localhost = await call('desk.info', '{}', { ...withToken, host: `localhost:${port}` });
    expect(localhost.status).toBe(200);
  });

  it("refuses API calls made by another site's page", async () => {
    const crossSite = await call('desk.info', '{}', { ...withToken, origin: 'https://attacker.example' });
    expect(crossSite.status).toBe(403);
    const fetchSite = await call('desk.info', '{}', { ...withToken, 'sec-fetch-site': 'cross-site' });
    expect(fetchSite.status).toBe(403);
    const ownPage = await call('desk.info', '{}', { ...withToken, origin: `http://127.0.0.1:${port}` });
    expect(ownPage.status).toBe(200);
  });

  it('listens on the loopback address only', async () => {
    expect(server.boundAddress).toBe('127.0.0.1');
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;
    if (external) {
      const attempt = await new Promise<string>((resolve) => {
        http
          .get({ host: external, port, path: '/' }, () => resolve('answered'))
          .on('error', () => resolve('refused'));
      });
      expect(attempt).toBe('refused');
    }
  });
});

describe('API calls', () => {
  it('answers malformed JSON with a typed error and keeps serving', async () => {
    const bad = await call('desk.info', '{"oops":');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'The request body is not valid JSON.' },
    });
    expect((await call('desk.info', '{}')).status).toBe(200);
  });

  it('refuses a body over the size limit', async () => {
    const big = JSON.stringify({ query: 'x'.repeat(MAX_BODY_BYTES) });
    const response = await call('clients.search', big).catch((error: NodeJS.ErrnoException) => error);
    // The host may close the connection before the client finishes sending; either way nothing was accepted.
    if (response instanceof Error) expect(['EPIPE', 'ECONNRESET']).toContain(response.code);
    else {
      expect(response.status).toBe(413);
      expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(contexts).toHaveLength(0);
    expect((await call('desk.info', '{}')).status).toBe(200);
  });

  it('answers an unknown method with not_found', async () => {
    const response = await call('clients.explode', '{}');
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const prototypeName = await call('constructor', '{}');
    expect(prototypeName.status).toBe(404);
  });

  it('passes schema errors through as the result envelope', async () => {
    const response = await call('desk.info', '{"extra":1}');
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('accepts only POST with a JSON body', async () => {
    expect(
      (await rawRequest(port, { path: '/api/desk.info', headers: { 'x-desk-token': TOKEN } })).status,
    ).toBe(405);
    const form = await call('desk.info', 'a=1', { 'content-type': 'text/plain', 'x-desk-token': TOKEN });
    expect(form.status).toBe(415);
  });

  it('hands the staff member named by x-desk-staff to the call, decoded', async () => {
    await call('desk.info', '{}', { ...withToken, 'x-desk-staff': encodeURIComponent('Zoë Ng') });
    await call('desk.info', '{}', { ...withToken, 'x-desk-staff': encodeURIComponent('bad\nname') });
    await call('desk.info', '{}');
    expect(contexts).toEqual([{ staffName: 'Zoë Ng' }, {}, {}]);
  });
});

describe('the screens', () => {
  const cookieHeader = () => ({ cookie: `${tokenCookieName(port)}=${TOKEN}` });

  it('serves the built renderer with the CSP and safe headers', async () => {
    const page = await rawRequest(port, { path: '/', headers: cookieHeader() });
    expect(page.headers['content-security-policy']).toBe(RENDERER_CSP);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['cache-control']).toBe('no-store');
    const asset = await rawRequest(port, { path: '/assets/app-1234.js', headers: cookieHeader() });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('text/javascript');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const attempt of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const response = await rawRequest(port, { path: attempt, headers: cookieHeader() });
      expect(response.status, attempt).toBe(404);
      expect(response.body).not.toContain('not for the browser');
    }
  });
});

describe('push events', () => {
  it('streams the core’s events to a client holding the key', async () => {
    const received = await new Promise<string>((resolve, reject) => {
      const req = http.get(
        {
          host: '127.0.0.1',
          port,
          path: '/api/events',
          headers: { host: `127.0.0.1:${port}`, cookie: `${tokenCookieName(port)}=${TOKEN}` },
        },
        (res) => {
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toContain('text/event-stream');
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            if (buffer.includes(': connected') && !buffer.includes('data:')) {
              // The stream is subscribed: now the core pushes.
              events.emit('client.changed', { clientId: 7 });
            }
            const frame = /data: (.*)\n\n/.exec(buffer);
            if (frame) {
              resolve(frame[1]!);
              req.destroy();
            }
          });
        },
      );
      req.on('error', reject);
    });
    expect(JSON.parse(received)).toEqual({ name: 'client.changed', payload: { clientId: 7 } });
  });

  it('refuses the stream without the key', async () => {
    const response = await rawRequest(port, { path: '/api/events' });
    expect(response.status).toBe(401);
  });

  it('ends open streams on close so shutdown never hangs', async () => {
    const ended = new Promise<void>((resolve, reject) => {
      const req = http.get(
        { host: '127.0.0.1', port, path: '/api/events', headers: { 'x-desk-token': TOKEN } },
        (res) => {
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            if (chunk.includes(': connected')) void server.close();
          });
          res.on('end', () => resolve());
          res.on('close', () => resolve());
        },
      );
      req.on('error', reject);
    });
    await ended;
    expect(server.openEventStreams).toBe(0);
  });
});
