import { z } from 'zod';
import type { SegmentCount } from '../segments';
import { method } from './define';

/** The desk settings staff see and edit (carrier credentials live in the carrier API). */
export interface DeskSettings {
  businessName: string;
  businessEmail: string;
  businessPhone: string;
  timeZone: string;
  sendingHoursStart: string;
  sendingHoursEnd: string;
  staffNames: string[];
  heldManualExpiryHours: number;
  messagesPerSecond: number;
  /** The carrier answers STOP itself (Telnyx's default), so the desk does not confirm twice. */
  carrierSendsOptOutConfirmation: boolean;
  /** The HELP answer was pushed to the carrier's auto-response: the desk does not answer twice. */
  helpAnsweredByCarrier: boolean;
}

export interface TemplateView {
  kind: 'opt_in_request' | 'opt_in_confirmation' | 'opt_out_confirmation' | 'help_reply';
  label: string;
  text: string;
  isDefault: boolean;
  defaultText: string;
  /** Filled in with this desk's business details and counted as it will be sent. */
  preview: { text: string | null; segments: SegmentCount | null; problems: string[] };
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 09:00');
const systemKind = z.enum(['opt_in_request', 'opt_in_confirmation', 'opt_out_confirmation', 'help_reply']);
const blankRefused = (field: string, max: number) =>
  z
    .string()
    .max(max, `${field} is longer than ${max} characters`)
    .refine((value) => value.trim().length > 0, `${field} cannot be blank`);

export const settingsApi = {
  'settings.get': method<DeskSettings>()(z.object({})),
  'settings.update': method<DeskSettings>()(
    z
      .object({
        businessName: blankRefused('Business name', 80),
        businessEmail: z.email('Business email is not an email address').max(120),
        businessPhone: blankRefused('Business phone', 40),
        timeZone: z
          .string()
          .refine(isTimeZone, 'is not a time zone this computer knows (e.g. America/New_York)'),
        sendingHoursStart: hhmm,
        sendingHoursEnd: hhmm,
        staffNames: z.array(blankRefused('Staff name', 60)).min(1, 'Keep at least one staff name').max(50),
        heldManualExpiryHours: z
          .number()
          .int()
          .min(1)
          .max(24 * 30),
        messagesPerSecond: z.number().positive().max(50),
        carrierSendsOptOutConfirmation: z.boolean(),
      })
      // Start before end is checked against the stored value too, in the handler.
      .partial(),
  ),
  'templates.list': method<TemplateView[]>()(z.object({})),
  /** Saves a template of the app's own texts; null or blank goes back to the default. Refused with reasons. */
  'templates.save': method<TemplateView>()(
    z.object({
      kind: systemKind,
      text: z.string().max(1_000, 'A template is at most 1,000 characters').nullable(),
    }),
  ),
  'templates.preview': method<TemplateView['preview']>()(
    z.object({ kind: systemKind, text: z.string().max(1_000, 'A template is at most 1,000 characters') }),
  ),
  /** Pushes the HELP answer to the carrier's auto-response so HELP is answered while the desk is closed. */
  'settings.pushHelpToCarrier': method<DeskSettings>()(z.object({})),
};

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
