/**
 * Sorts what the Telnyx SDK throws into CarrierError kinds, so the outbox knows whether to retry, back off,
 * reconcile or give up, and the UI can say why in plain words.
 */
import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'telnyx';
import { CarrierError } from './carrier';

/** Whether the failed call could have changed anything at the carrier (a send) or only read (everything else). */
export type CallKind = 'send' | 'read';

/** Connection failures that happen before a request is written: the carrier never saw it. */
const NEVER_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const OPTED_OUT_CODES = new Set(['40300']);
const INVALID_NUMBER_CODES = new Set(['40310', '10016', '10002']);
const AUTH_CODES = new Set(['10009']);

interface TelnyxErrorEntry {
  code: string | undefined;
  title: string | undefined;
  detail: string | undefined;
}

export function toCarrierError(error: unknown, kind: CallKind): CarrierError {
  if (error instanceof CarrierError) return error;
  // Timeouts first: APIConnectionTimeoutError is also an APIConnectionError.
  if (error instanceof APIConnectionTimeoutError) {
    return kind === 'send'
      ? new CarrierError(
          'unknown_outcome',
          'The carrier did not answer in time after the text was handed over; it may or may not have been sent.',
        )
      : new CarrierError('transient', 'The carrier did not answer in time.');
  }
  if (error instanceof APIConnectionError) {
    const code = connectionCode(error);
    if (kind === 'send' && !(code && NEVER_SENT_CODES.has(code))) {
      return new CarrierError(
        'unknown_outcome',
        `The connection to the carrier broke while the text was being handed over${code ? ` (${code})` : ''}; it may or may not have been sent.`,
      );
    }
    return new CarrierError('transient', `The carrier could not be reached${code ? ` (${code})` : ''}.`);
  }
  if (error instanceof APIError && typeof error.status === 'number') return fromStatus(error, kind);
  return new CarrierError(
    'transient',
    `Talking to the carrier failed: ${error instanceof Error ? error.message : String(error)}`,
  );
}

function fromStatus(error: APIError, kind: CallKind): CarrierError {
  const status = error.status as number;
  const entry = firstError(error.error);
  const details = { status, ...(entry.code ? { code: entry.code } : {}) };
  const said = describe(entry, status);

  if (status === 401 || (entry.code && AUTH_CODES.has(entry.code))) {
    return new CarrierError('auth', `The carrier refused the API key: ${said}`, details);
  }
  if (entry.code && OPTED_OUT_CODES.has(entry.code)) {
    return new CarrierError(
      'opted_out',
      `The carrier blocks texts to this number after a STOP: ${said}`,
      details,
    );
  }
  if (entry.code && INVALID_NUMBER_CODES.has(entry.code)) {
    return new CarrierError('invalid_number', `The carrier refused the number: ${said}`, details);
  }
  if (status === 429) {
    const retryAfterMs = retryAfter(error.headers);
    return new CarrierError('rate_limited', `The carrier asked us to slow down: ${said}`, {
      ...details,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  // A gateway that gave up waiting cannot say whether the carrier behind it took the text.
  if (status === 504 && kind === 'send') {
    return new CarrierError('unknown_outcome', `The carrier's gateway timed out: ${said}`, details);
  }
  if (status >= 500 || status === 408) {
    return new CarrierError('transient', `The carrier had a problem on its side: ${said}`, details);
  }
  return new CarrierError('permanent', `The carrier refused the request: ${said}`, details);
}

/** Telnyx wraps errors in `errors: [...]`; a few endpoints answer a bare error object. */
function firstError(body: unknown): TelnyxErrorEntry {
  const record = asRecord(body);
  const errors = record?.['errors'];
  const first = Array.isArray(errors) ? asRecord(errors[0]) : record;
  const text = (value: unknown) =>
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  return { code: text(first?.['code']), title: text(first?.['title']), detail: text(first?.['detail']) };
}

function describe(entry: TelnyxErrorEntry, status: number): string {
  const words = [entry.title, entry.detail].filter(Boolean).join(' - ');
  return `${words || `HTTP ${status}`}${entry.code ? ` (Telnyx ${entry.code})` : ''}`;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** Retry-After as seconds or an HTTP date (and the SDK family's retry-after-ms), in milliseconds. */
function retryAfter(headers: Headers | undefined): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The system error code behind a failed fetch (`ECONNREFUSED`, `UND_ERR_SOCKET`…), searching the cause chain. */
function connectionCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current; depth++) {
    const record = asRecord(current);
    const code = record?.['code'];
    if (typeof code === 'string') return code;
    const nested = record?.['errors'];
    if (Array.isArray(nested)) {
      const inner = nested.map(connectionCode).find(Boolean);
      if (inner) return inner;
    }
    current = record?.['cause'];
  }
  return undefined;
}
