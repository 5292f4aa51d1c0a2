import { describe, expect, it } from 'vitest';
import { parsePhone } from '../../shared/phone';
import { searchClients } from '../clients/search';
import { openMemoryDatabase, type Db } from '../db/open';
import { ClientGenerator, randomSource, seedLargeDatabase } from './large-seed';

function count(db: Db, sql: string): number {
  return (db.prepare(sql).get() as { n: number }).n;
}

describe('the large seeder', () => {
  it('generates only numbers libphonenumber-js accepts as valid US numbers', () => {
    const generator = new ClientGenerator(randomSource(1));
    for (let i = 0; i < 2_000; i++) {
      const e164 = generator.newNumber();
      const parsed = parsePhone(e164);
      expect(parsed.ok && parsed.e164, e164).toBe(e164);
    }
  });

  it('writes the clients asked for, with pets, households and a mix of consent from the ledger', () => {
    const db = openMemoryDatabase();
    const result = seedLargeDatabase(db, { clients: 3_000, now: 1 });
    expect(result.clients).toBe(3_000);
    expect(count(db, 'SELECT count(*) AS n FROM clients')).toBe(3_000);
    expect(count(db, 'SELECT count(*) AS n FROM clients WHERE id NOT IN (SELECT client_id FROM pets)')).toBe(
      0,
    );
    expect(count(db, 'SELECT count(DISTINCT e164) AS n FROM phones')).toBe(result.numbers);
    expect(
      count(
        db,
        'SELECT count(*) AS n FROM (SELECT e164 FROM phones GROUP BY e164 HAVING count(DISTINCT client_id) > 1)',
      ),
    ).toBeGreaterThan(0);
    expect(count(db, 'SELECT count(*) AS n FROM consent_events')).toBe(result.consentEvents);
    expect(count(db, "SELECT count(*) AS n FROM consent_events WHERE source != 'import'")).toBe(0);
    expect(count(db, 'SELECT count(DISTINCT state) AS n FROM consents')).toBe(3);
    // Exactly one texting number per client.
    expect(
      count(
        db,
        'SELECT count(*) AS n FROM clients c WHERE (SELECT sum(is_texting) FROM phones WHERE client_id = c.id) != 1',
      ),
    ).toBe(0);
    expect(searchClients(db, 'bella').length).toBeGreaterThan(0);
  });

  it('refuses a database that already has clients, adding nothing', () => {
    const db = openMemoryDatabase();
    seedLargeDatabase(db, { clients: 10, now: 1 });
    expect(() => seedLargeDatabase(db, { clients: 10, now: 1 })).toThrow(/already has 10 clients/);
    expect(count(db, 'SELECT count(*) AS n FROM clients')).toBe(10);
  });

  it('builds the same data from the same seed', () => {
    const names = (db: Db) => db.prepare('SELECT first_name, last_name FROM clients ORDER BY id').all();
    const a = openMemoryDatabase();
    const b = openMemoryDatabase();
    seedLargeDatabase(a, { clients: 200, seed: 5, now: 1 });
    seedLargeDatabase(b, { clients: 200, seed: 5, now: 1 });
    expect(names(a)).toEqual(names(b));
  });
});
