/**
 * The plain way to search, for comparison: `LIKE '%…%'` over every name, pet name and number, then the same
 * read of the rows found as the real search does.
 */
import type { Db } from '../electron/db/open';
import { SEARCH_RESULTS_SQL } from '../electron/clients/search';
import { statement } from '../electron/db/statements';

const LIKE_SQL = `
  SELECT c.id FROM clients c
  WHERE c.first_name LIKE @text ESCAPE '\\' OR c.last_name LIKE @text ESCAPE '\\'
     OR EXISTS (SELECT 1 FROM pets p WHERE p.client_id = c.id AND p.name LIKE @text ESCAPE '\\')
     OR (@digits != '%%' AND EXISTS (SELECT 1 FROM phones ph WHERE ph.client_id = c.id AND ph.e164 LIKE @digits))
  LIMIT @limit`;

export function likeSearch(db: Db, text: string, limit: number): unknown[] {
  const escaped = text.replace(/[\\%_]/g, (character) => `\\${character}`);
  const ids = statement(db, LIKE_SQL).all({
    text: `%${escaped}%`,
    digits: `%${text.replace(/\D/g, '')}%`,
    limit,
  }) as { id: number }[];
  if (ids.length === 0) return [];
  return statement(db, SEARCH_RESULTS_SQL).all({ ids: JSON.stringify(ids.map((row) => row.id)) });
}
