import { z } from 'zod';

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +15551234567');

/**
 * What can go wrong at the demo carrier, on request. Counters ("next N") count down as requests use them up;
 * everything else holds until changed or reset.
 */
export const faultsSchema = z.object({
  /**
   * The carrier is down: `refuse` stops listening (connection refused; the control API is closed too, so lift it
   * in-process or with `downForMs`), `close` drops each API connection without an answer (nothing is stored),
   * `503` answers Service Unavailable. The control API keeps working for `close` and `503`.
   */
  down: z.union([z.literal(false), z.enum(['refuse', 'close', '503'])]),
  /** Lifts `down` after this long on the carrier's clock. */
  downForMs: z.number().int().positive().max(86_400_000).nullable(),
  /** The next N sends (or API requests of any kind, see scope) get 429 Too Many Requests. */
  rateLimitNext: z.number().int().min(0).max(100_000),
  rateLimitScope: z.enum(['send', 'all']),
  /** The Retry-After of a forced 429, in seconds. */
  retryAfterSeconds: z.number().int().min(0).max(3600),
  /** A real cap on sends per second of the carrier's clock; null for none. */
  messagesPerSecond: z.number().positive().max(10_000).nullable(),
  /** The next N API requests (or only sends, see scope) get 500 Unexpected error. */
  serverErrorNext: z.number().int().min(0).max(100_000),
  serverErrorScope: z.enum(['all', 'send']),
  /** Real milliseconds added before every API answer (network latency: the request is still processed). */
  latencyMs: z.number().int().min(0).max(120_000),
  /** The next N sends are stored (the text goes out) but their answer never comes: the client times out. */
  timeoutAfterAcceptNext: z.number().int().min(0).max(100_000),
  /** Inbound texts show in detail records only this long (carrier clock) after they arrived. */
  inboundDelayMs: z.number().int().min(0).max(86_400_000),
  /** Texts to these numbers end as delivery_failed with this Telnyx code (e.g. "40008"). */
  failDelivery: z.record(e164, z.string().regex(/^\d{5}$/, 'must be a five-digit Telnyx error code')),
  /** Numbers the carrier refuses as destinations (40310), besides anything not shaped like a real number. */
  invalidNumbers: z.array(e164).max(10_000),
});

export type Faults = z.infer<typeof faultsSchema>;

/** A change to the faults, as sent to POST /__sim/faults or `setFaults`: only the named ones change. */
export const faultsPatchSchema = faultsSchema.partial().strict();
export type FaultsPatch = z.infer<typeof faultsPatchSchema>;

export function noFaults(): Faults {
  return {
    down: false,
    downForMs: null,
    rateLimitNext: 0,
    rateLimitScope: 'send',
    retryAfterSeconds: 1,
    messagesPerSecond: null,
    serverErrorNext: 0,
    serverErrorScope: 'all',
    latencyMs: 0,
    timeoutAfterAcceptNext: 0,
    inboundDelayMs: 0,
    failDelivery: {},
    invalidNumbers: [],
  };
}
