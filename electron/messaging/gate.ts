/**
 * The consent gate: the one place that decides whether a text may reach the carrier. The outbox asks it inside
 * the transaction that claims a message, so no consent change can slip in between the check and the claim.
 */
import type { ConsentState, MessageKind } from '../../shared/domain';
import type { Db } from '../db/open';
import { currentConsent } from '../consent/ledger';

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
  notAsked: 'Held: this number has not opted in yet. It goes out by itself when the client replies YES.',
  pending: 'Held: waiting for the client to reply YES to the opt-in request.',
  review: 'Held: staff must first review a reply from this number that may be an opt-out.',
  optedOut: 'Blocked: this number opted out. Nothing can be texted to it unless the client opts in again.',
  requestToOptedOut:
    'Blocked: this number opted out. An opt-in request may go only after staff record that the client asked for one.',
  confirmationTwice: 'Blocked: the one confirmation of this opt-out has already been sent.',
  staleConfirmation:
    'Blocked: this confirmation was written before the latest opt-out and no longer applies.',
  confirmationWithoutOptIn: 'Blocked: an opt-in confirmation can only go to a number that has opted in.',
  confirmationWithoutOptOut: 'Blocked: this number has not opted out, so there is no opt-out to confirm.',
  notOutbound: 'Blocked: this is not an outbound text.',
} as const;

/**
 * The rules, as a pure function of the facts.
 * - opted_in: any outbound text.
 * - unknown or pending: only the opt-in request and a HELP answer; conversation texts wait (held).
 * - opted_out: only the one opt-out confirmation for the latest opt-out, and a HELP answer.
 *
 * Why HELP is answered even to an opted-out number: the answer is sent only because the client just asked for
 * it, carries no marketing (business name, contact details, how to stop), and CTIA's handbook requires HELP to
 * be answered whatever the opt-in state. The FCC treats a one-time reply to a consumer's own request as
 * within their consent, the same reasoning that allows the one opt-out confirmation.
 */
export function decide(facts: GateFacts): GateVerdict {
  const { kind, consent } = facts;
  if (kind === 'inbound') return blocked(GATE_REASONS.notOutbound);
  if (kind === 'help_reply') return { send: true };

  if (consent === 'opted_out') {
    if (kind === 'opt_out_confirmation') {
      if (!facts.writtenSinceOptOut) return blocked(GATE_REASONS.staleConfirmation);
      if (facts.confirmationAlreadySent) return blocked(GATE_REASONS.confirmationTwice);
      return { send: true };
    }
    if (kind === 'opt_in_request') return blocked(GATE_REASONS.requestToOptedOut);
    return blocked(GATE_REASONS.optedOut);
  }

  if (consent === 'opted_in') {
    if (kind === 'automated' && facts.reviewOpen) return held(GATE_REASONS.review);
    return { send: true };
  }

  // unknown or pending
  if (kind === 'opt_in_request') return { send: true };
  if (kind === 'manual' || kind === 'automated') {
    return held(consent === 'pending' ? GATE_REASONS.pending : GATE_REASONS.notAsked);
  }
  // Confirmations are answers to a change of consent; held, they could be released later as a second copy.
  if (kind === 'opt_in_confirmation') return blocked(GATE_REASONS.confirmationWithoutOptIn);
  return blocked(GATE_REASONS.confirmationWithoutOptOut);
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
