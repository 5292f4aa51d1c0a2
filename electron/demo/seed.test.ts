import { beforeEach, describe, expect, it } from 'vitest';
import demoFile from '../../resources/demo-clients.json';
import { parsePhone } from '../../shared/phone';
import { createClient } from '../clients/service';
import { searchClients } from '../clients/search';
import { FakeClock } from '../core/clock';
import { openMemoryDatabase, type Db } from '../db/open';
import { demoDataSchema, seedDemoData } from './seed';

let db: Db;
const clock = new FakeClock();

beforeEach(() => {
  db = openMemoryDatabase();
});

function rows<T>(sql: string): T[] {
  return db.prepare(sql).all() as T[];
}

describe('demo data', () => {
  it('is well formed and every number in it is a valid number', () => {
    const demo = demoDataSchema.parse(demoFile);
    for (const client of demo.clients) {
      for (const phone of client.phones) expect(parsePhone(phone.number).ok, phone.number).toBe(true);
    }
  });

  it('seeds at least 50 clients, each with a pet, into an empty database', () => {
    const added = seedDemoData({ db, clock });
    expect(added).toBeGreaterThanOrEqual(50);
    expect(rows<{ n: number }>('SELECT count(*) AS n FROM clients')[0]!.n).toBe(added);
    expect(rows('SELECT id FROM clients WHERE id NOT IN (SELECT client_id FROM pets)')).toEqual([]);
    const species = rows<{ species: string }>('SELECT DISTINCT species FROM pets').map((row) => row.species);
    expect(species.length).toBeGreaterThanOrEqual(3);
    expect(rows("SELECT id FROM pets WHERE breed = ''")).toEqual([]);
  });

  it('has a few households sharing one number', () => {
    seedDemoData({ db, clock });
    const shared = rows<{ e164: string }>(
      'SELECT e164 FROM phones GROUP BY e164 HAVING count(DISTINCT client_id) > 1',
    );
    expect(shared.length).toBeGreaterThanOrEqual(2);
  });

  it('records a mix of consent states in the ledger, as an import', () => {
    seedDemoData({ db, clock });
    const states = rows<{ state: string }>('SELECT DISTINCT state FROM consents').map((row) => row.state);
    expect(states.sort()).toEqual(['opted_in', 'opted_out', 'pending']);
    const numbersWithout = rows('SELECT e164 FROM phones WHERE e164 NOT IN (SELECT e164 FROM consents)');
    expect(numbersWithout.length).toBeGreaterThan(0); // some are still 'unknown'
    expect(rows<{ source: string }>('SELECT DISTINCT source FROM consent_events')).toEqual([
      { source: 'import' },
    ]);
    // Every state is backed by its ledger row.
    expect(
      rows(
        'SELECT c.e164 FROM consents c JOIN consent_events e ON e.id = c.last_event_id WHERE e.to_state != c.state',
      ),
    ).toEqual([]);
  });

  it('is searchable at once', () => {
    seedDemoData({ db, clock });
    expect(searchClients(db, 'guinness').map((result) => result.lastName)).toEqual(['Murphy', 'Murphy']);
  });

  it('never seeds into a database that already has clients', () => {
    createClient(
      { db, clock },
      {
        firstName: 'Real',
        lastName: 'Client',
        email: '',
        notes: '',
        pets: [],
        phones: [{ label: 'mobile', number: '(212) 555-0123', isTexting: true }],
      },
    );
    expect(seedDemoData({ db, clock })).toBe(0);
    expect(rows('SELECT first_name FROM clients')).toEqual([{ first_name: 'Real' }]);
    expect(rows('SELECT id FROM consent_events')).toEqual([]);
  });

  it('seeds only once', () => {
    const first = seedDemoData({ db, clock });
    expect(seedDemoData({ db, clock })).toBe(0);
    expect(rows<{ n: number }>('SELECT count(*) AS n FROM clients')[0]!.n).toBe(first);
  });

  it('refuses broken demo data without writing any of it', () => {
    const broken = {
      clients: [{ firstName: 'Ann' }, { firstName: 'Bob', phones: [{ number: 'nope' }] }],
      consents: [],
    };
    expect(() => seedDemoData({ db, clock }, broken)).toThrow(/Phone 1/);
    expect(rows('SELECT id FROM clients')).toEqual([]);
  });
});
