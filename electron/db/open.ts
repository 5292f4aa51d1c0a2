import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { migrate } from './migrate';

export type Db = Database.Database;

export const DB_FILE_NAME = 'frontdesk.sqlite';

/** Opens (creating if needed) the desk's database in `dataDir` and brings its schema up to date. */
export function openDatabase(dataDir: string, options: { migrationsDir?: string } = {}): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DB_FILE_NAME));
  try {
    applyPragmas(db);
    migrate(db, options.migrationsDir);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** An in-memory database with the full schema, for tests. */
export function openMemoryDatabase(): Db {
  const db = new Database(':memory:');
  applyPragmas(db);
  migrate(db);
  return db;
}

function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // FULL, not NORMAL: the consent ledger must survive a power cut right after a STOP was recorded.
  db.pragma('synchronous = FULL');
}
