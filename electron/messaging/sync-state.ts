/** The loops' small bits of persistent state (cursors, last sync), one JSON value per key in `sync_state`. */
import type { Db } from '../db/open';

export function readSyncState<T>(db: Db, key: string, parse: (value: unknown) => T | null): T | null {
  const row = db.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as
    { value: string } | undefined;
  if (!row) return null;
  try {
    return parse(JSON.parse(row.value));
  } catch {
    // A value this version cannot read is treated as missing; the next write replaces it.
    return null;
  }
}

export function writeSyncState(db: Db, key: string, value: unknown): void {
  db.prepare(
    'INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run(key, JSON.stringify(value));
}

export function readNumber(db: Db, key: string): number | null {
  return readSyncState(db, key, (value) =>
    typeof value === 'number' && Number.isFinite(value) ? value : null,
  );
}
