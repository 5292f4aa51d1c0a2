/** The review list: replies that read like a wish to stop, waiting for a person to decide. */
import type { ReviewItem } from '../../shared/api/messages';
import { formatPhone } from '../../shared/phone';
import type { Db } from '../db/open';

export function listOpenReviews(db: Db): ReviewItem[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.e164, r.message_id, m.body, m.created_at,
              (SELECT group_concat(c.first_name || ' ' || c.last_name, '|') FROM phones p JOIN clients c ON c.id = p.client_id
               WHERE p.e164 = r.e164) AS names
       FROM review_items r JOIN messages m ON m.id = r.message_id
       WHERE r.decided_at IS NULL ORDER BY r.created_at, r.id`,
    )
    .all() as {
    id: number;
    e164: string;
    message_id: number;
    body: string;
    created_at: number;
    names: string | null;
  }[];
  return rows.map((row) => ({
    id: row.id,
    e164: row.e164,
    display: formatPhone(row.e164),
    clientNames: row.names ? row.names.split('|').map((name) => name.trim()) : [],
    messageId: row.message_id,
    text: row.body,
    receivedAt: row.created_at,
  }));
}

export function openReviewCount(db: Db): number {
  return (
    db.prepare('SELECT count(*) AS n FROM review_items WHERE decided_at IS NULL').get() as { n: number }
  ).n;
}
