import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CREDENTIALS_FILE,
  fileCredentialStore,
  memoryCredentialStore,
  type CarrierCredentials,
} from './credentials';

const credentials: CarrierCredentials = {
  apiKey: 'KEY0123456789ABCDEF',
  messagingProfileId: '4000eba1-a0c0-4563-9925-b25e842a7cb6',
  sendingNumber: '+12125550100',
};

let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-credentials-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('fileCredentialStore', () => {
  it('has nothing until credentials are saved, then loads them back', () => {
    const store = fileCredentialStore(dataDir);
    expect(store.load()).toBeNull();
    store.save(credentials);
    expect(fileCredentialStore(dataDir).load()).toEqual(credentials);
  });

  it('keeps the file readable by its owner only (0600)', () => {
    fileCredentialStore(dataDir).save(credentials);
    expect(statSync(join(dataDir, CREDENTIALS_FILE)).mode & 0o777).toBe(0o600);
  });

  it('creates the data folder when it is missing', () => {
    const nested = join(dataDir, 'not', 'yet');
    fileCredentialStore(nested).save(credentials);
    expect(fileCredentialStore(nested).load()).toEqual(credentials);
  });

  it('overwrites on save and forgets on clear', () => {
    const store = fileCredentialStore(dataDir);
    store.save(credentials);
    store.save({ ...credentials, sendingNumber: '+12125550101' });
    expect(store.load()?.sendingNumber).toBe('+12125550101');
    store.clear();
    expect(store.load()).toBeNull();
    store.clear();
  });

  it('treats an unreadable or tampered file as no credentials', () => {
    const path = join(dataDir, CREDENTIALS_FILE);
    writeFileSync(path, '{ not json');
    expect(fileCredentialStore(dataDir).load()).toBeNull();
    writeFileSync(path, JSON.stringify({ apiKey: 'KEY', messagingProfileId: 'x', sendingNumber: 'call me' }));
    expect(fileCredentialStore(dataDir).load()).toBeNull();
  });

  it('refuses to save credentials that are not whole', () => {
    const store = fileCredentialStore(dataDir);
    expect(() => store.save({ ...credentials, apiKey: '' })).toThrow();
    expect(() => readFileSync(join(dataDir, CREDENTIALS_FILE))).toThrow();
  });
});

describe('memoryCredentialStore', () => {
  it('saves, loads and clears without touching the disk', () => {
    const store = memoryCredentialStore();
    store.save(credentials);
    expect(store.load()).toEqual(credentials);
    store.clear();
    expect(store.load()).toBeNull();
  });
});
