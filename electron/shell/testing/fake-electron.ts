/**
 * A stand-in for the `electron` module in unit tests (the binary cannot run here): each piece records what the
 * shell asked of it, so tests can assert the security settings and drive events by hand.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

let nextContentsId = 1;

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly mainFrame = new FakeWebFrame('app://desk/index.html');
  readonly setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
  readonly send = vi.fn();
}

export class FakeBrowserWindow extends EventEmitter {
  static created: FakeBrowserWindow[] = [];
  static onCreate: ((window: FakeBrowserWindow) => void) | null = null;
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn((_url: string) => Promise.resolve());
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  minimized = false;
  destroyed = false;
  readonly isMinimized = vi.fn(() => this.minimized);
  readonly isDestroyed = vi.fn(() => this.destroyed);

  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>) {
    super();
    FakeBrowserWindow.created.push(this);
    FakeBrowserWindow.onCreate?.(this);
  }
}

export interface FakeEvent {
  preventDefault: ReturnType<typeof vi.fn>;
  url?: string;
}

export function fakeEvent(url?: string): FakeEvent {
  return url === undefined ? { preventDefault: vi.fn() } : { preventDefault: vi.fn(), url };
}

export const fakeApp = Object.assign(new EventEmitter(), {
  requestSingleInstanceLock: vi.fn(() => true),
  quit: vi.fn(),
  whenReady: vi.fn(() => Promise.resolve()),
  getPath: vi.fn((_name: string) => '/tmp/frontdesk-user-data'),
  isPackaged: true,
});

export const fakeIpcMain = { handle: vi.fn() };
export const fakeProtocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
export const fakeSession = {
  defaultSession: {
    webRequest: { onHeadersReceived: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
  },
};
export const fakeDialog = { showErrorBox: vi.fn() };

/** Reversible but not plain text, so a test can tell the file was written through it. */
export const fakeSafeStorage = {
  isEncryptionAvailable: vi.fn(() => true),
  getSelectedStorageBackend: vi.fn(() => 'gnome_libsecret'),
  encryptString: vi.fn((text: string) => Buffer.from(`sealed:${Buffer.from(text).toString('base64')}`)),
  decryptString: vi.fn((sealed: Buffer) => {
    const text = sealed.toString();
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext');
    return Buffer.from(text.slice('sealed:'.length), 'base64').toString();
  }),
};

export const fakeContextBridge = { exposeInMainWorld: vi.fn() };
export const fakeIpcRenderer = { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() };

export const fakeElectronModule = {
  app: fakeApp,
  BrowserWindow: FakeBrowserWindow,
  ipcMain: fakeIpcMain,
  protocol: fakeProtocol,
  session: fakeSession,
  dialog: fakeDialog,
  safeStorage: fakeSafeStorage,
  contextBridge: fakeContextBridge,
  ipcRenderer: fakeIpcRenderer,
};

export function resetFakeElectron(): void {
  vi.clearAllMocks();
  fakeApp.removeAllListeners();
  fakeApp.requestSingleInstanceLock.mockImplementation(() => true);
  fakeApp.whenReady.mockImplementation(() => Promise.resolve());
  fakeSafeStorage.isEncryptionAvailable.mockImplementation(() => true);
  fakeSafeStorage.getSelectedStorageBackend.mockImplementation(() => 'gnome_libsecret');
  FakeBrowserWindow.created = [];
  FakeBrowserWindow.onCreate = null;
}
