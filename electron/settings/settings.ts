import { z } from 'zod';
import type { Db } from '../db/open';

/** Every desk setting with its default. Stored as one JSON value per key in the `settings` table. */
export const settingsSchema = z.object({
  businessName: z.string().trim().min(1).max(80).default('Happy Tails Pet Resort'),
  // Email and phone go into every HELP answer (CTIA requires a way to reach the business): never blank.
  businessEmail: z.string().trim().min(1).max(120).default('frontdesk@happytails.example'),
  businessPhone: z.string().trim().min(1).max(40).default('+1 (555) 010-2030'),
  timeZone: z.string().default('America/New_York'),
  /** Automated texts go out only inside these hours, local time, "HH:MM". */
  sendingHoursStart: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .default('09:00'),
  sendingHoursEnd: z
    .string()
    .regex(/^\d{2}:\d{2}$/)
    .default('20:00'),
  staffNames: z.array(z.string().trim().min(1).max(60)).default(['Front desk']),
  /** The business number texts are sent from (E.164). */
  sendingNumber: z.string().default('+15550100000'),
  messagesPerSecond: z.number().positive().max(50).default(1),
  heldManualExpiryHours: z
    .number()
    .positive()
    .max(24 * 30)
    .default(72),
  /** Telnyx answers STOP with its own confirmation by default; then the desk sends none (exactly one in all). */
  carrierSendsOptOutConfirmation: z.boolean().default(true),
  /** True once the HELP answer was pushed to the carrier's auto-response: the desk then does not answer twice. */
  helpAnsweredByCarrier: z.boolean().default(false),
  /** Which automated texts are on (PRODUCT.md "Automated messages"). */
  automations: z
    .object({
      confirmation: z.boolean().default(true),
      reminder: z.boolean().default(true),
      thankYou: z.boolean().default(true),
    })
    .default({ confirmation: true, reminder: true, thankYou: true }),
  /** How long before an appointment starts its reminder is due. */
  reminderLeadHours: z
    .number()
    .positive()
    .max(24 * 14)
    .default(24),
  /** Staff-edited templates by name; a name not here uses the built-in default. */
  templates: z.record(z.string(), z.string()).default({}),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export class SettingsStore {
  constructor(private readonly db: Db) {}

  get(): Settings {
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const raw: Record<string, unknown> = {};
    for (const row of rows) {
      if (row.key in settingsSchema.shape) raw[row.key] = JSON.parse(row.value);
    }
    const parsed = settingsSchema.safeParse(raw);
    // A stored value that no longer passes (an older app wrote it) falls back to the default, key by key.
    if (parsed.success) return parsed.data;
    return settingsSchema.parse(
      Object.fromEntries(
        Object.entries(raw).filter(
          ([key, value]) => settingsSchema.shape[key as SettingKey].safeParse(value).success,
        ),
      ),
    );
  }

  /** Validates and stores some settings; returns the whole set. */
  update(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.get(), ...patch });
    const upsert = this.db.prepare(
      'INSERT INTO settings (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.db.transaction(() => {
      for (const key of Object.keys(patch) as SettingKey[]) {
        upsert.run({ key, value: JSON.stringify(next[key]) });
      }
    })();
    return next;
  }
}
