/**
 * Wall-clock time in the business's time zone, from Intl alone (no tz library). Epoch milliseconds are the
 * truth everywhere else; these convert at the edges: sending hours, "today", the form's local date-times and
 * the date and time a text names. Daylight-saving days are the reason this exists: a day can have 23 or 25
 * hours, so "9 am" is never "midnight + 9 hours".
 */

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export const FALLBACK_TIME_ZONE = 'America/New_York';

const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when Intl knows the zone; settings hold free text, so callers check before trusting it. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone to compute with: the setting when valid, else the default (a bad setting must not stop the texts). */
export function usableTimeZone(timeZone: string): string {
  return isValidTimeZone(timeZone) ? timeZone : FALLBACK_TIME_ZONE;
}

/** What a wall clock in `timeZone` shows at `at`. */
export function wallTimeOf(at: number, timeZone: string): WallTime {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(at))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year!,
    month: values.month!,
    day: values.day!,
    hour: values.hour! % 24,
    minute: values.minute!,
    second: values.second!,
  };
}

function wallAsUtc(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** How far the zone's wall clock is ahead of UTC at `at`, in ms (negative west of Greenwich). */
function offsetAt(at: number, timeZone: string): number {
  const whole = Math.floor(at / 1000) * 1000;
  return wallAsUtc(wallTimeOf(whole, timeZone)) - whole;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The instant a wall clock in `timeZone` shows `wall`. Around a daylight-saving change a wall time can occur
 * twice (the autumn hour: the earlier is taken) or not at all (the spring gap: the time is moved forward by
 * the gap, so "2:30" on a spring-forward night is 3:30), the way calendars usually resolve them.
 */
export function zonedToEpoch(wall: WallTime, timeZone: string): number {
  const asUtc = wallAsUtc(wall);
  // The zone's offsets a day either side bracket any transition near this wall time.
  const before = asUtc - offsetAt(asUtc - DAY_MS, timeZone);
  const after = asUtc - offsetAt(asUtc + DAY_MS, timeZone);
  const shows = (at: number) => wallAsUtc(wallTimeOf(at, timeZone)) === asUtc;
  const candidates = [before, after].filter(shows);
  if (candidates.length > 0) return Math.min(...candidates);
  // In the gap: the offset from before the change moves the time forward by the gap's length.
  return before;
}

/** Midnight at the start of the local day that contains `at`. */
export function startOfLocalDay(at: number, timeZone: string): number {
  const wall = wallTimeOf(at, timeZone);
  return zonedToEpoch({ ...wall, hour: 0, minute: 0, second: 0 }, timeZone);
}

/** The calendar date `days` after the one given (pure date arithmetic, no zone involved). */
export function addDays(
  date: Pick<WallTime, 'year' | 'month' | 'day'>,
  days: number,
): Pick<WallTime, 'year' | 'month' | 'day'> {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** "2026-03-08T09:30", what an <input type="datetime-local"> shows, in the business's zone. */
export function localIsoOf(at: number, timeZone: string): string {
  const wall = wallTimeOf(at, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}`;
}

const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/;
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/i;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * A date-time as the API takes it: epoch ms; an ISO string with a zone ("…Z", "…-05:00"), an exact instant;
 * or an ISO string without one ("2026-03-08T09:30"), read as wall time in the business's zone. Null when it
 * is none of those (or names a day that does not exist, like February 30).
 */
export function parseDateTime(value: number | string, timeZone: string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = value.trim();
  if (ZONED_ISO.test(text)) {
    const at = Date.parse(text);
    return Number.isNaN(at) ? null : at;
  }
  const match = LOCAL_ISO.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return zonedToEpoch({ year, month, day, hour, minute, second }, timeZone);
}

/** Intl puts a narrow no-break space before AM/PM: one such character would make a whole text UCS-2. */
function plainSpaces(text: string): string {
  return text.replace(/[\u202f\u00a0\u2009]/g, ' ');
}

/** "Tue, Mar 4": the day a text names, in the business's zone. */
export function formatTextDate(at: number, timeZone: string): string {
  return plainSpaces(
    new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric' }).format(
      new Date(at),
    ),
  );
}

/** "9:30 AM": the time a text names, in the business's zone. */
export function formatTextTime(at: number, timeZone: string): string {
  return plainSpaces(
    new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(at)),
  );
}
