/** Appointments and the automated texts made for them (PRODUCT.md "Automated messages"). */
import { z } from 'zod';
import type { Automation, ConsentState, MessageStatus } from '../domain';
import { method } from './define';

export const APPOINTMENT_STATUSES = ['booked', 'checked_in', 'checked_out', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, string> = {
  booked: 'Booked',
  checked_in: 'Checked in',
  checked_out: 'Checked out',
  cancelled: 'Cancelled',
};

/** Offered in the booking form; any other service may be typed. */
export const SERVICE_SUGGESTIONS = ['Boarding', 'Daycare', 'Grooming', 'Bath', 'Vet visit', 'Training'];

export const AUTOMATION_LABELS: Record<Automation, string> = {
  confirmation: 'Confirmation',
  reminder: 'Reminder',
  thank_you: 'Thank-you',
};

/**
 * Where an automated text stands: a message status once it was made; before that `scheduled` (it will be
 * made, `at` says when it may go out), `not_sent` (it will not be: `reason` says why) or `off` (its rule is off).
 */
export type AppointmentTextState = MessageStatus | 'scheduled' | 'not_sent' | 'off';

export interface AppointmentTextEarlier {
  messageId: number;
  state: MessageStatus;
  reason: string | null;
}

export interface AppointmentText {
  automation: Automation;
  state: AppointmentTextState;
  messageId: number | null;
  /** Plain words: why held, blocked, cancelled, expired, failed or not sent; what a scheduled text waits for. */
  reason: string | null;
  /** When it went out, or the earliest it may go out (sending hours); null when not known yet. */
  at: number | null;
  /** Texts of this kind made for the appointment's earlier details (before staff changed it), oldest first. */
  earlier: AppointmentTextEarlier[];
}

export interface AppointmentView {
  id: number;
  clientId: number;
  clientName: string;
  petId: number | null;
  petName: string | null;
  service: string;
  startsAt: number;
  endsAt: number;
  /** Wall time in the business's zone, as a datetime-local input shows it: "2026-03-08T09:30". */
  startsAtLocal: string;
  endsAtLocal: string;
  status: AppointmentStatus;
  /** The number texts go to, with its consent; null when the client has none. */
  texting: { e164: string; display: string; consent: ConsentState } | null;
  texts: AppointmentText[];
  createdAt: number;
  checkedInAt: number | null;
  checkedOutAt: number | null;
  cancelledAt: number | null;
}

export interface AppointmentList {
  /** The business's zone: every time above is shown in it. */
  timeZone: string;
  /** The desk's clock, so "today" on screen is the desk's today. */
  now: number;
  appointments: AppointmentView[];
}

export interface AutomationTemplate {
  text: string;
  isDefault: boolean;
  defaultText: string;
}

export interface AutomationRules {
  enabled: { confirmation: boolean; reminder: boolean; thankYou: boolean };
  reminderLeadHours: number;
  /** A thank-you not sent within this many days of check-out (e.g. the client opted in late) expires. */
  thankYouExpiryDays: number;
  timeZone: string;
  sendingHoursStart: string;
  sendingHoursEnd: string;
  businessName: string;
  templates: Record<Automation, AutomationTemplate>;
}

/**
 * A date and time: epoch milliseconds, an ISO string with a zone ("2026-03-08T14:30:00Z"), or an ISO string
 * without one ("2026-03-08T09:30"), read as wall time in the business's time zone.
 */
const dateTime = (label: string) =>
  z.union([z.number().int().min(0), z.string().max(40)], {
    error: `${label} must be a date and time, like 2026-03-08T09:30`,
  });

const id = z.number().int().positive();
const service = z
  .string({ error: 'Service is required' })
  .max(80, 'Service is longer than 80 characters')
  .refine((text) => text.trim().length > 0, 'Service cannot be blank');

const hourOfDay = (label: string) =>
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${label} must be a time of day like 09:00`);

const template = z.string().max(1_000, 'A template is at most 1,000 characters').nullable();

export const appointmentsApi = {
  'appointments.list': method<AppointmentList>()(
    z.object({
      /** Appointments still running at or after this time; default: the start of today. */
      from: dateTime('From').optional(),
      /** Appointments starting before this time; default: no end. */
      to: dateTime('To').optional(),
      clientId: id.optional(),
      includeCancelled: z.boolean().default(true),
      limit: z.number().int().min(1).max(2_000).default(500),
    }),
  ),
  'appointments.get': method<AppointmentView>()(z.object({ appointmentId: id })),
  'appointments.create': method<AppointmentView>()(
    z.object({
      clientId: id,
      petId: id,
      service,
      startsAt: dateTime('Start'),
      endsAt: dateTime('End'),
    }),
  ),
  /** Changes what is given; a new start, pet or service replaces the texts not yet sent. */
  'appointments.update': method<AppointmentView>()(
    z.object({
      appointmentId: id,
      petId: id.optional(),
      service: service.optional(),
      startsAt: dateTime('Start').optional(),
      endsAt: dateTime('End').optional(),
    }),
  ),
  'appointments.cancel': method<AppointmentView>()(z.object({ appointmentId: id })),
  'appointments.checkIn': method<AppointmentView>()(z.object({ appointmentId: id })),
  'appointments.checkOut': method<AppointmentView>()(z.object({ appointmentId: id })),
  'automation.getRules': method<AutomationRules>()(z.object({})),
  /** Saves what is given. A template set to null or blank goes back to the default. */
  'automation.saveRules': method<AutomationRules>()(
    z.object({
      enabled: z
        .object({ confirmation: z.boolean(), reminder: z.boolean(), thankYou: z.boolean() })
        .partial()
        .optional(),
      reminderLeadHours: z
        .number({ error: 'Reminder lead time must be a number of hours' })
        .min(1, 'Reminder lead time is at least 1 hour')
        .max(24 * 14, 'Reminder lead time is at most 336 hours (14 days)')
        .optional(),
      /** "HH:MM" in the business's time zone; closing must differ from opening (before it: past midnight). */
      sendingHoursStart: hourOfDay('Sending hours start').optional(),
      sendingHoursEnd: hourOfDay('Sending hours end').optional(),
      templates: z
        .object({ confirmation: template, reminder: template, thank_you: template })
        .partial()
        .optional(),
    }),
  ),
};
