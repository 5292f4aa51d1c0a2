/** Turns what the carrier says into the desk's statuses and into plain words for the person at the desk. */
import type { CarrierError, CarrierMessage, CarrierMessageStatus } from '../carrier/carrier';

export type SettledStatus = 'sent' | 'delivered' | 'failed';

export interface CarrierOutcome {
  status: SettledStatus;
  errorCode: string | null;
  errorReason: string | null;
  /** Set when the carrier will say no more about this text, so the poller can stop asking. */
  statusReason: string | null;
}

/** The Telnyx code for "blocked due to STOP". */
export const OPTED_OUT_CODE = '40300';

/**
 * Where a text the carrier has accepted stands. The carrier's own "queued"/"sending" become the desk's `sent`
 * (handed to the carrier): the desk's `queued` means "still in the outbox", and a row marked so could be
 * cancelled or sent again by code that trusts that meaning.
 */
export function outcomeOf(message: Pick<CarrierMessage, 'status' | 'error'>): CarrierOutcome {
  const status: CarrierMessageStatus = message.status;
  switch (status) {
    case 'delivered':
    case 'webhook_delivered':
      return { status: 'delivered', errorCode: null, errorReason: null, statusReason: null };
    case 'sending_failed':
    case 'delivery_failed':
      return {
        status: 'failed',
        errorCode: message.error?.code ?? null,
        errorReason: deliveryFailureWords(message.error),
        statusReason: null,
      };
    case 'cancelled':
      return {
        status: 'failed',
        errorCode: message.error?.code ?? null,
        errorReason: 'The carrier cancelled this text before it went out.',
        statusReason: null,
      };
    case 'delivery_unconfirmed':
      return {
        status: 'sent',
        errorCode: null,
        errorReason: null,
        statusReason: "Sent, but the client's phone company did not confirm delivery.",
      };
    default:
      return { status: 'sent', errorCode: null, errorReason: null, statusReason: null };
  }
}

/** True when the carrier has said its last word on a text. */
export function isFinal(outcome: CarrierOutcome): boolean {
  return outcome.status !== 'sent' || outcome.statusReason !== null;
}

export function deliveryFailureWords(error: CarrierMessage['error']): string {
  if (!error) return 'The carrier could not deliver this text and gave no reason.';
  if (error.code === OPTED_OUT_CODE) return optedOutWords();
  const detail = error.detail ?? error.title;
  return `The carrier could not deliver this text: ${lowerFirst(detail)} (code ${error.code}).`;
}

export function optedOutWords(): string {
  return 'The carrier blocked this text because the client texted STOP to the business number. They must text START to it before they can receive texts again.';
}

/** What the status bar says while the carrier is away. */
export const UNREACHABLE_WORDS =
  'The carrier cannot be reached. Texts wait in the outbox and go out when it answers.';
export const SLOW_DOWN_WORDS = 'The carrier asked the desk to slow down; texts go out again shortly.';
export const AUTH_WORDS =
  'The carrier refused the API key. Check the carrier settings; texts wait until it is fixed.';

/**
 * Plain words for a failed send attempt, for the message row. The adapter's own message already says what the
 * carrier answered in a sentence; this adds what happens next.
 */
export function sendErrorWords(error: CarrierError): string {
  switch (error.kind) {
    case 'auth':
      return AUTH_WORDS;
    case 'opted_out':
      return optedOutWords();
    case 'invalid_number':
      return `${sentence(error.message)} Check the number on the client's card.`;
    case 'rate_limited':
      return SLOW_DOWN_WORDS;
    case 'transient':
      return `${sentence(error.message)} The text waits and goes out when the carrier answers.`;
    case 'unknown_outcome':
      return 'The connection dropped after the text was handed to the carrier; checking whether it went out before trying again.';
    case 'permanent':
      return sentence(error.message);
  }
}

/** The status bar's words for a carrier failure. */
export function statusProblemWords(error: CarrierError): string {
  switch (error.kind) {
    case 'auth':
      return AUTH_WORDS;
    case 'rate_limited':
      return SLOW_DOWN_WORDS;
    default:
      return UNREACHABLE_WORDS;
  }
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) return 'The carrier gave no reason.';
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

function lowerFirst(text: string): string {
  const trimmed = text.trim().replace(/\.$/, '');
  if (trimmed.length === 0) return 'no reason given';
  // "SMS" and other initialisms keep their case.
  return /^[A-Z][a-z]/.test(trimmed) ? trimmed.charAt(0).toLowerCase() + trimmed.slice(1) : trimmed;
}
