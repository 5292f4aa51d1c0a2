import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeEvent, resetFakeElectron } from './testing/fake-electron';
import { appPages } from './pages';
import { createMainWindow } from './window';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

beforeEach(resetFakeElectron);

function open() {
  createMainWindow({ preloadPath: '/app/out/preload/preload.cjs', pages: appPages() });
  return FakeBrowserWindow.created[0]!;
}

describe('the main window', () => {
  it('isolates the page: context isolation, sandbox, no Node, web security on', () => {
    const preferences = open().options.webPreferences!;
    expect(preferences).toMatchObject({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('loads the app from its own scheme', () => {
    expect(open().loadURL).toHaveBeenCalledWith('app://desk/index.html');
  });

  it('denies every window.open', () => {
    const window = open();
    expect(window.webContents.setWindowOpenHandler).toHaveBeenCalledTimes(1);
    for (const url of ['https://example.com/', 'app://desk/index.html', 'file:///etc/passwd']) {
      expect(window.webContents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
  });

  it.each(['will-navigate', 'will-redirect'])(
    'blocks %s away from the app and allows the app’s own pages',
    (name) => {
      const contents = open().webContents;
      for (const url of [
        'https://example.com/',
        'file:///etc/passwd',
        'app://elsewhere/index.html',
        'not a url',
      ]) {
        const event = fakeEvent(url);
        contents.emit(name, event);
        expect(event.preventDefault, url).toHaveBeenCalled();
      }
      const own = fakeEvent('app://desk/index.html');
      contents.emit(name, own);
      expect(own.preventDefault).not.toHaveBeenCalled();
    },
  );

  it('refuses to attach a <webview>', () => {
    const event = fakeEvent();
    open().webContents.emit('will-attach-webview', event);
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('shows itself once ready, not blank before', () => {
    const window = open();
    expect(window.options.show).toBe(false);
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });
});
