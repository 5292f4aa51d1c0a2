/**
 * The rules for each automated text, as one pure function: given an appointment, the rules and the time,
 * is its text due now (and with which send window), due later, or never? The scheduler acts on it; the
 * appointments list shows it, so what staff read is what the scheduler will do.
 */
import type { Automation } from '../../shared/domain';
import type { Settings } from '../settings/settings';
import type { AppointmentRow } from './appointment-rows';
import { nextSendingMoment, type SendingHours } from './sending-hours';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * A thank-you waits at most a week after check-out (held for an opt-in, or the desk was closed): later than
 * that it would arrive out of the blue, long after the visit it thanks for.
 */
export const THANK_YOU_EXPIRY_DAYS = 7;
export const THANK_YOU_EXPIRY_MS = THANK_YOU_EXPIRY_DAYS * DAY;

export interface RuleSet {
  enabled: Record<Automation, boolean>;
  reminderLeadMs: number;
  hours: SendingHours;
}

export function rulesFrom(settings: Settings): RuleSet {
  return {
    enabled: {
      confirmation: settings.automations.confirmation,
      reminder: settings.automations.reminder,
      thank_you: settings.automations.thankYou,
    },
    reminderLeadMs: settings.reminderLeadHours * HOUR,
    hours: {
      timeZone: settings.timeZone,
      start: settings.sendingHoursStart,
      end: settings.sendingHoursEnd,
    },
  };
}

export type TextPlan =
  /** Make it now; it may go out from `notBefore` and loses its point at `expiresAt`. */
  | { kind: 'due'; notBefore: number; expiresAt: number }
  /** Not yet: it becomes due at `dueAt` (null: at an event, such as check-out). */
  | { kind: 'later'; dueAt: number | null; reason: string }
  /** It will not be made; `off` when only because its rule is off. */
  | { kind: 'never'; reason: string; off: boolean };

export type PlannedAppointment = Pick<
  AppointmentRow,
  | 'status'
  | 'starts_at'
  | 'created_at'
  | 'revision'
  | 'revised_at'
  | 'confirm_revision'
  | 'checked_out_at'
  | 'thank_you_wanted'
> & { e164: string | null };

const never = (reason: string, off = false): TextPlan => ({ kind: 'never', reason, off });

const NO_NUMBER = 'The client has no number for texts';
const AFTER_START = 'Sending hours open only after the appointment starts';

function hoursText(ms: number): string {
  const hours = Math.round((ms / HOUR) * 10) / 10;
  return `${hours} hour${hours === 1 ? '' : 's'}`;
}

export function planText(
  appointment: PlannedAppointment,
  automation: Automation,
  rules: RuleSet,
  now: number,
): TextPlan {
  switch (automation) {
    case 'confirmation':
      return planConfirmation(appointment, rules, now);
    case 'reminder':
      return planReminder(appointment, rules, now);
    case 'thank_you':
      return planThankYou(appointment, rules, now);
  }
}

function planConfirmation(appointment: PlannedAppointment, rules: RuleSet, now: number): TextPlan {
  if (appointment.status === 'cancelled') return never('The appointment was cancelled');
  if (!rules.enabled.confirmation) return never('Confirmations are off', true);
  if (appointment.confirm_revision !== appointment.revision) {
    return never('Confirmations were off when it was booked or last changed');
  }
  if (appointment.status !== 'booked') return never('Checked in before it was sent');
  if (now >= appointment.starts_at) return never('The appointment had begun');
  if (appointment.e164 === null) return never(NO_NUMBER);
  const notBefore = nextSendingMoment(now, rules.hours);
  if (notBefore >= appointment.starts_at) return never(AFTER_START);
  return { kind: 'due', notBefore, expiresAt: appointment.starts_at };
}

function planReminder(appointment: PlannedAppointment, rules: RuleSet, now: number): TextPlan {
  if (appointment.status === 'cancelled') return never('The appointment was cancelled');
  if (!rules.enabled.reminder) return never('Reminders are off', true);
  if (appointment.status !== 'booked') return never('Checked in: no reminder needed');
  const dueAt = appointment.starts_at - rules.reminderLeadMs;
  const revisedAt = appointment.revised_at ?? appointment.created_at;
  // Booked (or moved) inside the reminder window: the client just heard about it, a reminder now is noise.
  if (revisedAt >= dueAt) {
    const what = appointment.revision > 1 ? 'Changed' : 'Booked';
    return never(`${what} less than ${hoursText(rules.reminderLeadMs)} before it starts: no reminder needed`);
  }
  if (now >= appointment.starts_at) return never('The appointment began before the reminder could go out');
  if (appointment.e164 === null) return never(NO_NUMBER);
  const notBefore = nextSendingMoment(Math.max(now, dueAt), rules.hours);
  if (notBefore >= appointment.starts_at) return never(AFTER_START);
  if (now < dueAt) {
    return { kind: 'later', dueAt, reason: `${hoursText(rules.reminderLeadMs)} before it starts` };
  }
  return { kind: 'due', notBefore, expiresAt: appointment.starts_at };
}

function planThankYou(appointment: PlannedAppointment, rules: RuleSet, now: number): TextPlan {
  if (appointment.status === 'cancelled') return never('No thank-you for a cancelled appointment');
  if (!rules.enabled.thank_you) return never('Thank-yous are off', true);
  if (appointment.status !== 'checked_out' || appointment.checked_out_at === null) {
    return { kind: 'later', dueAt: null, reason: 'After check-out' };
  }
  if (appointment.thank_you_wanted !== 1) return never('Thank-yous were off at check-out');
  if (appointment.e164 === null) return never(NO_NUMBER);
  const expiresAt = appointment.checked_out_at + THANK_YOU_EXPIRY_MS;
  const notBefore = nextSendingMoment(Math.max(now, appointment.checked_out_at), rules.hours);
  if (notBefore >= expiresAt) {
    return never(`More than ${THANK_YOU_EXPIRY_DAYS} days have passed since check-out`);
  }
  return { kind: 'due', notBefore, expiresAt };
}
