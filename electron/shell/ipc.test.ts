import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { Result } from '../../shared/errors';
import type { CallContext } from '../api/dispatch';
import { DeskEvents } from '../core/events';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';
import { forwardDeskEvents, registerDeskIpc } from './ipc';
import { appPages } from './pages';
import { FakeBrowserWindow, FakeWebContents, FakeWebFrame, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

let window: FakeBrowserWindow;
let handler: InvokeHandler;
let deskCall: Mock<(method: string, input: unknown, context?: CallContext) => Promise<Result<unknown>>>;

beforeEach(() => {
  resetFakeElectron();
  window = new FakeBrowserWindow({});
  deskCall = vi.fn(() => Promise.resolve<Result<unknown>>({ ok: true, value: 'answered' }));
  const ipcMain = { handle: vi.fn() };
  registerDeskIpc({
    ipcMain: ipcMain as unknown as IpcMain,
    desk: { call: deskCall },
    window: () => window as unknown as BrowserWindow,
    pages: appPages(),
  });
  expect(ipcMain.handle).toHaveBeenCalledTimes(1);
  expect(ipcMain.handle.mock.calls[0]![0]).toBe(INVOKE_CHANNEL);
  handler = ipcMain.handle.mock.calls[0]![1] as InvokeHandler;
});

function eventFrom(contents: FakeWebContents, frame: FakeWebFrame | null): IpcMainInvokeEvent {
  return { sender: contents, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

const refused = {
  ok: false,
  error: { code: 'unauthorized', message: 'Only the FrontDesk SMS window may call the desk.' },
};

describe('desk:invoke', () => {
  it('forwards a call from the app window’s top frame to desk.call, with the staff member', async () => {
    const result = await handler(
      eventFrom(window.webContents, window.webContents.mainFrame),
      'clients.search',
      {
        query: 'bis',
      },
      { staffName: 'Ann' },
    );
    expect(result).toEqual({ ok: true, value: 'answered' });
    expect(deskCall).toHaveBeenCalledWith('clients.search', { query: 'bis' }, { staffName: 'Ann' });
  });

  it('refuses another window’s web contents', async () => {
    const other = new FakeWebContents();
    expect(await handler(eventFrom(other, other.mainFrame), 'desk.info', {})).toEqual(refused);
    expect(deskCall).not.toHaveBeenCalled();
  });

  it('refuses a sub-frame of the app window', async () => {
    const child = new FakeWebFrame('app://desk/index.html', window.webContents.mainFrame);
    expect(await handler(eventFrom(window.webContents, child), 'desk.info', {})).toEqual(refused);
    expect(deskCall).not.toHaveBeenCalled();
  });

  it('refuses a frame showing anything but the app’s page', async () => {
    for (const url of ['https://example.com/', 'file:///tmp/index.html', 'app://other/index.html']) {
      expect(await handler(eventFrom(window.webContents, new FakeWebFrame(url)), 'desk.info', {})).toEqual(
        refused,
      );
    }
    expect(await handler(eventFrom(window.webContents, null), 'desk.info', {})).toEqual(refused);
    expect(deskCall).not.toHaveBeenCalled();
  });

  it('refuses everything once the window is gone', async () => {
    window.destroyed = true;
    expect(
      await handler(eventFrom(window.webContents, window.webContents.mainFrame), 'desk.info', {}),
    ).toEqual(refused);
  });

  it('drops a malformed call context instead of recording it', async () => {
    const frame = window.webContents.mainFrame;
    await handler(eventFrom(window.webContents, frame), 'desk.info', {}, { staffName: 42 });
    await handler(eventFrom(window.webContents, frame), 'desk.info', {}, 'Ann');
    expect(deskCall.mock.calls.map((call) => call[2])).toEqual([{}, {}]);
  });
});

describe('push events', () => {
  it('sends each core event to the window and stops at a destroyed one', () => {
    const events = new DeskEvents();
    forwardDeskEvents({ events }, () => window as unknown as BrowserWindow);
    events.emit('client.changed', { clientId: 3 });
    expect(window.webContents.send).toHaveBeenCalledWith(EVENT_CHANNEL, {
      name: 'client.changed',
      payload: { clientId: 3 },
    });
    window.destroyed = true;
    events.emit('client.changed', { clientId: 4 });
    expect(window.webContents.send).toHaveBeenCalledTimes(1);
  });
});
