/**
 * The consent gate: the one place that decides whether a text may reach the carrier. The outbox asks it inside
 * the transaction that claims a message, so no consent change can slip in between the check and the claim.
 */
import type { ConsentState, MessageKind } from '../../shared/domain';
import type { Db } from '../db/open';
import { currentConsent } from '../consent/ledger';
import { mayCarrierSend } from '../consent/machine';

export type GateVerdict = { send: true } | { send: false; status: 'held' | 'blocked'; reason: string };

export interface GateFacts {
  kind: MessageKind;
  consent: ConsentState;
  /** Opted-out numbers only: this message was written at or after the number's latest opt-out. */
  writtenSinceOptOut: boolean;
  /** Opted-out numbers only: an opt-out confirmation already went (or may have gone) to the carrier since it. */
  confirmationAlreadySent: boolean;
  /** A reply that may be an opt-out waits for staff: automated texts wait with it (PRODUCT.md). */
  reviewOpen: boolean;
}

export const GATE_REASONS = {
  staleConfirmation:
    'Blocked: this confirmation was written before the latest opt-out and no longer applies.',
} as const;

/**
 * The rules are the consent machine's (`mayCarrierSend` in electron/consent/machine.ts): one rule set for the
 * whole app. The outbox adds one fact the machine cannot see: an opt-out confirmation written before the
 * latest opt-out belongs to an earlier one and never goes.
 */
export function decide(facts: GateFacts): GateVerdict {
  const { kind, consent } = facts;
  if (kind === 'opt_out_confirmation' && consent === 'opted_out' && !facts.writtenSinceOptOut) {
    return blocked(GATE_REASONS.staleConfirmation);
  }
  const verdict = mayCarrierSend(kind, consent, {
    reviewOpen: facts.reviewOpen,
    optOutConfirmationsSinceOptOut: facts.confirmationAlreadySent ? 1 : 0,
  });
  if (verdict.send) return verdict;
  return verdict.outcome === 'hold' ? held(verdict.reason) : blocked(verdict.reason);
}

export interface GateSubject {
  id: number;
  kind: MessageKind;
  e164: string;
  created_at: number;
}

/** Gathers the facts from the database and decides. Call inside the claiming transaction. */
export function checkGate(db: Db, message: GateSubject): GateVerdict {
  const consent = currentConsent(db, message.e164);
  let writtenSinceOptOut = false;
  let confirmationAlreadySent = false;
  if (consent === 'opted_out' && message.kind === 'opt_out_confirmation') {
    const optOut = db
      .prepare(
        `SELECT at FROM consent_events WHERE e164 = ? AND to_state = 'opted_out' ORDER BY id DESC LIMIT 1`,
      )
      .get(message.e164) as { at: number } | undefined;
    const since = optOut?.at ?? 0;
    writtenSinceOptOut = message.created_at >= since;
    // Anything that reached the carrier, or may have (a send whose outcome is unknown), counts as sent.
    confirmationAlreadySent =
      db
        .prepare(
          `SELECT 1 FROM messages
           WHERE e164 = @e164 AND direction = 'outbound' AND kind = 'opt_out_confirmation' AND id <> @id
             AND (carrier_id IS NOT NULL OR status = 'sending') AND coalesce(sent_at, created_at) >= @since
           LIMIT 1`,
        )
        .get({ e164: message.e164, id: message.id, since }) !== undefined;
  }
  const reviewOpen =
    message.kind === 'automated' &&
    db
      .prepare('SELECT 1 FROM review_items WHERE e164 = ? AND decided_at IS NULL LIMIT 1')
      .get(message.e164) !== undefined;
  return decide({ kind: message.kind, consent, writtenSinceOptOut, confirmationAlreadySent, reviewOpen });
}

function held(reason: string): GateVerdict {
  return { send: false, status: 'held', reason };
}

function blocked(reason: string): GateVerdict {
  return { send: false, status: 'blocked', reason };
}
