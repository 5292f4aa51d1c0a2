import { describe, expect, it } from 'vitest';
import { FakeClock } from '../core/clock';
import { TokenBucket } from './token-bucket';

describe('token bucket', () => {
  it('allows one send, then one per 1/rate seconds, and never saves up a burst', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(clock);
    expect(bucket.take(1)).toBe(true);
    expect(bucket.take(1)).toBe(false);
    expect(bucket.waitMs(1)).toBe(1_000);
    clock.advance(600);
    expect(bucket.waitMs(1)).toBe(400);
    clock.advance(400);
    expect(bucket.take(1)).toBe(true);
    clock.advance(60_000);
    expect(bucket.take(1)).toBe(true);
    expect(bucket.take(1)).toBe(false);
  });

  it('follows a changed rate at once', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(clock);
    bucket.take(1);
    expect(bucket.waitMs(4)).toBe(250);
  });
});
