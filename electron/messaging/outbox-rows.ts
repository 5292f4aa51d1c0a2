/**
 * The outbox's reads and writes on the `messages` table. The rows are the outbox's whole memory: a restart
 * picks up exactly where the last run stopped.
 *
 * Row states the outbox uses (outbound rows, carrier_id still empty):
 * - `queued`: waiting to be claimed once `next_attempt_at` and `not_before` have passed.
 * - `sending`: handed to the carrier, answer not recorded. Outside a running send this is an unknown outcome
 *   (a timeout, or the app was killed mid-send): it is reconciled with the carrier's records from
 *   `next_attempt_at` on, and never simply sent again.
 */
import type { Automation, MessageKind, MessageOrigin } from '../../shared/domain';
import type { Db } from '../db/open';
import type { CarrierOutcome } from './carrier-words';

export interface OutboxRow {
  id: number;
  kind: MessageKind;
  origin: MessageOrigin;
  automation: Automation | null;
  e164: string;
  business_number: string;
  body: string;
  client_id: number | null;
  attempts: number;
  sent_at: number | null;
  created_at: number;
  expires_at: number | null;
}

export interface MessageRef {
  messageId: number;
  clientId: number | null;
  e164: string;
}

/**
 * Answers to what the client just said (confirmations, HELP) go before conversation texts, so the opt-in
 * confirmation reaches the client before the texts its YES released; otherwise oldest first.
 */
const ANSWERS_FIRST =
  "CASE WHEN kind IN ('opt_in_confirmation', 'opt_out_confirmation', 'help_reply') THEN 0 ELSE 1 END";

const COLUMNS =
  'id, kind, origin, automation, e164, business_number, body, client_id, attempts, sent_at, created_at, expires_at';

/** When a queued row becomes actionable: when it may be sent, or sooner when it expires. */
const DUE_AT = `CASE WHEN expires_at IS NOT NULL AND expires_at < max(coalesce(next_attempt_at, 0), coalesce(not_before, 0))
  THEN expires_at ELSE max(coalesce(next_attempt_at, 0), coalesce(not_before, 0)) END`;

export class OutboxRows {
  private readonly statements;

  constructor(private readonly db: Db) {
    this.statements = {
      nextUnsure: db.prepare(
        `SELECT ${COLUMNS} FROM messages
         WHERE status = 'sending' AND direction = 'outbound' AND carrier_id IS NULL AND coalesce(next_attempt_at, 0) <= ?
         ORDER BY id LIMIT 1`,
      ),
      nextDue: db.prepare(
        `SELECT ${COLUMNS} FROM messages
         WHERE status = 'queued' AND direction = 'outbound' AND carrier_id IS NULL AND ${DUE_AT} <= ?
         ORDER BY ${ANSWERS_FIRST}, id LIMIT 1`,
      ),
      nextWakeAt: db.prepare(
        `SELECT min(CASE WHEN status = 'sending' THEN coalesce(next_attempt_at, 0) ELSE ${DUE_AT} END) AS at
         FROM messages WHERE status IN ('queued', 'sending') AND direction = 'outbound' AND carrier_id IS NULL`,
      ),
      ref: db.prepare('SELECT id AS messageId, client_id AS clientId, e164 FROM messages WHERE id = ?'),
      carrierIdKnown: db.prepare('SELECT 1 FROM messages WHERE carrier_id = ?'),
      setStatus: db.prepare(
        `UPDATE messages SET status = @status, status_reason = @reason, next_attempt_at = NULL, updated_at = @now
         WHERE id = @id`,
      ),
      claim: db.prepare(
        `UPDATE messages SET status = 'sending', attempts = attempts + 1, sent_at = @now, next_attempt_at = @recheckAt,
           status_reason = NULL, updated_at = @now
         WHERE id = @id AND status = 'queued'`,
      ),
      accept: db.prepare(
        `UPDATE messages SET status = @status, carrier_id = @carrierId, error_code = @errorCode,
           error_reason = @errorReason, status_reason = @statusReason, next_attempt_at = NULL, updated_at = @now
         WHERE id = @id`,
      ),
      fail: db.prepare(
        `UPDATE messages SET status = 'failed', error_code = @code, error_reason = @reason, status_reason = NULL,
           next_attempt_at = NULL, updated_at = @now
         WHERE id = @id`,
      ),
      retry: db.prepare(
        `UPDATE messages SET status = 'queued', error_code = @code, error_reason = @reason, status_reason = @reason,
           next_attempt_at = @nextAt, updated_at = @now
         WHERE id = @id`,
      ),
      unsure: db.prepare(
        `UPDATE messages SET status = 'sending', error_code = @code, error_reason = @reason, status_reason = @reason,
           next_attempt_at = @nextAt, updated_at = @now
         WHERE id = @id`,
      ),
    };
  }

  /** The oldest unknown outcome whose check is due. */
  nextUnsure(now: number): OutboxRow | undefined {
    return this.statements.nextUnsure.get(now) as OutboxRow | undefined;
  }

  /** The oldest queued row that may be sent (or must be expired) now. */
  nextDue(now: number): OutboxRow | undefined {
    return this.statements.nextDue.get(now) as OutboxRow | undefined;
  }

  /** The earliest time any row needs the outbox again; null when nothing is waiting. */
  nextWakeAt(): number | null {
    const row = this.statements.nextWakeAt.get() as { at: number | null };
    return row.at;
  }

  ref(id: number): MessageRef {
    return this.statements.ref.get(id) as MessageRef;
  }

  carrierIdKnown(carrierId: string): boolean {
    return this.statements.carrierIdKnown.get(carrierId) !== undefined;
  }

  refuse(id: number, status: 'held' | 'blocked' | 'expired', reason: string, now: number): void {
    this.statements.setStatus.run({ id, status, reason, now });
  }

  claim(id: number, now: number, recheckAt: number): boolean {
    return this.statements.claim.run({ id, now, recheckAt }).changes === 1;
  }

  accept(id: number, carrierId: string, outcome: CarrierOutcome, now: number): void {
    this.statements.accept.run({
      id,
      carrierId,
      status: outcome.status,
      errorCode: outcome.errorCode,
      errorReason: outcome.errorReason,
      statusReason: outcome.statusReason,
      now,
    });
  }

  fail(id: number, code: string, reason: string, now: number): void {
    this.statements.fail.run({ id, code, reason, now });
  }

  /** Back to the queue, not before `nextAt`: the carrier did not take the text. */
  retry(id: number, code: string, reason: string, nextAt: number, now: number): void {
    this.statements.retry.run({ id, code, reason, nextAt, now });
  }

  /** Still an unknown outcome; look at the carrier's records again at `nextAt`. */
  unsure(id: number, code: string, reason: string, nextAt: number, now: number): void {
    this.statements.unsure.run({ id, code, reason, nextAt, now });
  }
}
