import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RENDERER_CSP } from '../web/csp';
import { registerAppScheme, rendererResponse, serveRenderer } from './app-protocol';
import { fakeProtocol, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

let root: string;
let rendererDir: string;

beforeEach(() => {
  resetFakeElectron();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-app-scheme-'));
  rendererDir = path.join(root, 'renderer');
  fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>FrontDesk SMS</title>');
  fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {}');
  fs.writeFileSync(path.join(root, 'secret.txt'), 'not for the page');
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('the app scheme', () => {
  it('is registered as a standard, secure scheme before the app is ready', () => {
    registerAppScheme();
    expect(fakeProtocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
  });

  it('serves the renderer with the CSP header', async () => {
    serveRenderer(rendererDir);
    expect(fakeProtocol.handle.mock.calls[0]![0]).toBe('app');
    const page = await rendererResponse(rendererDir, 'app://desk/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(RENDERER_CSP);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('FrontDesk SMS');
    const script = await rendererResponse(rendererDir, 'app://desk/assets/app.js');
    expect(script.headers.get('content-type')).toContain('text/javascript');
  });

  it('never serves a file outside the renderer folder or for another host', async () => {
    for (const url of [
      'app://desk/%2e%2e/secret.txt',
      'app://desk/..%2fsecret.txt',
      'app://other/index.html',
    ]) {
      const response = await rendererResponse(rendererDir, url);
      expect(response.status, url).toBe(404);
    }
  });
});
