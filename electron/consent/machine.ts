/**
 * The consent state machine (PRODUCT.md "Sending by hand", "Automated messages", "Replies from clients",
 * "Records"), as pure functions: no database, no clock, no carrier. Each decision returns its effects as data,
 * in the order they must be applied, so the consent service applies them in one transaction and the outbox
 * and the UI ask the same questions without restating the rules.
 *
 * Per number: unknown → pending (an opt-in request went out) → opted_in | opted_out. An opted-out number
 * comes back only by the client's START/YES, or by staff recording that the client asked (→ pending).
 */
import type { ConsentSource, ConsentState, MessageKind, ReplyKind } from '../../shared/domain';

export const HOUR = 60 * 60 * 1000;
export const DAY = 24 * HOUR;

/** PRODUCT.md "Records": never a second opt-in request within 24 hours, never more than three in 30 days. */
export const OPT_IN_REQUEST_LIMITS = { minGap: DAY, window: 30 * DAY, maxInWindow: 3 } as const;

export type OutboundKind = 'manual' | 'automated';
export type SystemTextKind = 'opt_in_request' | 'opt_in_confirmation' | 'opt_out_confirmation' | 'help_reply';

/** An opt-in request that went out or is on its way (cancelled or blocked ones never reached the client). */
export interface OptInRequestRecord {
  at: number;
  origin: 'staff' | 'automation';
}

/** What a staff member sees beside a client's message: the step the desk suggests. */
export type StaffHint = 'send_opt_in_request' | 'number_opted_out' | null;

export type ConsentEffect =
  /** Append a ledger row (the number's state follows). `to` may equal the current state: a recorded decision. */
  | {
      type: 'record_consent';
      to: ConsentState;
      source: ConsentSource;
      reason: string;
      staffName: string | null;
    }
  /** Cancel every held, queued or waiting outbound text to the number. */
  | { type: 'cancel_unsent'; reason: string }
  /** Queue one of the app's own texts to the number. */
  | { type: 'queue_text'; kind: SystemTextKind }
  /** Re-check each held text to the number, oldest first: queue what may go now, expire what lost its point. */
  | { type: 'release_held' }
  /** Put the reply on the review list; automated texts to the number wait until staff decide. */
  | { type: 'open_review'; reason: string }
  /** Close the number's open review items with this decision. */
  | { type: 'close_reviews'; decision: 'opt_out' | 'not_opt_out'; reason: string }
  /** Show the message to staff as new, with a suggested next step. */
  | { type: 'notify_staff'; hint: StaffHint };

// ---------------------------------------------------------------------------------------------------------
// Opt-in requests

export type OptInRequestDecision =
  | { allowed: true; effects: ConsentEffect[]; lastRequestAt: number | null }
  | {
      allowed: false;
      code: 'conflict' | 'consent_refused' | 'limit_reached';
      reason: string;
      lastRequestAt: number | null;
      /** When a request could go, if waiting is all it takes. */
      nextAllowedAt: number | null;
    };

export interface OptInRequester {
  origin: 'staff' | 'automation';
  staffName?: string | null;
  /** Required to re-request an opted-out number: why staff believe the client asked for it. */
  reason?: string;
}

function lastOf(history: readonly OptInRequestRecord[]): number | null {
  return history.reduce<number | null>(
    (last, record) => (last === null || record.at > last ? record.at : last),
    null,
  );
}

/** The limit a new request would break now, with when it lifts; null when a request may go. */
export function requestLimit(
  history: readonly OptInRequestRecord[],
  now: number,
): { reason: string; nextAllowedAt: number } | null {
  const last = lastOf(history);
  if (last !== null && now - last < OPT_IN_REQUEST_LIMITS.minGap) {
    const nextAllowedAt = last + OPT_IN_REQUEST_LIMITS.minGap;
    const hours = Math.max(1, Math.ceil((nextAllowedAt - now) / HOUR));
    return {
      reason: `An opt-in request already went out in the last 24 hours; the next one can go in about ${hours} hour${hours === 1 ? '' : 's'}.`,
      nextAllowedAt,
    };
  }
  const recent = history
    .map((record) => record.at)
    .filter((at) => now - at < OPT_IN_REQUEST_LIMITS.window)
    .sort((a, b) => a - b);
  if (recent.length >= OPT_IN_REQUEST_LIMITS.maxInWindow) {
    // The window must shed enough requests to leave room for one more.
    const nextAllowedAt =
      recent[recent.length - OPT_IN_REQUEST_LIMITS.maxInWindow]! + OPT_IN_REQUEST_LIMITS.window;
    return {
      reason:
        'Three opt-in requests went out in the last 30 days; no more can go yet, so the request never becomes spam.',
      nextAllowedAt,
    };
  }
  return null;
}

/**
 * May an opt-in request go to this number now? Automation prompts only a number never asked, and only once
 * ever (the first automated text prompts; later ones do not). An opted-out number is asked again only when
 * staff record that the client asked for it, with the reason; it then becomes pending.
 */
export function decideOptInRequest(
  state: ConsentState,
  history: readonly OptInRequestRecord[],
  now: number,
  by: OptInRequester,
): OptInRequestDecision {
  const lastRequestAt = lastOf(history);
  const refuse = (
    code: 'conflict' | 'consent_refused' | 'limit_reached',
    reason: string,
    nextAllowedAt: number | null = null,
  ) => ({ allowed: false, code, reason, lastRequestAt, nextAllowedAt }) as const;
  const staffName = by.staffName ?? null;

  if (state === 'opted_in') return refuse('conflict', 'This number has already opted in.');
  if (by.origin === 'automation') {
    if (state === 'opted_out')
      return refuse('consent_refused', 'This number opted out: nothing is sent to it.');
    if (state === 'pending')
      return refuse('conflict', 'An opt-in request was already sent; the text waits for the answer.');
    if (history.some((record) => record.origin === 'automation')) {
      return refuse(
        'conflict',
        'An automated text already prompted this number; later ones do not prompt again.',
      );
    }
  }
  const reason = by.reason?.trim() ?? '';
  if (state === 'opted_out' && reason.length === 0) {
    return refuse(
      'consent_refused',
      'This number opted out. Record a new opt-in request only if the client asked for one, and say why.',
    );
  }
  const limit = requestLimit(history, now);
  if (limit) return refuse('limit_reached', limit.reason, limit.nextAllowedAt);

  const effects: ConsentEffect[] = [];
  if (state === 'unknown') {
    effects.push({
      type: 'record_consent',
      to: 'pending',
      source: by.origin,
      reason:
        by.origin === 'staff'
          ? 'Staff sent the opt-in request'
          : 'Opt-in request sent with the first automated text',
      staffName,
    });
  } else if (state === 'opted_out') {
    effects.push({
      type: 'record_consent',
      to: 'pending',
      source: 'staff',
      reason: `Client asked to opt in again: ${reason}`,
      staffName,
    });
  }
  effects.push({ type: 'queue_text', kind: 'opt_in_request' });
  return { allowed: true, effects, lastRequestAt };
}

// ---------------------------------------------------------------------------------------------------------
// Staff and automated texts

export const WAIT_FOR_OPT_IN = 'Waiting for the client to opt in';
export const WAIT_FOR_REVIEW = 'Waiting: staff must review a reply that may be an opt-out';
export const OPTED_OUT = 'Not sent: this number opted out';

export interface OutboundContext {
  now: number;
  requests: readonly OptInRequestRecord[];
  /** A possible opt-out from this number waits on the review list. */
  reviewOpen: boolean;
  /** Staff confirmed "send the opt-in request first and hold this text" (a number never asked). */
  staffConfirmedHold?: boolean;
  staffName?: string | null;
}

export type OutboundDecision =
  /** Store the text as queued: the outbox sends it (after its own gate check). */
  | { outcome: 'queue'; effects: ConsentEffect[] }
  /** Store the text as held with this reason, then apply the effects (an opt-in request, when one goes). */
  | { outcome: 'hold'; reason: string; effects: ConsentEffect[]; requestRefused: string | null }
  /** Store nothing: staff must first confirm that the request goes and the text is held. */
  | { outcome: 'confirm'; reason: string }
  /** Automated text to an opted-out number: store it as blocked, so staff see it was not sent. */
  | { outcome: 'block'; reason: string }
  /** Staff text to an opted-out number: store nothing and tell staff why. */
  | { outcome: 'refuse'; reason: string };

/** What happens to a staff or automated text, given the number's consent (PRODUCT.md 3–6, "Automated"). */
export function decideOutbound(
  state: ConsentState,
  kind: OutboundKind,
  context: OutboundContext,
): OutboundDecision {
  switch (state) {
    case 'opted_out':
      return kind === 'manual'
        ? {
            outcome: 'refuse',
            reason:
              'This number opted out: nothing can be sent to it. Staff can record a new opt-in request only if the client asked for one.',
          }
        : { outcome: 'block', reason: OPTED_OUT };
    case 'opted_in':
      if (kind === 'automated' && context.reviewOpen) {
        return { outcome: 'hold', reason: WAIT_FOR_REVIEW, effects: [], requestRefused: null };
      }
      return { outcome: 'queue', effects: [] };
    case 'pending':
      // The request already went; the green button re-sends it. A text never prompts a pending number again.
      return { outcome: 'hold', reason: WAIT_FOR_OPT_IN, effects: [], requestRefused: null };
    case 'unknown': {
      if (kind === 'manual' && !context.staffConfirmedHold) {
        return {
          outcome: 'confirm',
          reason:
            'This client has not opted in. An opt-in request will be sent first and this message held until they reply YES.',
        };
      }
      if (kind === 'automated' && context.reviewOpen) {
        // A reply that may mean "stop" waits for staff: no automatic prompt on top of it.
        return { outcome: 'hold', reason: WAIT_FOR_REVIEW, effects: [], requestRefused: null };
      }
      const request = decideOptInRequest(state, context.requests, context.now, {
        origin: kind === 'manual' ? 'staff' : 'automation',
        staffName: context.staffName ?? null,
      });
      return request.allowed
        ? { outcome: 'hold', reason: WAIT_FOR_OPT_IN, effects: request.effects, requestRefused: null }
        : { outcome: 'hold', reason: WAIT_FOR_OPT_IN, effects: [], requestRefused: request.reason };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Replies

export interface ReplyContext {
  /** The client's exact text: the ledger quotes it. */
  text: string;
  /** The carrier answers STOP with its own confirmation (Telnyx does by default): the desk sends none. */
  carrierConfirmsOptOut: boolean;
  /** The carrier's auto-response answers HELP: the desk does not answer twice. */
  carrierAnswersHelp: boolean;
  reviewOpen: boolean;
}

export interface ReplyDecision {
  /** The number's state once the effects are applied. */
  to: ConsentState;
  effects: ConsentEffect[];
}

/** What a client's classified reply does to the number (PRODUCT.md "Replies from clients"). */
export function decideReply(state: ConsentState, kind: ReplyKind, context: ReplyContext): ReplyDecision {
  switch (kind) {
    case 'opt_out': {
      // Already opted out: nothing more, and above all no second confirmation. Cancelling here could even
      // cancel the first STOP's confirmation still on its way.
      if (state === 'opted_out')
        return {
          to: state,
          effects: closeReviews(context, 'opt_out', 'The client replied with an opt-out keyword'),
        };
      return {
        to: 'opted_out',
        effects: [
          // First the ledger row: from then on the outbox's gate refuses everything but the one confirmation.
          { type: 'record_consent', to: 'opted_out', source: 'reply', reason: context.text, staffName: null },
          { type: 'cancel_unsent', reason: 'Cancelled: the client opted out' },
          ...closeReviews(context, 'opt_out', 'The client replied with an opt-out keyword'),
          ...(context.carrierConfirmsOptOut
            ? []
            : [{ type: 'queue_text', kind: 'opt_out_confirmation' } as const]),
        ],
      };
    }
    case 'opt_in': {
      // The client's explicit YES/START is their latest word: it settles an open review as "not an opt-out".
      const reviews = closeReviews(context, 'not_opt_out', 'The client replied with an opt-in keyword');
      if (state === 'opted_in') {
        return { to: state, effects: reviews.length > 0 ? [...reviews, { type: 'release_held' }] : [] };
      }
      return {
        to: 'opted_in',
        effects: [
          { type: 'record_consent', to: 'opted_in', source: 'reply', reason: context.text, staffName: null },
          ...reviews,
          { type: 'queue_text', kind: 'opt_in_confirmation' },
          { type: 'release_held' },
        ],
      };
    }
    case 'help':
      return {
        to: state,
        effects: context.carrierAnswersHelp ? [] : [{ type: 'queue_text', kind: 'help_reply' }],
      };
    case 'possible_opt_out':
      if (state === 'opted_out')
        return { to: state, effects: [{ type: 'notify_staff', hint: 'number_opted_out' }] };
      return {
        to: state,
        effects: [{ type: 'open_review', reason: `The client wrote "${context.text}": it may mean stop` }],
      };
    case 'message':
      return { to: state, effects: [{ type: 'notify_staff', hint: hintFor(state) }] };
  }
}

function hintFor(state: ConsentState): StaffHint {
  if (state === 'opted_in') return null;
  return state === 'opted_out' ? 'number_opted_out' : 'send_opt_in_request';
}

function closeReviews(
  context: { reviewOpen: boolean },
  decision: 'opt_out' | 'not_opt_out',
  reason: string,
): ConsentEffect[] {
  return context.reviewOpen ? [{ type: 'close_reviews', decision, reason }] : [];
}

/**
 * Staff decide a possible opt-out. Either way the ledger records who decided and on which words. An opt-out
 * gets one confirmation: the carrier saw no keyword, so it sent none.
 */
export function decideReview(
  state: ConsentState,
  decision: 'opt_out' | 'not_opt_out',
  context: { replyText: string; staffName: string | null },
): ReplyDecision {
  const close = {
    type: 'close_reviews',
    decision,
    reason: `Decided by ${context.staffName ?? 'staff'}`,
  } as const;
  if (decision === 'opt_out') {
    if (state === 'opted_out') return { to: state, effects: [close] };
    return {
      to: 'opted_out',
      effects: [
        {
          type: 'record_consent',
          to: 'opted_out',
          source: 'staff',
          reason: `Staff read the reply "${context.replyText}" as an opt-out`,
          staffName: context.staffName,
        },
        { type: 'cancel_unsent', reason: 'Cancelled: the client opted out' },
        close,
        { type: 'queue_text', kind: 'opt_out_confirmation' },
      ],
    };
  }
  return {
    to: state,
    effects: [
      {
        type: 'record_consent',
        to: state,
        source: 'staff',
        reason: `Staff reviewed the reply "${context.replyText}": not an opt-out`,
        staffName: context.staffName,
      },
      close,
      ...(state === 'opted_in' ? [{ type: 'release_held' } as const] : []),
    ],
  };
}

/**
 * The carrier's records win over the desk's guess: a send refused with 40300 or an entry in the carrier's
 * opt-out list. No confirmation from the desk: the carrier already sent its own.
 */
export function decideCarrierOptOut(state: ConsentState, reason: string): ReplyDecision {
  if (state === 'opted_out') return { to: state, effects: [] };
  return {
    to: 'opted_out',
    effects: [
      { type: 'record_consent', to: 'opted_out', source: 'carrier', reason, staffName: null },
      { type: 'cancel_unsent', reason: 'Cancelled: the carrier reports that the client opted out' },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------
// The outbox's gate

export interface GateContext {
  reviewOpen: boolean;
  /** Opt-out confirmations sent (or being sent) to the number since its latest move to opted_out. */
  optOutConfirmationsSinceOptOut: number;
}

export type GateDecision =
  | { send: true }
  /** Not now: back to held with the reason (it may go later). */
  | { send: false; outcome: 'hold'; reason: string }
  /** Never: mark it blocked with the reason. */
  | { send: false; outcome: 'block'; reason: string };

/**
 * The rule the outbox checks in the transaction that claims a text, whatever queued it. A number that is
 * not opted in gets nothing but an opt-in request, a HELP answer, or the one confirmation of its opt-out.
 */
export function mayCarrierSend(kind: MessageKind, state: ConsentState, context: GateContext): GateDecision {
  const block = (reason: string) => ({ send: false, outcome: 'block', reason }) as const;
  switch (kind) {
    case 'inbound':
      return block('An inbound message is never sent.');
    case 'help_reply':
      // HELP is answered whatever the consent state, opted out included.
      return { send: true };
    case 'opt_out_confirmation':
      if (state !== 'opted_out') return block('Not sent: the number is no longer opted out.');
      return context.optOutConfirmationsSinceOptOut === 0
        ? { send: true }
        : block('Not sent: this opt-out was already confirmed once.');
    case 'opt_in_request':
      if (state === 'opted_out') return block(OPTED_OUT);
      if (state === 'opted_in') return block('Not sent: the number has already opted in.');
      return { send: true };
    case 'opt_in_confirmation':
      return state === 'opted_in' ? { send: true } : block('Not sent: the number is no longer opted in.');
    case 'manual':
    case 'automated':
      if (state === 'opted_out') return block(OPTED_OUT);
      if (state !== 'opted_in') return { send: false, outcome: 'hold', reason: WAIT_FOR_OPT_IN };
      if (kind === 'automated' && context.reviewOpen)
        return { send: false, outcome: 'hold', reason: WAIT_FOR_REVIEW };
      return { send: true };
  }
}

// ---------------------------------------------------------------------------------------------------------
// The ledger

export interface LedgerRow {
  id: number;
  e164: string;
  from: ConsentState;
  to: ConsentState;
  source: ConsentSource;
  at: number;
}

export interface LedgerProblem {
  id: number;
  e164: string;
  problem: string;
}

/**
 * Every number's state from its ledger rows, in id order: what the audit compares with the `consents` table,
 * and what the property tests compare with the machine. A row that does not start where the previous one
 * ended, or that comes out of id order, is reported (and its `to` still taken, as the database did).
 */
export function replayLedger(rows: Iterable<LedgerRow>): {
  states: Map<string, ConsentState>;
  problems: LedgerProblem[];
} {
  const states = new Map<string, ConsentState>();
  const problems: LedgerProblem[] = [];
  let lastId = -Infinity;
  for (const row of rows) {
    if (row.id <= lastId)
      problems.push({ id: row.id, e164: row.e164, problem: `Row ${row.id} comes after row ${lastId}` });
    lastId = Math.max(lastId, row.id);
    const current = states.get(row.e164) ?? 'unknown';
    if (row.from !== current) {
      problems.push({
        id: row.id,
        e164: row.e164,
        problem: `Row ${row.id} starts from ${row.from}, but the number was ${current}`,
      });
    }
    states.set(row.e164, row.to);
  }
  return { states, problems };
}
