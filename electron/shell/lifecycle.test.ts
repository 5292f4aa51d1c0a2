import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DeskEvents } from '../core/events';
import { INVOKE_CHANNEL } from './channels';
import { startDeskApp, type DeskAppOptions } from './lifecycle';
import {
  FakeBrowserWindow,
  fakeApp,
  fakeDialog,
  fakeEvent,
  fakeIpcMain,
  resetFakeElectron,
} from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

let windowOpened: ReturnType<typeof deferred<FakeBrowserWindow>>;
let closeDesk: ReturnType<typeof vi.fn>;
let openDesk: ReturnType<typeof vi.fn>;

beforeEach(() => {
  resetFakeElectron();
  windowOpened = deferred<FakeBrowserWindow>();
  FakeBrowserWindow.onCreate = (window) => windowOpened.resolve(window);
  closeDesk = vi.fn(() => Promise.resolve());
  openDesk = vi.fn(() =>
    Promise.resolve({ desk: { call: vi.fn(), events: new DeskEvents() }, close: closeDesk }),
  );
});

function start(overrides: Partial<DeskAppOptions> = {}) {
  startDeskApp({
    preloadPath: '/app/out/preload/preload.cjs',
    rendererDir: '/app/out/renderer',
    openDesk: openDesk as unknown as DeskAppOptions['openDesk'],
    ...overrides,
  });
}

describe('the Electron app', () => {
  it('opens the desk in the user data folder, registers the one IPC handler and shows one window', async () => {
    start();
    const window = await windowOpened.promise;
    expect(fakeApp.getPath).toHaveBeenCalledWith('userData');
    expect(openDesk).toHaveBeenCalledWith('/tmp/frontdesk-user-data');
    expect(fakeIpcMain.handle.mock.calls.map((call) => call[0])).toEqual([INVOKE_CHANNEL]);
    expect(window.loadURL).toHaveBeenCalledWith('app://desk/index.html');
  });

  it('quits at once when another instance holds the lock, opening nothing', () => {
    fakeApp.requestSingleInstanceLock.mockImplementation(() => false);
    start();
    expect(fakeApp.quit).toHaveBeenCalledTimes(1);
    expect(fakeApp.whenReady).not.toHaveBeenCalled();
    expect(openDesk).not.toHaveBeenCalled();
  });

  it('focuses the existing window when a second instance starts', async () => {
    start();
    const window = await windowOpened.promise;
    window.minimized = true;
    fakeApp.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(FakeBrowserWindow.created).toHaveLength(1);
  });

  it('holds the quit until the desk has stopped its loops and closed the database', async () => {
    start();
    await windowOpened.promise;
    const stopped = deferred();
    closeDesk.mockImplementation(() => stopped.promise);
    const quitAgain = deferred();
    fakeApp.quit.mockImplementation(() => quitAgain.resolve());

    const first = fakeEvent();
    fakeApp.emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(closeDesk).toHaveBeenCalledTimes(1);
    expect(fakeApp.quit).not.toHaveBeenCalled();

    // A second quit request while stopping neither closes twice nor lets the app exit early.
    const impatient = fakeEvent();
    fakeApp.emit('before-quit', impatient);
    expect(impatient.preventDefault).toHaveBeenCalled();
    expect(closeDesk).toHaveBeenCalledTimes(1);

    stopped.resolve();
    await quitAgain.promise;
    const last = fakeEvent();
    fakeApp.emit('before-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('says why and quits when the desk cannot open (a database from a newer version)', async () => {
    openDesk.mockImplementation(() =>
      Promise.reject(new Error('This database was written by a newer version.')),
    );
    const quit = deferred();
    fakeApp.quit.mockImplementation(() => quit.resolve());
    start();
    await quit.promise;
    expect(fakeDialog.showErrorBox).toHaveBeenCalledWith(
      'FrontDesk SMS could not start',
      'This database was written by a newer version.',
    );
    expect(FakeBrowserWindow.created).toHaveLength(0);
  });
});
