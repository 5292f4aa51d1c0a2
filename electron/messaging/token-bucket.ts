import type { Clock } from '../core/clock';

/**
 * Keeps sends to a rate. Holds at most one token, so a quiet minute never turns into a burst: texts go out
 * evenly spaced, which is what carriers' per-number throughput limits expect. In memory on purpose: after a
 * restart the worst case is one text a little early.
 */
export class TokenBucket {
  private tokens = 1;
  private updatedAt: number;

  constructor(private readonly clock: Clock) {
    this.updatedAt = clock.now();
  }

  /** Milliseconds until a token is available at `perSecond`; 0 when one is available now. */
  waitMs(perSecond: number): number {
    this.refill(perSecond);
    if (this.tokens >= 1) return 0;
    return Math.ceil(((1 - this.tokens) * 1000) / perSecond);
  }

  /** Takes a token; false (and nothing taken) when none is available. */
  take(perSecond: number): boolean {
    this.refill(perSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private refill(perSecond: number): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.updatedAt = now;
    this.tokens = Math.min(1, this.tokens + (elapsed * perSecond) / 1000);
  }
}
