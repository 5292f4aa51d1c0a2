import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLog } from '../core/log';
import { startWebHost, type WebHost } from './host';
import { rawRequest } from './test-support';

let dir: string;
let host: WebHost | null = null;

afterEach(async () => {
  await host?.close();
  host = null;
  fs.rmSync(dir, { recursive: true, force: true });
});

function newDir() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-host-'));
  return dir;
}

async function info(h: WebHost) {
  const response = await rawRequest(h.port, {
    method: 'POST',
    path: '/api/desk.info',
    headers: { 'content-type': 'application/json', 'x-desk-token': h.token },
    body: '{}',
  });
  return JSON.parse(response.body) as { ok: boolean; value: { carrierMode: string } };
}

describe('startWebHost', () => {
  it('runs the real desk on the demo carrier behind a per-launch key on 127.0.0.1', async () => {
    host = await startWebHost({ port: 0, dataDir: newDir(), log: silentLog });
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
    expect(host.demoUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await info(host)).toMatchObject({ ok: true, value: { carrierMode: 'demo' } });
  });

  it('seeds demo clients into a new database unless told to start empty', async () => {
    host = await startWebHost({ port: 0, dataDir: newDir(), log: silentLog });
    const seeded = await host.desk.request('clients.search', { query: 'a' });
    expect(seeded.length).toBeGreaterThan(0);
    await host.close();

    const emptyDir = path.join(dir, 'empty');
    host = await startWebHost({ port: 0, dataDir: emptyDir, empty: true, log: silentLog });
    expect(await host.desk.request('clients.search', { query: 'a' })).toEqual([]);
  });

  it('makes a new key at every launch', async () => {
    const data = newDir();
    host = await startWebHost({ port: 0, dataDir: data, log: silentLog });
    const first = host.token;
    await host.close();
    host = await startWebHost({ port: 0, dataDir: data, log: silentLog });
    expect(host.token).not.toBe(first);
  });

  it('closes everything it opened, so the port is free again', async () => {
    host = await startWebHost({ port: 0, dataDir: newDir(), log: silentLog });
    const { port } = host;
    await host.close();
    await host.close();
    host = await startWebHost({ port, dataDir: path.join(dir, 'again'), log: silentLog });
    expect(host.port).toBe(port);
  });

  it('says which port it could not take', async () => {
    host = await startWebHost({ port: 0, dataDir: newDir(), log: silentLog });
    await expect(
      startWebHost({ port: host.port, dataDir: path.join(dir, 'second'), log: silentLog }),
    ).rejects.toThrow(`Browser mode could not listen on 127.0.0.1:${host.port}`);
  });
});
