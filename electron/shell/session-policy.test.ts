import type { Session } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { RENDERER_CSP } from '../web/csp';
import { appPages } from './pages';
import { applySessionPolicy } from './session-policy';
import { fakeSession, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

type HeadersListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

beforeEach(resetFakeElectron);

function install() {
  const session = fakeSession.defaultSession;
  applySessionPolicy(session as unknown as Session, appPages());
  return session.webRequest.onHeadersReceived.mock.calls[0]![0] as HeadersListener;
}

function headersFor(listener: HeadersListener, url: string, responseHeaders: Record<string, string[]> = {}) {
  let answer: { responseHeaders?: Record<string, string[]> } | undefined;
  listener({ url, responseHeaders }, (response) => {
    answer = response;
  });
  return answer;
}

describe('session policy', () => {
  it('puts the strict CSP on the app’s pages, replacing any other', () => {
    const listener = install();
    const answer = headersFor(listener, 'app://desk/index.html', {
      'content-security-policy': ['default-src *'],
    });
    expect(answer?.responseHeaders).toEqual({ 'Content-Security-Policy': [RENDERER_CSP] });
    expect(RENDERER_CSP).toContain("default-src 'none'");
    expect(RENDERER_CSP).toContain("script-src 'self'");
    expect(RENDERER_CSP).not.toContain('unsafe');
  });

  it('leaves other responses alone', () => {
    expect(headersFor(install(), 'https://example.com/')).toEqual({});
  });

  it('grants no permission to any page', () => {
    install();
    const request = fakeSession.defaultSession.setPermissionRequestHandler.mock.calls[0]![0] as (
      contents: unknown,
      permission: string,
      callback: (granted: boolean) => void,
    ) => void;
    const granted = vi.fn();
    request({}, 'notifications', granted);
    request({}, 'media', granted);
    expect(granted.mock.calls).toEqual([[false], [false]]);
    const check = fakeSession.defaultSession.setPermissionCheckHandler.mock.calls[0]![0] as () => boolean;
    expect(check()).toBe(false);
  });
});
