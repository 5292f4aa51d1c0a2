import { BrowserWindow, type WebPreferences } from 'electron';
import type { AppPages } from './pages';

/** The renderer is a web page with no Node and no Electron: only the preload's `window.desk` reaches out. */
export function mainWindowPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
  };
}

/** Creates the desk's window: it opens no other window and never navigates away from the app's pages. */
export function createMainWindow(options: { preloadPath: string; pages: AppPages }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1240,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'FrontDesk SMS',
    backgroundColor: '#f4f6f8',
    webPreferences: mainWindowPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());

  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const stayInApp = (event: { preventDefault(): void; url: string }) => {
    if (!options.pages.isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());

  void window.loadURL(options.pages.entryUrl);
  return window;
}
