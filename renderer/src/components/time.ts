/** Times as a receptionist reads them: "Today 2:05 PM", "Yesterday 9:10 AM", "Mon, Mar 3, 4:00 PM". */

const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const MINUTE = 60 * 1000;

function startOfDay(ms: number): number {
  const date = new Date(ms);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

const clock = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' });
const clockWithSeconds = new Intl.DateTimeFormat('en-US', {
  hour: 'numeric',
  minute: '2-digit',
  second: '2-digit',
});
const dayAndClock = new Intl.DateTimeFormat('en-US', {
  weekday: 'short',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** A moment, said relative to today where that is shorter. */
export function formatWhen(at: number, now: number = Date.now()): string {
  const days = Math.round((startOfDay(at) - startOfDay(now)) / DAY);
  if (days === 0) return `Today ${clock.format(at)}`;
  if (days === -1) return `Yesterday ${clock.format(at)}`;
  if (days === 1) return `Tomorrow ${clock.format(at)}`;
  return dayAndClock.format(at);
}

/** The time of day with seconds, for "last sync". */
export function formatClock(at: number): string {
  return clockWithSeconds.format(at);
}

/** How long until a moment, roughly: "in 3 days", "in 5 hours", "in 12 minutes", or "now" when past. */
export function formatIn(at: number, now: number = Date.now()): string {
  const left = at - now;
  if (left <= 0) return 'now';
  if (left >= 2 * DAY) return `in ${Math.round(left / DAY)} days`;
  if (left >= 2 * HOUR) return `in ${Math.round(left / HOUR)} hours`;
  if (left >= HOUR) return 'in 1 hour';
  const minutes = Math.max(1, Math.round(left / MINUTE));
  return `in ${minutes} minute${minutes === 1 ? '' : 's'}`;
}
