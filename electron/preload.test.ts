import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { DeskBridge } from '../shared/api';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './shell/channels';
import { fakeContextBridge, fakeIpcRenderer } from './shell/testing/fake-electron';

vi.mock('electron', async () => (await import('./shell/testing/fake-electron')).fakeElectronModule);

let bridge: DeskBridge;

beforeAll(async () => {
  await import('./preload');
  expect(fakeContextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
  bridge = fakeContextBridge.exposeInMainWorld.mock.calls[0]![1] as DeskBridge;
});

describe('the preload', () => {
  it('exposes window.desk with invoke and subscribe, and nothing else', () => {
    expect(fakeContextBridge.exposeInMainWorld.mock.calls[0]![0]).toBe('desk');
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'subscribe']);
  });

  it('refuses a method name outside the contract without reaching the main process', async () => {
    fakeIpcRenderer.invoke.mockClear();
    for (const name of ['fs.readFile', 'constructor', '__proto__', '']) {
      expect(await bridge.invoke(name, {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(fakeIpcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('passes a contract method, its input and the staff member to the one channel', async () => {
    fakeIpcRenderer.invoke.mockImplementation(() => Promise.resolve({ ok: true, value: 1 }));
    expect(await bridge.invoke('desk.info', {}, { staffName: 'Ann' })).toEqual({ ok: true, value: 1 });
    expect(fakeIpcRenderer.invoke).toHaveBeenLastCalledWith(
      INVOKE_CHANNEL,
      'desk.info',
      {},
      { staffName: 'Ann' },
    );
  });

  it('hands the page only the desk event, never the IPC event, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.subscribe(listener);
    const [channel, handler] = fakeIpcRenderer.on.mock.calls[0]! as [string, (...args: unknown[]) => void];
    expect(channel).toBe(EVENT_CHANNEL);
    handler({ sender: 'secret ipc internals' }, { name: 'client.changed', payload: { clientId: 1 } });
    expect(listener).toHaveBeenCalledWith({ name: 'client.changed', payload: { clientId: 1 } });
    unsubscribe();
    expect(fakeIpcRenderer.removeListener).toHaveBeenCalledWith(EVENT_CHANNEL, handler);
  });
});
