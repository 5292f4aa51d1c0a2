/**
 * Search as you type over the client_search FTS5 index (migration 0002). Each tier of the query is read in
 * rowid order and stops at the limit, so a one-letter search costs about what a full name does; the few rows
 * found are then read by primary key and ordered by tier, then by name.
 */
import type { ClientSearchResult } from '../../shared/api/clients';
import type { ConsentState } from '../../shared/domain';
import { formatPhone } from '../../shared/phone';
import type { Db } from '../db/open';
import { searchTiers } from './search-query';
import { statement } from '../db/statements';

export const DEFAULT_SEARCH_LIMIT = 50;

/** Newest clients first inside a tier: the client at the desk today was more likely added lately. */
export const SEARCH_MATCH_SQL =
  'SELECT rowid AS id FROM client_search WHERE client_search MATCH @match ORDER BY rowid DESC LIMIT @limit';

export const SEARCH_RESULTS_SQL = `
  SELECT c.id, c.first_name, c.last_name,
    (SELECT json_group_array(p.name ORDER BY p.position, p.id) FROM pets p WHERE p.client_id = c.id) AS pets,
    t.e164, coalesce(cs.state, 'unknown') AS consent
  FROM clients c
  LEFT JOIN phones t ON t.id = (
    SELECT id FROM phones WHERE client_id = c.id AND is_texting = 1 ORDER BY position, id LIMIT 1)
  LEFT JOIN consents cs ON cs.e164 = t.e164
  WHERE c.id IN (SELECT value FROM json_each(@ids))`;

interface ResultRow {
  id: number;
  first_name: string;
  last_name: string;
  pets: string;
  e164: string | null;
  consent: ConsentState;
}

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Clients matching what was typed, best first; empty for empty (or unsearchable) text. Never throws on text. */
export function searchClients(
  db: Db,
  text: string,
  limit: number = DEFAULT_SEARCH_LIMIT,
): ClientSearchResult[] {
  const tierOf = new Map<number, number>();
  searchTiers(text).forEach((match, tier) => {
    if (tierOf.size >= limit) return;
    // Rows already found by a better tier come back again here; ask for enough to fill the limit anyway.
    const rows = statement(db, SEARCH_MATCH_SQL).all({ match, limit: limit + tierOf.size }) as {
      id: number;
    }[];
    for (const { id } of rows) {
      if (tierOf.size >= limit) break;
      if (!tierOf.has(id)) tierOf.set(id, tier);
    }
  });
  if (tierOf.size === 0) return [];

  const rows = statement(db, SEARCH_RESULTS_SQL).all({
    ids: JSON.stringify([...tierOf.keys()]),
  }) as ResultRow[];
  return rows
    .sort(
      (a, b) =>
        tierOf.get(a.id)! - tierOf.get(b.id)! ||
        byName.compare(a.last_name, b.last_name) ||
        byName.compare(a.first_name, b.first_name) ||
        b.id - a.id,
    )
    .map((row) => ({
      clientId: row.id,
      firstName: row.first_name,
      lastName: row.last_name,
      petNames: JSON.parse(row.pets) as string[],
      textingNumber:
        row.e164 === null ? null : { e164: row.e164, display: formatPhone(row.e164), consent: row.consent },
    }));
}
