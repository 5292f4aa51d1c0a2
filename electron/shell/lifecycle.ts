import { app, BrowserWindow, dialog, ipcMain, session } from 'electron';
import type { Desk } from '../desk';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { forwardDeskEvents, registerDeskIpc } from './ipc';
import { appPages } from './pages';
import { applySessionPolicy } from './session-policy';
import { createMainWindow } from './window';

export interface DeskAppOptions {
  preloadPath: string;
  rendererDir: string;
  /** Opens the desk core (carrier, database, loops) in the data folder. */
  openDesk(dataDir: string): Promise<{ desk: Pick<Desk, 'call' | 'events'>; close(): Promise<void> }>;
}

/**
 * The Electron app's life: one instance (a second launch focuses the first window), the desk opened in the
 * user's data folder once Electron is ready, and on quit the loops stopped and the database closed before exit.
 */
export function startDeskApp(options: DeskAppOptions): void {
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const pages = appPages();
  let window: BrowserWindow | null = null;
  let running: Awaited<ReturnType<DeskAppOptions['openDesk']>> | null = null;
  let shutdown: 'running' | 'stopping' | 'stopped' = 'running';

  const showWindow = () => {
    if (!running) return;
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.focus();
      return;
    }
    window = createMainWindow({ preloadPath: options.preloadPath, pages });
    window.on('closed', () => {
      window = null;
    });
  };

  app.on('second-instance', showWindow);
  // macOS keeps an app alive without windows; the dock icon brings the window back.
  app.on('activate', showWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('before-quit', (event) => {
    if (shutdown === 'stopped') return;
    // Hold the quit until the desk has stopped its loops and closed the database.
    event.preventDefault();
    if (shutdown === 'stopping') return;
    shutdown = 'stopping';
    const closing = running ? running.close() : Promise.resolve();
    closing
      .catch((error: unknown) => console.error('FrontDesk SMS did not stop cleanly:', error))
      .finally(() => {
        shutdown = 'stopped';
        app.quit();
      });
  });

  app
    .whenReady()
    .then(async () => {
      applySessionPolicy(session.defaultSession, pages);
      serveRenderer(options.rendererDir);
      running = await options.openDesk(app.getPath('userData'));
      registerDeskIpc({ ipcMain, desk: running.desk, window: () => window, pages });
      forwardDeskEvents(running.desk, () => window);
      showWindow();
    })
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'FrontDesk SMS could not start',
        error instanceof Error ? error.message : String(error),
      );
      app.quit();
    });
}
