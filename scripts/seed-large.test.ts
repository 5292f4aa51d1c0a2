import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../electron/db/open';

const script = fileURLToPath(new URL('./seed-large.ts', import.meta.url));
const dirs: string[] = [];

function seedLarge(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run seed:large', () => {
  it('fills the database in --data with --clients clients, and refuses to fill it twice', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-seed-'));
    dirs.push(dir);
    const run = seedLarge('--clients', '300', '--data', dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Wrote 300 clients/);

    const again = seedLarge('--clients', '300', '--data', dir);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already has 300 clients/);
    const db = new Database(path.join(dir, DB_FILE_NAME), { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) AS n FROM clients').get()).toEqual({ n: 300 });
    } finally {
      db.close();
    }
  });

  it('says how to use it when --data is missing, --clients is not a number or an option is unknown', () => {
    for (const args of [
      ['--clients', '10'],
      ['--clients', 'many', '--data', os.tmpdir()],
    ]) {
      const run = seedLarge(...args);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/Usage: npm run seed:large -- --clients 100000 --data DIR/);
    }
  });
});
