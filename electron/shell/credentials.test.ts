import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ENCRYPTED_CREDENTIALS_FILE, safeStorageCredentialStore } from './credentials';
import { fakeSafeStorage, resetFakeElectron } from './testing/fake-electron';

vi.mock('electron', async () => (await import('./testing/fake-electron')).fakeElectronModule);

const credentials = {
  apiKey: 'KEY0123456789',
  messagingProfileId: 'profile-1',
  sendingNumber: '+15550100000',
};
let dir: string;

beforeEach(() => {
  resetFakeElectron();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-credentials-'));
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('safeStorage credential store', () => {
  it('keeps the credentials encrypted on disk and reads them back', () => {
    const store = safeStorageCredentialStore(dir);
    expect(store.load()).toBeNull();
    store.save(credentials);
    const onDisk = fs.readFileSync(path.join(dir, ENCRYPTED_CREDENTIALS_FILE), 'utf8');
    expect(onDisk).not.toContain(credentials.apiKey);
    expect(fakeSafeStorage.encryptString).toHaveBeenCalledTimes(1);
    expect(safeStorageCredentialStore(dir).load()).toEqual(credentials);
  });

  it('clears them', () => {
    const store = safeStorageCredentialStore(dir);
    store.save(credentials);
    store.clear();
    expect(store.load()).toBeNull();
  });

  it('refuses to save where the keychain is a fixed public key (Linux basic_text)', () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!;
    Object.defineProperty(process, 'platform', { ...platform, value: 'linux' });
    try {
      fakeSafeStorage.getSelectedStorageBackend.mockImplementation(() => 'basic_text');
      expect(() => safeStorageCredentialStore(dir).save(credentials)).toThrow(/no keychain/);
      expect(fs.existsSync(path.join(dir, ENCRYPTED_CREDENTIALS_FILE))).toBe(false);
    } finally {
      Object.defineProperty(process, 'platform', platform);
    }
  });

  it('refuses to save without encryption', () => {
    fakeSafeStorage.isEncryptionAvailable.mockImplementation(() => false);
    expect(() => safeStorageCredentialStore(dir).save(credentials)).toThrow(/no keychain/);
  });

  it('reads an unreadable or damaged file as "no credentials" (the demo carrier) instead of crashing', () => {
    fs.writeFileSync(path.join(dir, ENCRYPTED_CREDENTIALS_FILE), 'garbage');
    expect(safeStorageCredentialStore(dir).load()).toBeNull();
  });

  it('refuses invalid credentials', () => {
    expect(() => safeStorageCredentialStore(dir).save({ ...credentials, sendingNumber: '555' })).toThrow();
  });
});
