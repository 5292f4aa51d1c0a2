import { describe, expect, it } from 'vitest';
import { formatIn, formatWhen } from './time';

const at = (text: string) => new Date(text).getTime();

describe('times as staff read them', () => {
  const now = at('2026-03-04T15:00:00');

  it('says today, yesterday or tomorrow when it is one of those', () => {
    expect(formatWhen(at('2026-03-04T09:05:00'), now)).toBe('Today 9:05 AM');
    expect(formatWhen(at('2026-03-03T21:30:00'), now)).toBe('Yesterday 9:30 PM');
    expect(formatWhen(at('2026-03-05T08:00:00'), now)).toBe('Tomorrow 8:00 AM');
  });

  it('names the day and date further away', () => {
    expect(formatWhen(at('2026-02-27T16:00:00'), now)).toBe('Fri, Feb 27, 4:00 PM');
  });

  it('rounds what is left to the unit a person would use', () => {
    expect(formatIn(now + 72 * 3_600_000, now)).toBe('in 3 days');
    expect(formatIn(now + 5 * 3_600_000, now)).toBe('in 5 hours');
    expect(formatIn(now + 90 * 60_000, now)).toBe('in 1 hour');
    expect(formatIn(now + 60_000, now)).toBe('in 1 minute');
    expect(formatIn(now - 1, now)).toBe('now');
  });
});
