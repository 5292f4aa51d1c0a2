/**
 * The renderer's only door: `window.desk` with `invoke` and `subscribe`, nothing else. Method names outside the
 * contract are refused here, before anything crosses to the main process; the main process checks again.
 * Built as CommonJS because a sandboxed preload cannot load ES modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isApiMethod, type DeskBridge, type DeskEvent } from '../shared/api';
import type { Result } from '../shared/errors';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './shell/channels';

const bridge: DeskBridge = {
  invoke(method, input, context) {
    if (!isApiMethod(method)) {
      return Promise.resolve<Result<unknown>>({
        ok: false,
        error: { code: 'not_found', message: `Unknown API method "${String(method)}".` },
      });
    }
    const staffName = typeof context?.staffName === 'string' ? context.staffName : undefined;
    return ipcRenderer.invoke(
      INVOKE_CHANNEL,
      method,
      input,
      staffName === undefined ? {} : { staffName },
    ) as Promise<Result<unknown>>;
  },
  subscribe(listener) {
    // The IPC event object (with its sender) never reaches the page: only the desk's event does.
    const onEvent = (_event: IpcRendererEvent, deskEvent: DeskEvent) => listener(deskEvent);
    ipcRenderer.on(EVENT_CHANNEL, onEvent);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, onEvent);
    };
  },
};

contextBridge.exposeInMainWorld('desk', bridge);
