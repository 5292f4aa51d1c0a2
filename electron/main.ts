/**
 * The Electron main process: builds the desk core in the user's data folder and hands it to the shell. The only
 * files that import electron are this one, preload.ts and electron/shell/.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { safeStorageCredentialStore } from './shell/credentials';
import { startDeskApp } from './shell/lifecycle';
import { openRunningDesk } from './web/open-desk';

const here = path.dirname(fileURLToPath(import.meta.url));

// End-to-end tests point the app at a throwaway folder; it must be set before anything reads it.
if (process.env.FRONTDESK_DATA_DIR) app.setPath('userData', path.resolve(process.env.FRONTDESK_DATA_DIR));

startDeskApp({
  preloadPath: path.join(here, '../preload/preload.cjs'),
  rendererDir: path.join(here, '../renderer'),
  openDesk: (dataDir) => openRunningDesk({ dataDir, credentials: safeStorageCredentialStore(dataDir) }),
});
