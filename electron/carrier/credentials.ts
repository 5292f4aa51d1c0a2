/**
 * Telnyx credentials, kept apart from the settings table so they never travel with a database copy.
 * Browser mode keeps them in a file only its owner can read; the Electron shell provides a store with the
 * same interface that encrypts them with safeStorage.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

export interface CarrierCredentials {
  apiKey: string;
  messagingProfileId: string;
  /** The business number texts go out from (E.164). */
  sendingNumber: string;
}

export interface CredentialStore {
  /** The saved credentials, or null when there are none (or they cannot be read): the desk then runs on the demo carrier. */
  load(): CarrierCredentials | null;
  save(credentials: CarrierCredentials): void;
  clear(): void;
}

export const carrierCredentialsSchema = z.object({
  apiKey: z.string().min(1),
  messagingProfileId: z.string().min(1),
  sendingNumber: z.string().regex(/^\+[1-9]\d{6,14}$/),
});

export const CREDENTIALS_FILE = 'carrier-credentials.json';

export function fileCredentialStore(dataDir: string): CredentialStore {
  const path = join(dataDir, CREDENTIALS_FILE);
  return {
    load() {
      if (!existsSync(path)) return null;
      try {
        const parsed = carrierCredentialsSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    save(credentials) {
      const valid = carrierCredentialsSchema.parse(credentials);
      mkdirSync(dataDir, { recursive: true });
      // Written whole to a private temporary file and renamed over, so a crash never leaves half a key
      // and the key is never readable by others, not even for a moment.
      const temporary = `${path}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(valid), { mode: 0o600 });
      chmodSync(temporary, 0o600);
      renameSync(temporary, path);
    },
    clear() {
      rmSync(path, { force: true });
    },
  };
}

/** A store in memory, for tests and for a desk that must not write credentials anywhere. */
export function memoryCredentialStore(initial: CarrierCredentials | null = null): CredentialStore {
  let current = initial;
  return {
    load: () => current,
    save(credentials) {
      current = carrierCredentialsSchema.parse(credentials);
    },
    clear() {
      current = null;
    },
  };
}
