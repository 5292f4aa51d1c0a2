import { describe, expect, it } from 'vitest';
import { CarrierError } from '../carrier/carrier';
import { backoffDelay, retryDelay } from './backoff';

const policy = { baseMs: 1_000, maxMs: 30_000 };

describe('backoff', () => {
  it('doubles per failure, up to the cap, with half of each delay random', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, () => 0, policy))).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000,
    ]);
    expect([1, 2, 6].map((n) => backoffDelay(n, () => 1, policy))).toEqual([1_000, 2_000, 30_000]);
  });

  it('waits at least as long as the carrier’s Retry-After asks', () => {
    const error = new CarrierError('rate_limited', 'slow down', { status: 429, retryAfterMs: 20_000 });
    expect(retryDelay(error, 1, () => 0, policy)).toBe(20_000);
    expect(retryDelay(error, 1, () => 1, policy)).toBe(21_000);
  });

  it('falls back to backoff for a 429 without Retry-After and for 5xx', () => {
    expect(retryDelay(new CarrierError('rate_limited', 'slow down'), 3, () => 0, policy)).toBe(2_000);
    expect(
      retryDelay(new CarrierError('transient', 'bad gateway', { status: 502 }), 2, () => 0, policy),
    ).toBe(1_000);
  });
});
