import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeskError } from '../../shared/errors';
import { defaultMigrationsDir, loadMigrations, migrate } from './migrate';
import { DB_FILE_NAME, openDatabase, openMemoryDatabase, type Db } from './open';

const LATEST = loadMigrations().length;
const tempDirs: string[] = [];

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-migrate-'));
  tempDirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Everything the schema defines, as SQLite stores it: two databases with equal schemas give equal lists. */
function schemaOf(db: Db): { type: string; name: string; sql: string | null }[] {
  return db.prepare('SELECT type, name, sql FROM sqlite_master ORDER BY type, name').all() as {
    type: string;
    name: string;
    sql: string | null;
  }[];
}

/** Rows a database at `version` can hold, written with plain SQL as that version's app would have. */
function writeDataFor(db: Db, version: number): void {
  if (version < 1) return;
  db.exec(`
    INSERT INTO clients (id, first_name, last_name, created_at, updated_at) VALUES (7, 'Zoë', 'O''Brien', 1, 1);
    INSERT INTO pets (client_id, name, species) VALUES (7, 'Biscuit', 'Dog');
    INSERT INTO phones (client_id, e164, is_texting) VALUES (7, '+12125550123', 1);
    INSERT INTO consent_events (e164, from_state, to_state, source, reason, at)
      VALUES ('+12125550123', 'unknown', 'opted_in', 'import', 'signed the form', 1);
  `);
}

describe('migrations', () => {
  it('are numbered 1, 2, 3… with no gap', () => {
    expect(loadMigrations().map((migration) => migration.version)).toEqual(
      Array.from({ length: LATEST }, (_, index) => index + 1),
    );
  });

  it('build a fresh database to the latest version', () => {
    const db = openMemoryDatabase();
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    const names = schemaOf(db).map((entry) => entry.name);
    for (const table of [
      'clients',
      'pets',
      'phones',
      'consents',
      'consent_events',
      'messages',
      'client_search',
    ]) {
      expect(names).toContain(table);
    }
  });

  it('open the file in the data folder with WAL, foreign keys, a busy timeout and full sync', () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    try {
      expect(fs.existsSync(path.join(dir, DB_FILE_NAME))).toBe(true);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      db.close();
    }
  });

  it.each(Array.from({ length: LATEST }, (_, version) => version))(
    'upgrade a database from version %i to the same schema as a fresh one, keeping its data',
    (from) => {
      const fresh = openMemoryDatabase();
      const db = new Database(':memory:');
      db.pragma('foreign_keys = ON');
      expect(migrate(db, undefined, from)).toBe(from);
      writeDataFor(db, from);

      expect(migrate(db)).toBe(LATEST);
      expect(schemaOf(db)).toEqual(schemaOf(fresh));
      if (from >= 1) {
        expect(db.prepare('SELECT first_name, last_name FROM clients WHERE id = 7').get()).toEqual({
          first_name: 'Zoë',
          last_name: "O'Brien",
        });
        expect(db.prepare('SELECT state FROM consents').get()).toEqual({ state: 'opted_in' });
        // Clients written before the search index existed are found by it.
        for (const query of ['"zoe"', '"biscuit"', '"5550"*']) {
          expect(
            db.prepare('SELECT rowid FROM client_search WHERE client_search MATCH ?').all(query),
          ).toEqual([{ rowid: 7 }]);
        }
      }
    },
  );

  it('apply each migration in one transaction: a failing one leaves the database at the version before it', () => {
    const dir = tempDir();
    for (const file of fs.readdirSync(defaultMigrationsDir())) {
      fs.copyFileSync(path.join(defaultMigrationsDir(), file), path.join(dir, file));
    }
    const next = String(LATEST + 1).padStart(4, '0');
    fs.writeFileSync(
      path.join(dir, `${next}_broken.sql`),
      'CREATE TABLE half_done (x INTEGER);\nSELECT nonsense FROM;',
    );
    const db = new Database(':memory:');
    expect(() => migrate(db, dir)).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
  });

  it('refuse a folder of migrations with a gap in the numbers', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '0001_a.sql'), 'SELECT 1;');
    fs.writeFileSync(path.join(dir, '0003_c.sql'), 'SELECT 1;');
    expect(() => loadMigrations(dir)).toThrow(/numbered 1, 2, 3/);
  });

  it('refuse a database written by a newer version with a clear message, and leave it untouched', () => {
    const dir = tempDir();
    openDatabase(dir).close();
    const file = path.join(dir, DB_FILE_NAME);
    const future = new Database(file);
    future.exec('CREATE TABLE from_the_future (x INTEGER); INSERT INTO from_the_future VALUES (42);');
    future.pragma(`user_version = ${LATEST + 3}`);
    const schemaBefore = schemaOf(future);
    future.close();

    let refusal: unknown;
    try {
      openDatabase(dir).close();
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DeskError);
    expect((refusal as DeskError).code).toBe('database_too_new');
    expect((refusal as DeskError).message).toMatch(/newer version of FrontDesk SMS/);
    expect((refusal as DeskError).message).toMatch(/nothing was changed/);

    const after = new Database(file, { readonly: true });
    try {
      expect(after.pragma('user_version', { simple: true })).toBe(LATEST + 3);
      expect(schemaOf(after)).toEqual(schemaBefore);
      expect(after.prepare('SELECT x FROM from_the_future').all()).toEqual([{ x: 42 }]);
    } finally {
      after.close();
    }
  });
});
