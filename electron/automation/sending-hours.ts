/**
 * Sending hours (PRODUCT.md "Automated messages"): automated texts go out only between the opening and closing
 * times on the business's wall clock; one due outside them waits until they next open.
 */
import { DeskError } from '../../shared/errors';
import { addDays, usableTimeZone, wallTimeOf, zonedToEpoch } from './zoned-time';

export interface SendingHours {
  timeZone: string;
  /** "HH:MM", local. */
  start: string;
  /** "HH:MM", local; after `start` (settings refuse a window past midnight; older data is still read). */
  end: string;
}

const DEFAULT_START = 9 * 60;
const DEFAULT_END = 20 * 60;

/** Minutes after midnight for "HH:MM"; null when it is not a time of day. */
export function minutesOfDay(text: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : null;
}

/**
 * The first moment at or after `at` inside sending hours. Equal opening and closing times mean no limit. A
 * setting that is not a time falls back to the default (9 am to 8 pm) rather than letting texts out at night.
 */
export function nextSendingMoment(at: number, hours: SendingHours): number {
  const timeZone = usableTimeZone(hours.timeZone);
  const start = minutesOfDay(hours.start) ?? DEFAULT_START;
  const end = minutesOfDay(hours.end) ?? DEFAULT_END;
  if (start === end) return at;
  const wall = wallTimeOf(at, timeZone);
  const minute = wall.hour * 60 + wall.minute;
  const inside = start < end ? minute >= start && minute < end : minute >= start || minute < end;
  if (inside) return at;
  // Outside: they open today if it is still before the opening time, else tomorrow.
  const date = minute < start ? wall : addDays(wall, 1);
  return zonedToEpoch({ ...date, hour: Math.floor(start / 60), minute: start % 60, second: 0 }, timeZone);
}

/**
 * Sending hours open and close on the same day, opening first. A window past midnight would text clients in
 * the night, which state quiet-hour rules forbid; equal times would mean no limit at all.
 */
export function checkSendingHours(start: string, end: string): void {
  if (start >= end) {
    throw new DeskError(
      'invalid_input',
      'Sending hours must open before they close, on the same day.',
      'sendingHoursEnd',
    );
  }
}
