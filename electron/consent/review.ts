/** The review list: replies that read like a wish to stop, waiting for a person to decide. */
import type { ReviewItem } from '../../shared/api/messages';
import type { ConsentState } from '../../shared/domain';
import { DeskError } from '../../shared/errors';
import { formatPhone } from '../../shared/phone';
import type { Db } from '../db/open';
import { appendConsentEvent, currentConsent } from './ledger';
import { releaseHeld } from './replies';
import type { ConsentService } from './service';

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

/**
 * Records a staff decision. "Opt out" blocks the number like a STOP would (the ledger names the staff member and
 * quotes the client's text); "not an opt-out" lets the texts that waited for the review go on.
 */
export function decideReview(
  db: Db,
  service: ConsentService,
  id: number,
  decision: 'opt_out' | 'not_opt_out',
  staffName: string | null,
  now: number,
): { e164: string; consent: ConsentState } {
  return db.transaction(() => {
    const item = db
      .prepare(
        'SELECT r.e164, r.message_id, r.decided_at, m.body FROM review_items r JOIN messages m ON m.id = r.message_id WHERE r.id = ?',
      )
      .get(id) as { e164: string; message_id: number; decided_at: number | null; body: string } | undefined;
    if (!item) throw new DeskError('not_found', `No review item with id ${id}.`, 'id');
    if (item.decided_at !== null) throw new DeskError('conflict', 'This reply was already reviewed.');
    db.prepare('UPDATE review_items SET decided_at = ?, decision = ?, staff_name = ? WHERE id = ?').run(
      now,
      decision,
      staffName,
      id,
    );
    if (decision === 'opt_out') {
      service.applyOptOut(
        item.e164,
        {
          source: 'staff',
          reason: `Staff read the reply "${item.body}" as an opt-out`,
          messageId: item.message_id,
          staffName,
        },
        now,
      );
    } else {
      // The ledger records the decision even though the state does not change: an auditor sees who decided.
      const state = currentConsent(db, item.e164);
      appendConsentEvent(db, {
        e164: item.e164,
        to: state,
        source: 'staff',
        reason: `Staff reviewed the reply "${item.body}": not an opt-out`,
        messageId: item.message_id,
        staffName,
        at: now,
      });
      if (state === 'opted_in') releaseHeld(db, item.e164, now);
    }
    return { e164: item.e164, consent: currentConsent(db, item.e164) };
  })();
}
