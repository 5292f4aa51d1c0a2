/**
 * What a receptionist types, keystroke by keystroke: the growing prefixes of real first names, last names and
 * pet names in the database, and digit fragments of its numbers (typed from the start, or the last four).
 */
import type { Db } from '../electron/db/open';
import { randomSource } from '../electron/demo/large-seed';

export type QueryKind = 'name' | 'pet' | 'digits';

export interface BenchQuery {
  kind: QueryKind;
  text: string;
}

export function typedQueries(db: Db, count: number, seed = 7): BenchQuery[] {
  const random = randomSource(seed);
  const maxId = (db.prepare('SELECT max(id) AS id FROM clients').get() as { id: number }).id;
  const queries: BenchQuery[] = [];
  while (queries.length < count) {
    const clientId = 1 + Math.floor(random() * maxId);
    const row = db
      .prepare(
        `SELECT c.first_name, c.last_name,
           (SELECT name FROM pets WHERE client_id = c.id ORDER BY position LIMIT 1) AS pet,
           (SELECT e164 FROM phones WHERE client_id = c.id ORDER BY position LIMIT 1) AS e164
         FROM clients c WHERE c.id = ?`,
      )
      .get(clientId) as
      { first_name: string; last_name: string; pet: string | null; e164: string | null } | undefined;
    if (!row) continue;
    const roll = random();
    if (roll < 0.4) {
      const name = random() < 0.5 ? row.first_name : row.last_name;
      queries.push(...keystrokes(name).map((text) => ({ kind: 'name' as const, text })));
    } else if (roll < 0.7 && row.pet) {
      queries.push(...keystrokes(row.pet).map((text) => ({ kind: 'pet' as const, text })));
    } else if (row.e164) {
      const national = row.e164.slice(2);
      const typed = random() < 0.5 ? keystrokes(national).slice(3) : [national.slice(-4)];
      queries.push(...typed.map((text) => ({ kind: 'digits' as const, text })));
    }
  }
  return queries.slice(0, count);
}

/** "Bella" → "B", "Be", "Bel", "Bell", "Bella" (at most eight keystrokes: people pick a result by then). */
function keystrokes(word: string): string[] {
  const characters = [...word];
  return characters.slice(0, 8).map((_, index) => characters.slice(0, index + 1).join(''));
}
