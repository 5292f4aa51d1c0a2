import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import type { DeskEvent } from '../../shared/api';
import type { Result } from '../../shared/errors';
import type { Desk } from '../desk';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';
import type { AppPages } from './pages';

const callContextSchema = z
  .object({ staffName: z.string().trim().min(1).max(60).optional() })
  .optional()
  .catch(undefined);

/** Only the top frame of the app's own window, showing the app's own page, may call the desk. */
export function isTrustedSender(
  event: IpcMainInvokeEvent,
  window: BrowserWindow | null,
  pages: AppPages,
): boolean {
  if (!window || window.isDestroyed()) return false;
  if (event.sender.id !== window.webContents.id) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return pages.isAppUrl(frame.url);
}

/**
 * The one IPC handler: every call from the renderer goes through `desk.call`, which checks the method name and
 * parses the input with its schema. Calls from anywhere else are refused, never run.
 */
export function registerDeskIpc(options: {
  ipcMain: IpcMain;
  desk: Pick<Desk, 'call'>;
  window: () => BrowserWindow | null;
  pages: AppPages;
}): void {
  options.ipcMain.handle(
    INVOKE_CHANNEL,
    async (event, method: unknown, input: unknown, context: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, options.window(), options.pages)) {
        return {
          ok: false,
          error: { code: 'unauthorized', message: 'Only the FrontDesk SMS window may call the desk.' },
        };
      }
      const staffName = callContextSchema.parse(context)?.staffName;
      return options.desk.call(String(method), input, staffName === undefined ? {} : { staffName });
    },
  );
}

/** Forwards every core push to the window; a closed window simply stops receiving. */
export function forwardDeskEvents(
  desk: Pick<Desk, 'events'>,
  window: () => BrowserWindow | null,
): () => void {
  return desk.events.subscribe((event: DeskEvent) => {
    const target = window();
    if (target && !target.isDestroyed()) target.webContents.send(EVENT_CHANNEL, event);
  });
}
