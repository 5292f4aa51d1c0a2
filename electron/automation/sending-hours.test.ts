import { describe, expect, it } from 'vitest';
import { nextSendingMoment, type SendingHours } from './sending-hours';

const NEW_YORK: SendingHours = { timeZone: 'America/New_York', start: '09:00', end: '20:00' };
const utc = (iso: string) => Date.parse(iso);

describe('sending hours in the business time zone', () => {
  it('lets a text due inside them go at once', () => {
    const at = utc('2026-01-05T15:00:00Z'); // 10:00 EST
    expect(nextSendingMoment(at, NEW_YORK)).toBe(at);
    expect(nextSendingMoment(utc('2026-01-05T14:00:00Z'), NEW_YORK)).toBe(utc('2026-01-05T14:00:00Z')); // 09:00
    expect(nextSendingMoment(utc('2026-01-06T00:59:59Z'), NEW_YORK)).toBe(utc('2026-01-06T00:59:59Z')); // 19:59:59
  });

  it('holds a text due before opening until 9 am the same day', () => {
    expect(nextSendingMoment(utc('2026-01-05T11:00:00Z'), NEW_YORK)).toBe(utc('2026-01-05T14:00:00Z')); // 06:00 EST
  });

  it('holds a text due at or after closing until 9 am the next day', () => {
    expect(nextSendingMoment(utc('2026-01-06T01:00:00Z'), NEW_YORK)).toBe(utc('2026-01-06T14:00:00Z')); // 20:00 EST
    expect(nextSendingMoment(utc('2026-01-06T04:59:00Z'), NEW_YORK)).toBe(utc('2026-01-06T14:00:00Z')); // 23:59 EST
  });

  it('crosses a month and a year end', () => {
    expect(nextSendingMoment(utc('2027-01-01T03:00:00Z'), NEW_YORK)).toBe(utc('2027-01-01T14:00:00Z')); // Dec 31 22:00
  });

  describe('spring forward: 2026-03-08 in New York (02:00 EST → 03:00 EDT, a 23-hour day)', () => {
    it('opens at 9 am EDT (13:00 UTC), not at midnight + 9 hours', () => {
      expect(nextSendingMoment(utc('2026-03-08T05:00:00Z'), NEW_YORK)).toBe(utc('2026-03-08T13:00:00Z')); // 00:00 EST
      expect(nextSendingMoment(utc('2026-03-08T06:30:00Z'), NEW_YORK)).toBe(utc('2026-03-08T13:00:00Z')); // 01:30 EST
      expect(nextSendingMoment(utc('2026-03-08T07:30:00Z'), NEW_YORK)).toBe(utc('2026-03-08T13:00:00Z')); // 03:30 EDT
    });

    it('a text due the evening before waits for 9 am EDT', () => {
      expect(nextSendingMoment(utc('2026-03-08T02:00:00Z'), NEW_YORK)).toBe(utc('2026-03-08T13:00:00Z')); // Mar 7 21:00 EST
    });

    it('closes at 8 pm EDT (00:00 UTC)', () => {
      expect(nextSendingMoment(utc('2026-03-08T23:59:00Z'), NEW_YORK)).toBe(utc('2026-03-08T23:59:00Z')); // 19:59 EDT
      expect(nextSendingMoment(utc('2026-03-09T00:00:00Z'), NEW_YORK)).toBe(utc('2026-03-09T13:00:00Z')); // 20:00 EDT
    });
  });

  describe('fall back: 2026-11-01 in New York (02:00 EDT → 01:00 EST, a 25-hour day)', () => {
    it('opens at 9 am EST (14:00 UTC)', () => {
      expect(nextSendingMoment(utc('2026-11-01T04:00:00Z'), NEW_YORK)).toBe(utc('2026-11-01T14:00:00Z')); // 00:00 EDT
      expect(nextSendingMoment(utc('2026-11-01T05:30:00Z'), NEW_YORK)).toBe(utc('2026-11-01T14:00:00Z')); // 01:30 EDT
      expect(nextSendingMoment(utc('2026-11-01T06:30:00Z'), NEW_YORK)).toBe(utc('2026-11-01T14:00:00Z')); // 01:30 EST
    });

    it('a text due the evening before waits for 9 am EST', () => {
      expect(nextSendingMoment(utc('2026-11-01T01:00:00Z'), NEW_YORK)).toBe(utc('2026-11-01T14:00:00Z')); // Oct 31 21:00 EDT
    });

    it('closes at 8 pm EST (01:00 UTC next day)', () => {
      expect(nextSendingMoment(utc('2026-11-02T00:30:00Z'), NEW_YORK)).toBe(utc('2026-11-02T00:30:00Z')); // 19:30 EST
      expect(nextSendingMoment(utc('2026-11-02T01:00:00Z'), NEW_YORK)).toBe(utc('2026-11-02T14:00:00Z')); // 20:00 EST
    });
  });

  it('uses the business zone, not the machine zone', () => {
    const losAngeles = { ...NEW_YORK, timeZone: 'America/Los_Angeles' };
    // 10:00 in New York is 07:00 in Los Angeles: closed there until 09:00 PST (17:00 UTC).
    expect(nextSendingMoment(utc('2026-01-05T15:00:00Z'), losAngeles)).toBe(utc('2026-01-05T17:00:00Z'));
  });

  it('supports hours that run past midnight, and equal times mean no limit', () => {
    const night = { ...NEW_YORK, start: '22:00', end: '06:00' };
    expect(nextSendingMoment(utc('2026-01-06T04:00:00Z'), night)).toBe(utc('2026-01-06T04:00:00Z')); // 23:00
    expect(nextSendingMoment(utc('2026-01-05T15:00:00Z'), night)).toBe(utc('2026-01-06T03:00:00Z')); // 10:00 → 22:00
    const always = { ...NEW_YORK, start: '00:00', end: '00:00' };
    expect(nextSendingMoment(utc('2026-01-05T08:00:00Z'), always)).toBe(utc('2026-01-05T08:00:00Z'));
  });

  it('falls back to 9 am–8 pm New York when a setting is not a time or the zone is unknown', () => {
    const broken = { timeZone: 'Mars/Olympus', start: '25:00', end: 'late' };
    expect(nextSendingMoment(utc('2026-01-05T11:00:00Z'), broken)).toBe(utc('2026-01-05T14:00:00Z'));
  });
});
