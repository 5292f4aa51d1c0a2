import type { ConsentSource, ConsentState } from '../../shared/domain';
import type { Db } from '../db/open';
import { statement } from '../db/statements';

export interface ConsentChange {
  e164: string;
  to: ConsentState;
  source: ConsentSource;
  /** The client's exact reply, or why staff or the carrier acted. */
  reason: string;
  messageId?: number | null;
  staffName?: string | null;
  at: number;
}

export function currentConsent(db: Db, e164: string): ConsentState {
  const row = statement(db, 'SELECT state FROM consents WHERE e164 = ?').get(e164) as
    { state: ConsentState } | undefined;
  return row?.state ?? 'unknown';
}

/**
 * Appends one row to the consent ledger; the database trigger moves the number's current state in the same
 * statement. Call inside the caller's transaction. Returns the new row's id.
 */
export function appendConsentEvent(db: Db, change: ConsentChange): number {
  const from = currentConsent(db, change.e164);
  const result = statement(
    db,
    `INSERT INTO consent_events (e164, from_state, to_state, source, reason, message_id, staff_name, at)
       VALUES (@e164, @from, @to, @source, @reason, @messageId, @staffName, @at)`,
  ).run({
    e164: change.e164,
    from,
    to: change.to,
    source: change.source,
    reason: change.reason,
    messageId: change.messageId ?? null,
    staffName: change.staffName ?? null,
    at: change.at,
  });
  return Number(result.lastInsertRowid);
}
