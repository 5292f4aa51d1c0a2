import type { CarrierError } from '../carrier/carrier';

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, maxMs: 5 * 60_000 };

/**
 * Exponential backoff with "equal jitter": half the ceiling is fixed, half random, so many desks (or many
 * texts) that failed together do not all come back in the same instant, yet none retries too soon.
 */
export function backoffDelay(
  failures: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const exponent = Math.min(30, Math.max(0, failures - 1));
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** How long to wait after a retryable carrier fault: the carrier's own Retry-After wins when it gave one. */
export function retryDelay(
  error: CarrierError,
  failures: number,
  random: () => number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
): number {
  const retryAfter = error.details.retryAfterMs;
  if (error.kind === 'rate_limited' && retryAfter !== undefined && retryAfter >= 0) {
    // Never earlier than asked; a little jitter after it so a burst of waiting texts does not return as one.
    return Math.round(retryAfter + random() * Math.min(1_000, policy.baseMs));
  }
  return backoffDelay(failures, random, policy);
}
