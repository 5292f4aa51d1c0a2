import fs from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import {
  carrierCredentialsSchema,
  type CarrierCredentials,
  type CredentialStore,
} from '../carrier/credentials';
import { DeskError } from '../../shared/errors';

export const ENCRYPTED_CREDENTIALS_FILE = 'carrier-credentials.enc';

/**
 * Telnyx credentials encrypted with the operating system's keychain (safeStorage). On Linux without a keyring
 * Electron would fall back to a fixed, public key ("basic_text"); that is not encryption, so saving is refused
 * there with the reason instead of pretending.
 *
 * The synchronous safeStorage calls are used on purpose: the CredentialStore interface is synchronous because
 * the carrier is chosen once at start-up, and a few bytes decrypt in no time.
 */
export function safeStorageCredentialStore(dataDir: string): CredentialStore {
  const file = path.join(dataDir, ENCRYPTED_CREDENTIALS_FILE);

  const encryptionUsable = () =>
    safeStorage.isEncryptionAvailable() &&
    !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text');

  return {
    load(): CarrierCredentials | null {
      if (!fs.existsSync(file) || !safeStorage.isEncryptionAvailable()) return null;
      try {
        const parsed = carrierCredentialsSchema.safeParse(
          JSON.parse(safeStorage.decryptString(fs.readFileSync(file))),
        );
        return parsed.success ? parsed.data : null;
      } catch {
        // Unreadable (another user's keychain, a damaged file): run on the demo carrier until they are entered again.
        return null;
      }
    },
    save(credentials) {
      const valid = carrierCredentialsSchema.parse(credentials);
      if (!encryptionUsable()) {
        throw new DeskError(
          'internal',
          'This computer has no keychain to encrypt the carrier key with (on Linux, install or unlock GNOME Keyring ' +
            'or KWallet). The key was not saved.',
        );
      }
      fs.mkdirSync(dataDir, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temporary, safeStorage.encryptString(JSON.stringify(valid)), { mode: 0o600 });
      fs.renameSync(temporary, file);
    },
    clear() {
      fs.rmSync(file, { force: true });
    },
  };
}
