import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Client, ClientSearchResult } from '../../shared/api/clients';
import { appendConsentEvent } from '../consent/ledger';
import { SEARCH_MATCH_SQL, SEARCH_RESULTS_SQL, searchClients } from './search';
import { clientFields, clientsHarness, type ClientsHarness } from './test-support';

let desk: ClientsHarness;
let people: Record<
  'maxPower' | 'maxine' | 'ann' | 'zoe' | 'jose' | 'garciaA' | 'garciaB' | 'noPhone',
  Client
>;

beforeEach(async () => {
  desk = clientsHarness();
  const create = (input: Parameters<typeof clientFields>[1] & { firstName: string }) =>
    desk.ok('clients.create', input);
  people = {
    maxPower: await create({
      firstName: 'Max',
      lastName: 'Power',
      pets: [{ name: 'Rex' }],
      phones: [{ number: '(917) 555-0142' }],
    }),
    maxine: await create({ firstName: 'Maxine', lastName: 'Adams', phones: [{ number: '(646) 212-5877' }] }),
    ann: await create({
      firstName: 'Ann',
      lastName: 'Lee',
      pets: [{ name: 'Max', species: 'Cat' }, { name: 'Bella' }],
      phones: [
        { label: 'home', number: '(212) 555-0123' },
        { label: 'mobile', number: '(718) 555-0199' },
      ],
    }),
    zoe: await create({
      firstName: 'Zoë',
      lastName: "O'Brien",
      pets: [{ name: 'Señor Wiggles' }],
      phones: [{ number: '(201) 555-0110' }],
    }),
    jose: await create({
      firstName: 'José',
      lastName: 'Hernández',
      phones: [{ number: '+44 20 7946 0958' }],
    }),
    garciaA: await create({
      firstName: 'Sophia',
      lastName: 'Garcia',
      phones: [{ number: '(212) 555-0106' }],
    }),
    garciaB: await create({ firstName: 'Mateo', lastName: 'Garcia', phones: [{ number: '212-555-0106' }] }),
    noPhone: await create({ firstName: 'NEAR', lastName: 'OR', pets: [{ name: '"Quote" (the dog)' }] }),
  };
});

function ids(results: ClientSearchResult[]): number[] {
  return results.map((result) => result.clientId);
}
function search(text: string, limit?: number): number[] {
  return ids(searchClients(desk.db, text, limit));
}

describe('search as you type', () => {
  it.each([
    ['first name', 'Maxine', 'maxine'],
    ['last name', 'hernández', 'jose'],
    ['pet name', 'wiggles', 'zoe'],
    ['the start of a word', 'wig', 'zoe'],
    ['a name without its accents', 'zoe', 'zoe'],
    ['a name with an apostrophe', "o'bri", 'zoe'],
    ['first and last name', 'ann lee', 'ann'],
    ['a client and their pet', 'ann bella', 'ann'],
  ] as const)('finds a client by %s', (_what, text, who) => {
    expect(search(text)).toContain(people[who].id);
  });

  it('narrows with every word typed', () => {
    expect(search('ann max')).toEqual([people.ann.id]);
    expect(search('garcia mat')).toEqual([people.garciaB.id]);
  });

  it.each([
    ['4 digits in the middle', '5550', ['ann', 'maxPower', 'zoe', 'garciaA', 'garciaB']],
    ['the last four', '0142', ['maxPower']],
    ['a typed number', '(212) 555-01', ['ann', 'garciaA', 'garciaB']],
    ['the number with its country code', '+1 917 555', ['maxPower']],
    ['a whole number', '7185550199', ['ann']],
    ['digits of a non-US number', '7946 0958', ['jose']],
  ] as const)('finds numbers by %s', (_what, text, who) => {
    expect(search(text).sort()).toEqual(who.map((name) => people[name].id).sort());
  });

  it('matches fewer than 4 digits only at the start of a number', () => {
    expect(search('212').sort()).toEqual([people.ann.id, people.garciaA.id, people.garciaB.id].sort());
    expect(search('555')).toEqual([]);
  });

  it('ranks whole words first, then word starts (Adams would come first by name alone)', () => {
    const found = search('max');
    expect(found.slice(0, 2).sort()).toEqual([people.maxPower.id, people.ann.id].sort());
    expect(found[2]).toBe(people.maxine.id);
    expect(found).toHaveLength(3);
  });

  it('ranks numbers that start with the digits before numbers that only contain them', () => {
    // (212) 555-… starts with 2125; (646) 212-5877 only contains it. Adams would come first by name alone.
    const found = search('2125');
    expect(found.slice(0, 3).sort()).toEqual([people.ann.id, people.garciaA.id, people.garciaB.id].sort());
    expect(found.slice(3)).toEqual([people.maxine.id]);
  });

  it('orders equally good matches by last name, then first name', () => {
    const found = searchClients(desk.db, 'garcia');
    expect(found.map((result) => result.firstName)).toEqual(['Mateo', 'Sophia']);
  });

  it('carries the name, pets, texting number and its consent', () => {
    appendConsentEvent(desk.db, {
      e164: '+17185550199',
      to: 'opted_out',
      source: 'reply',
      reason: 'STOP',
      at: 1,
    });
    expect(searchClients(desk.db, 'ann lee')).toEqual([
      {
        clientId: people.ann.id,
        firstName: 'Ann',
        lastName: 'Lee',
        petNames: ['Max', 'Bella'],
        textingNumber: { e164: '+17185550199', display: '(718) 555-0199', consent: 'opted_out' },
      },
    ]);
    expect(searchClients(desk.db, 'near')[0]!.textingNumber).toBeNull();
  });

  it('shows a household the same consent: it is the number’s', () => {
    appendConsentEvent(desk.db, {
      e164: '+12125550106',
      to: 'opted_in',
      source: 'reply',
      reason: 'YES',
      at: 1,
    });
    const consents = searchClients(desk.db, 'garcia').map((result) => result.textingNumber?.consent);
    expect(consents).toEqual(['opted_in', 'opted_in']);
  });

  it('keeps to the limit', () => {
    expect(search('5550', 2)).toHaveLength(2);
  });

  it('returns nothing for an empty search', () => {
    for (const text of ['', '   ', '"', '*', '😀']) expect(search(text)).toEqual([]);
  });

  it.each([
    '"',
    '""',
    '*',
    '-',
    '(',
    ')',
    'NEAR',
    'NEAR(max bella)',
    'OR',
    'max OR',
    'AND',
    'NOT max',
    '^max',
    'max:',
    '{names}: max',
    'a'.repeat(500),
    '😀 max',
    "'",
    '%',
    '_',
    '\\',
    '\0',
  ])('treats %j as text and does not throw', (text) => {
    expect(() => searchClients(desk.db, text)).not.toThrow();
  });

  it('finds the very words that are FTS5 operators, as text', () => {
    expect(search('near or')).toEqual([people.noPhone.id]);
    expect(search('"quote"')).toEqual([people.noPhone.id]);
  });

  it('never throws, whatever is typed (fuzz)', () => {
    const metacharacters = fc.constantFrom(
      '"',
      '*',
      '-',
      '(',
      ')',
      ':',
      '^',
      '{',
      '}',
      '+',
      "'",
      ' ',
      'NEAR',
      'OR',
      'AND',
      'NOT',
      'max',
      '555',
      '😀',
      '\u0301',
      '\0',
      '%',
      '_',
      '\\',
      ';',
      '--',
      '/*',
      'é',
      '山',
      '\ud800',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 500 }),
          fc.array(metacharacters, { maxLength: 60 }).map((parts) => parts.join('')),
        ),
        fc.integer({ min: 1, max: 200 }),
        (text, limit) => {
          const results = searchClients(desk.db, text, limit);
          expect(results.length).toBeLessThanOrEqual(limit);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('answers through the API, refusing only a search longer than 500 characters', async () => {
    const found = await desk.ok('clients.search', { query: 'ann' });
    expect(ids(found)).toEqual([people.ann.id]);
    expect((await desk.call('clients.search', { query: 'x'.repeat(500) })).ok).toBe(true);
    const tooLong = await desk.call('clients.search', { query: 'x'.repeat(501) });
    expect(tooLong.ok || tooLong.error).toMatchObject({ code: 'invalid_input', field: 'query' });
  });
});

describe('the search index', () => {
  it('follows edits: names, pets and numbers', async () => {
    await desk.ok('clients.update', {
      clientId: people.zoe.id,
      firstName: 'Chloé',
      lastName: "O'Brien",
      pets: [{ name: 'Biscuit' }],
      phones: [{ number: '(347) 555-0177' }],
    });
    expect(search('zoe')).toEqual([]);
    expect(search('wiggles')).toEqual([]);
    expect(search('0110')).toEqual([]);
    expect(search('chloe')).toEqual([people.zoe.id]);
    expect(search('biscuit')).toEqual([people.zoe.id]);
    expect(search('3475550177')).toEqual([people.zoe.id]);
  });

  it('is used by the search query (the plan is pinned to the FTS5 index)', () => {
    const plan = (sql: string) =>
      (
        desk.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ match: '"max"*', limit: 50, ids: '[1,2]' }) as {
          detail: string;
        }[]
      ).map((row) => row.detail);
    // One step: the FTS5 MATCH, already in rowid order (no sorting of every match).
    const match = plan(SEARCH_MATCH_SQL);
    expect(match).toHaveLength(1);
    expect(match[0]).toMatch(/^SCAN client_search VIRTUAL TABLE INDEX \d+:M/);
    // The rows found are then read by key, never by scanning a table.
    const results = plan(SEARCH_RESULTS_SQL);
    expect(results).toContain('SEARCH c USING INTEGER PRIMARY KEY (rowid=?)');
    expect(results.some((step) => /SEARCH p USING INDEX pets_by_client/.test(step))).toBe(true);
    expect(results.filter((step) => /^SCAN /.test(step) && !/json_each/.test(step))).toEqual([]);
  });
});
