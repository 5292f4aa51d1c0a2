import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { DeskError } from '../../shared/errors';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const MIGRATION_FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

export function defaultMigrationsDir(): string {
  return fileURLToPath(new URL('./migrations', import.meta.url));
}

/** Reads `NNNN_name.sql` files in order; numbers must run 1, 2, 3… with no gap or repeat. */
export function loadMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  const migrations = fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = MIGRATION_FILE.exec(file);
      if (!match) throw new Error(`Migration file name "${file}" is not of the form NNNN_name.sql`);
      return {
        version: Number(match[1]),
        name: match[2]!,
        sql: fs.readFileSync(path.join(dir, file), 'utf8'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations must be numbered 1, 2, 3…; found ${migration.version} at position ${index + 1}`,
      );
    }
  });
  return migrations;
}

/**
 * Applies every migration newer than the database's `user_version`, each in its own transaction, and refuses a
 * database written by a newer version of the app (its schema may mean things this version does not know).
 */
export function migrate(db: Database.Database, dir?: string, upTo?: number): number {
  const migrations = loadMigrations(dir);
  const latest = migrations.length;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new DeskError(
      'database_too_new',
      `This database was written by a newer version of FrontDesk SMS (schema ${current}; this version knows up to ${latest}). ` +
        'Update the app to open it; nothing was changed.',
    );
  }
  const target = upTo ?? latest;
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > target) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return db.pragma('user_version', { simple: true }) as number;
}
