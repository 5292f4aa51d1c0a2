/** How the appointments screen says things: text states, times in the business's zone, day headings. */
import type {
  AppointmentText,
  AppointmentTextState,
  AppointmentView,
} from '../../../../shared/api/appointments';

export type TextTone = 'progress' | 'done' | 'waiting' | 'stopped' | 'failed' | 'neutral';

/** Each state in a word, with a tone; the word carries the meaning, the colour only repeats it. */
export const TEXT_STATE_WORDS: Record<AppointmentTextState, { label: string; tone: TextTone }> = {
  scheduled: { label: 'Scheduled', tone: 'neutral' },
  queued: { label: 'Queued', tone: 'progress' },
  sending: { label: 'Sending', tone: 'progress' },
  sent: { label: 'Sent', tone: 'progress' },
  delivered: { label: 'Delivered', tone: 'done' },
  held: { label: 'Held', tone: 'waiting' },
  blocked: { label: 'Blocked', tone: 'failed' },
  failed: { label: 'Failed', tone: 'failed' },
  expired: { label: 'Expired', tone: 'stopped' },
  cancelled: { label: 'Cancelled', tone: 'stopped' },
  not_sent: { label: 'Not sent', tone: 'stopped' },
  off: { label: 'Off', tone: 'stopped' },
  received: { label: 'Received', tone: 'neutral' },
};

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat('en-US', { timeZone, ...options });
    formatters.set(key, cached);
  }
  return cached;
}

/** "9:30 AM" in the business's zone. */
export function timeOfDay(at: number, timeZone: string): string {
  return formatter(timeZone, { hour: 'numeric', minute: '2-digit' }).format(at);
}

/** "Thu, Jan 8, 9:30 AM" in the business's zone. */
export function dayAndTime(at: number, timeZone: string): string {
  return formatter(timeZone, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(at);
}

/** "2026-01-08": the calendar day an instant falls on in the business's zone. */
export function dayKey(at: number, timeZone: string): string {
  const parts = formatter(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function addDaysToKey(key: string, days: number): string {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

export interface DayGroup {
  key: string;
  heading: string;
  appointments: AppointmentView[];
}

/**
 * Appointments under a heading per day of their start ("Today", "Tomorrow", "Sat, Jan 10"); those that began
 * on an earlier day and are still running come first, as "Under way".
 */
export function groupByDay(appointments: AppointmentView[], now: number, timeZone: string): DayGroup[] {
  const today = dayKey(now, timeZone);
  const tomorrow = addDaysToKey(today, 1);
  const groups = new Map<string, DayGroup>();
  for (const appointment of appointments) {
    const start = appointment.startsAtLocal.slice(0, 10);
    const key = start < today ? 'earlier' : start;
    let group = groups.get(key);
    if (!group) {
      const heading =
        key === 'earlier'
          ? 'Under way'
          : key === today
            ? 'Today'
            : key === tomorrow
              ? 'Tomorrow'
              : formatter(timeZone, { weekday: 'long', month: 'short', day: 'numeric' }).format(
                  appointment.startsAt,
                );
      group = { key, heading, appointments: [] };
      groups.set(key, group);
    }
    group.appointments.push(appointment);
  }
  return [...groups.values()].sort((a, b) =>
    a.key === 'earlier' ? -1 : b.key === 'earlier' ? 1 : a.key.localeCompare(b.key),
  );
}

/** One line about a text: "Held: Waiting for the client to opt in", "Scheduled for Thu, Jan 8, 9:00 AM". */
export function textDetail(text: AppointmentText, timeZone: string, now: number): string | null {
  switch (text.state) {
    case 'scheduled':
      if (text.at !== null) return `For ${dayAndTime(text.at, timeZone)}`;
      return text.reason;
    case 'queued':
      return text.at !== null && text.at > now
        ? `Waits for sending hours: goes out ${dayAndTime(text.at, timeZone)}`
        : null;
    case 'sent':
    case 'delivered':
      return text.at !== null ? dayAndTime(text.at, timeZone) : null;
    default:
      return text.reason;
  }
}

/** "2026-01-08T09:30" plus some minutes, as wall time (no zone needed: both ends are the business's). */
export function addMinutesToLocal(local: string, minutes: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return '';
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(Date.UTC(year, month - 1, day, hour, minute + minutes)).toISOString().slice(0, 16);
}
