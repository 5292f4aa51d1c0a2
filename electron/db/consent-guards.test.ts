import { beforeEach, describe, expect, it } from 'vitest';
import { appendConsentEvent, currentConsent } from '../consent/ledger';
import { openMemoryDatabase, type Db } from './open';

const NUMBER = '+12125550123';
let db: Db;

function ledger() {
  return db.prepare('SELECT * FROM consent_events ORDER BY id').all();
}
function consents() {
  return db.prepare('SELECT * FROM consents ORDER BY e164').all();
}

beforeEach(() => {
  db = openMemoryDatabase();
  appendConsentEvent(db, { e164: NUMBER, to: 'opted_in', source: 'reply', reason: 'YES', at: 1_000 });
  appendConsentEvent(db, { e164: NUMBER, to: 'opted_out', source: 'reply', reason: 'STOP', at: 2_000 });
});

describe('the consent ledger', () => {
  it.each([
    ['UPDATE', "UPDATE consent_events SET reason = 'edited' WHERE id = 2"],
    ['UPDATE of the state', "UPDATE consent_events SET to_state = 'opted_in' WHERE id = 2"],
    ['DELETE', 'DELETE FROM consent_events WHERE id = 2'],
    ['DELETE of everything', 'DELETE FROM consent_events'],
    [
      'INSERT OR REPLACE over an existing row',
      `INSERT OR REPLACE INTO consent_events (id, e164, from_state, to_state, source, reason, at)
       VALUES (2, '${NUMBER}', 'opted_in', 'opted_in', 'staff', 'forged', 3000)`,
    ],
    [
      'an upsert over an existing row',
      `INSERT INTO consent_events (id, e164, from_state, to_state, source, reason, at)
       VALUES (2, '${NUMBER}', 'opted_out', 'opted_in', 'staff', 'forged', 3000)
       ON CONFLICT (id) DO UPDATE SET reason = excluded.reason`,
    ],
  ])('refuses %s and keeps every row as it was', (_what, sql) => {
    const before = ledger();
    expect(() => db.exec(sql)).toThrow(/append-only|consent/);
    expect(ledger()).toEqual(before);
    expect(currentConsent(db, NUMBER)).toBe('opted_out');
  });

  it('refuses a row that does not start from the current state', () => {
    expect(() =>
      db.exec(`INSERT INTO consent_events (e164, from_state, to_state, source, reason, at)
               VALUES ('${NUMBER}', 'unknown', 'opted_in', 'staff', 'skipped the opt-out', 3000)`),
    ).toThrow(/does not start from the current state/);
  });
});

describe('the current consent state', () => {
  it.each([
    ['an UPDATE of the state', `UPDATE consents SET state = 'opted_in' WHERE e164 = '${NUMBER}'`],
    [
      'an UPDATE pointing at an older ledger row',
      `UPDATE consents SET state = 'opted_in', last_event_id = 1, updated_at = 1000 WHERE e164 = '${NUMBER}'`,
    ],
    ['a DELETE', `DELETE FROM consents WHERE e164 = '${NUMBER}'`],
    [
      'an INSERT OR REPLACE',
      `INSERT OR REPLACE INTO consents (e164, state, updated_at, last_event_id) VALUES ('${NUMBER}', 'opted_in', 1000, 1)`,
    ],
    [
      'an INSERT for a number with no ledger rows',
      "INSERT INTO consents (e164, state, updated_at, last_event_id) VALUES ('+16465550188', 'opted_in', 1000, 1)",
    ],
    [
      'an INSERT naming a real ledger row of another number',
      "INSERT INTO consents (e164, state, updated_at, last_event_id) VALUES ('+16465550188', 'opted_out', 2000, 2)",
    ],
  ])('cannot be written directly: %s is refused', (_what, sql) => {
    const before = consents();
    expect(() => db.exec(sql)).toThrow(/only through the consent ledger/);
    expect(consents()).toEqual(before);
  });

  it('follows the ledger: each appended row moves the state in the same statement', () => {
    expect(currentConsent(db, NUMBER)).toBe('opted_out');
    const id = appendConsentEvent(db, {
      e164: NUMBER,
      to: 'opted_in',
      source: 'reply',
      reason: 'START',
      at: 3_000,
    });
    expect(consents()).toEqual([{ e164: NUMBER, state: 'opted_in', updated_at: 3_000, last_event_id: id }]);
    appendConsentEvent(db, {
      e164: '+16465550188',
      to: 'pending',
      source: 'staff',
      reason: 'asked',
      at: 4_000,
    });
    expect(currentConsent(db, '+16465550188')).toBe('pending');
  });
});
