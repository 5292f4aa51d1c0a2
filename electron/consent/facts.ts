/** What the consent machine needs to know about a number, read from the database. */
import type { ConsentState } from '../../shared/domain';
import type { Db } from '../db/open';
import { currentConsent } from './ledger';
import type { OptInRequestRecord } from './machine';

export interface NumberFacts {
  state: ConsentState;
  /** Opt-in requests that went out or are on their way (cancelled or blocked ones never reached the client). */
  requests: OptInRequestRecord[];
  reviewOpen: boolean;
}

export function numberFacts(db: Db, e164: string): NumberFacts {
  const requests = db
    .prepare(
      `SELECT created_at AS at, CASE WHEN origin = 'automation' THEN 'automation' ELSE 'staff' END AS origin
       FROM messages WHERE e164 = ? AND kind = 'opt_in_request'
       AND status IN ('queued', 'sending', 'sent', 'delivered', 'failed') ORDER BY created_at`,
    )
    .all(e164) as OptInRequestRecord[];
  return { state: currentConsent(db, e164), requests, reviewOpen: hasOpenReview(db, e164) };
}

export function hasOpenReview(db: Db, e164: string): boolean {
  return (
    db.prepare('SELECT 1 FROM review_items WHERE e164 = ? AND decided_at IS NULL LIMIT 1').get(e164) !==
    undefined
  );
}

export function lastRequestAt(requests: readonly OptInRequestRecord[]): number | null {
  return requests.length === 0 ? null : Math.max(...requests.map((request) => request.at));
}
