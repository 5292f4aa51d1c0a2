import { z } from 'zod';
import { method } from './define';

/** The carrier settings as the settings screen shows them: never the API key itself. */
export interface CarrierSettings {
  /** `demo` while no Telnyx credentials are saved: the app then runs on its built-in demo carrier. */
  mode: 'demo' | 'telnyx';
  messagingProfileId: string | null;
  /** The business number texts go out from. */
  sendingNumber: string;
  /** The saved API key's last four characters, e.g. "…a1b2"; null when none is saved. */
  apiKeyLast4: string | null;
  /** Whether this desk can change its carrier here (false when the host gave it a fixed carrier). */
  canChange: boolean;
}

export type ConnectionProblem = 'key_rejected' | 'unreachable' | 'busy' | 'refused';

export interface ConnectionCheck {
  ok: boolean;
  mode: 'demo' | 'telnyx';
  /** What went wrong, for the UI to pick an icon; null when all is well. */
  problem: ConnectionProblem | null;
  /** Plain words for the person at the desk. */
  message: string;
}

export const carrierSettingsInput = z.object({
  /** Blank keeps the key already saved, since the screen never has it to send back. */
  apiKey: z
    .string()
    .trim()
    .max(200, 'API key is longer than 200 characters')
    .refine(
      (value) => !/\s/.test(value),
      'API key cannot contain spaces; paste it exactly as Telnyx shows it',
    )
    .default(''),
  messagingProfileId: z
    .string({ error: 'Messaging profile ID is required' })
    .trim()
    .regex(
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
      'Messaging profile ID must look like 4000eba1-a0c0-4563-9925-b25e842a7cb6 (copy it from the Telnyx portal)',
    ),
  /** As typed; the core normalises it to E.164 or refuses it with the reason. */
  sendingNumber: z
    .string({ error: 'Sending number is required' })
    .max(40, 'Sending number is longer than 40 characters'),
});

export const carrierApi = {
  'carrier.getSettings': method<CarrierSettings>()(z.object({}).strict()),
  'carrier.saveSettings': method<CarrierSettings>()(carrierSettingsInput),
  /** Forgets the Telnyx credentials: the desk goes back to the demo carrier. */
  'carrier.clearSettings': method<CarrierSettings>()(z.object({}).strict()),
  'carrier.testConnection': method<ConnectionCheck>()(z.object({}).strict()),
  /** Demo carrier only: a text arrives as if the client with this number had sent it. */
  'demo.simulateReply': method<{ carrierId: string }>()(
    z.object({
      e164: z
        .string({ error: 'Phone number is required' })
        .max(40, 'Phone number is longer than 40 characters'),
      text: z
        .string({ error: 'Reply text is required' })
        .max(1600, 'Reply text is longer than 1600 characters')
        .refine((value) => value.trim().length > 0, 'Reply text cannot be blank'),
    }),
  ),
};
