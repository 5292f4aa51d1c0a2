import { describe, expect, it } from 'vitest';
import {
  formatTextDate,
  formatTextTime,
  localIsoOf,
  parseDateTime,
  startOfLocalDay,
  zonedToEpoch,
} from './zoned-time';

const NY = 'America/New_York';
const utc = (iso: string) => Date.parse(iso);
const wall = (year: number, month: number, day: number, hour: number, minute = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second: 0,
});

describe('wall time in the business zone', () => {
  it('converts wall time to the instant on ordinary days', () => {
    expect(zonedToEpoch(wall(2026, 1, 5, 9), NY)).toBe(utc('2026-01-05T14:00:00Z'));
    expect(zonedToEpoch(wall(2026, 7, 5, 9), NY)).toBe(utc('2026-07-05T13:00:00Z'));
  });

  it('moves a time in the spring gap forward by the gap (2:30 on 2026-03-08 is 3:30 EDT)', () => {
    expect(zonedToEpoch(wall(2026, 3, 8, 2, 30), NY)).toBe(utc('2026-03-08T07:30:00Z'));
  });

  it('takes the earlier of a time the autumn change repeats (1:30 on 2026-11-01 is 1:30 EDT)', () => {
    expect(zonedToEpoch(wall(2026, 11, 1, 1, 30), NY)).toBe(utc('2026-11-01T05:30:00Z'));
  });

  it('finds the start of a 23-hour and a 25-hour day', () => {
    expect(startOfLocalDay(utc('2026-03-08T20:00:00Z'), NY)).toBe(utc('2026-03-08T05:00:00Z'));
    expect(startOfLocalDay(utc('2026-11-01T20:00:00Z'), NY)).toBe(utc('2026-11-01T04:00:00Z'));
  });

  it('reads form date-times as business wall time, zoned ISO strings exactly, and refuses the rest', () => {
    expect(parseDateTime('2026-03-09T09:30', NY)).toBe(utc('2026-03-09T13:30:00Z'));
    expect(parseDateTime('2026-03-09T09:30:00Z', NY)).toBe(utc('2026-03-09T09:30:00Z'));
    expect(parseDateTime('2026-03-09T09:30:00-08:00', NY)).toBe(utc('2026-03-09T17:30:00Z'));
    expect(parseDateTime(1_767_000_000_000, NY)).toBe(1_767_000_000_000);
    expect(parseDateTime('2026-02-30T09:00', NY)).toBeNull();
    expect(parseDateTime('2026-03-09T24:00', NY)).toBeNull();
    expect(parseDateTime('next tuesday', NY)).toBeNull();
    expect(parseDateTime('', NY)).toBeNull();
  });

  it('shows instants as datetime-local values in the business zone', () => {
    expect(localIsoOf(utc('2026-03-09T13:30:00Z'), NY)).toBe('2026-03-09T09:30');
    expect(localIsoOf(utc('2026-01-01T04:59:00Z'), NY)).toBe('2025-12-31T23:59');
  });

  it('writes the date and time a text names with plain spaces, so the text stays GSM-7', () => {
    const at = utc('2026-03-10T13:30:00Z');
    expect(formatTextDate(at, NY)).toBe('Tue, Mar 10');
    expect(formatTextTime(at, NY)).toBe('9:30 AM');
    expect(formatTextTime(at, NY)).not.toMatch(/[\u202f\u00a0]/);
  });
});
