import { z } from 'zod';
import type {
  Automation,
  ConsentSource,
  ConsentState,
  MessageKind,
  MessageStatus,
  ReplyKind,
} from '../domain';
import { method } from './define';

export interface MessageView {
  id: number;
  direction: 'outbound' | 'inbound';
  kind: MessageKind;
  status: MessageStatus;
  e164: string;
  body: string;
  clientId: number | null;
  automation: Automation | null;
  appointmentId: number | null;
  staffName: string | null;
  classification: ReplyKind | null;
  /** Why held, blocked, cancelled, expired or failed, in plain words. */
  statusReason: string | null;
  errorCode: string | null;
  createdAt: number;
  sentAt: number | null;
  expiresAt: number | null;
  readAt: number | null;
}

/** Everything the SMS dialog needs to show for one number, decided by the core, not the UI. */
export interface SmsDialogState {
  e164: string;
  display: string;
  consent: ConsentState;
  /** The 10DLC notice: why consent is needed. */
  notice: string;
  /** When the last opt-in request went out, if ever. */
  lastRequestAt: number | null;
  /** Whether an opt-in request may be sent now, and if not, why. */
  request: { allowed: true } | { allowed: false; reason: string };
  /** True when the carrier itself still blocks the number (the client must text START). */
  carrierBlocked: boolean;
  heldCount: number;
}

export interface SendOutcome {
  messageId: number;
  status: MessageStatus;
  /** The opt-in request sent first, when one was. */
  requestMessageId: number | null;
  /** What happened, in plain words for the receptionist. */
  summary: string;
}

export interface LedgerEntry {
  id: number;
  e164: string;
  fromState: ConsentState;
  toState: ConsentState;
  source: ConsentSource;
  reason: string;
  messageId: number | null;
  staffName: string | null;
  at: number;
}

export interface HeldItem {
  messageId: number;
  clientId: number | null;
  clientName: string | null;
  e164: string;
  display: string;
  consent: ConsentState;
  kind: MessageKind;
  automation: Automation | null;
  body: string;
  /** Why it is held, in plain words. */
  reason: string;
  since: number;
  expiresAt: number | null;
  /** Release is offered only when the number is opted in and the text only waits for a person. */
  canRelease: boolean;
}

export interface ReviewItem {
  id: number;
  e164: string;
  display: string;
  clientNames: string[];
  messageId: number;
  text: string;
  receivedAt: number;
}

export interface UnknownSender {
  e164: string;
  display: string;
  messages: MessageView[];
}

const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in E.164 form, like +15551234567');
const clientId = z.number().int().positive();
const staffReason = z
  .string()
  .max(500, 'The reason is longer than 500 characters')
  .refine((text) => text.trim().length > 0, 'Say why: the consent ledger records it');

export const messagesApi = {
  'sms.dialogState': method<SmsDialogState>()(z.object({ e164 })),
  'sms.thread': method<MessageView[]>()(z.object({ clientId })),
  /** A staff text. To a number that is not opted in, `holdUntilOptIn: true` confirms "request first, hold the text". */
  'sms.send': method<SendOutcome>()(
    z.object({
      clientId,
      e164,
      body: z
        .string()
        .max(1_600, 'A text is at most 1,600 characters (10 segments)')
        .refine((text) => text.trim().length > 0, 'Type a message first'),
      holdUntilOptIn: z.boolean().default(false),
    }),
  ),
  'sms.markRead': method<{ marked: number }>()(z.object({ clientId })),
  /** Marks read the texts from a number that is on no client card (an unknown sender). */
  'sms.markNumberRead': method<{ marked: number }>()(z.object({ e164 })),
  'sms.unread': method<{ total: number; byClient: { clientId: number; count: number }[] }>()(z.object({})),
  'sms.unknownSenders': method<UnknownSender[]>()(z.object({})),
  'consent.requestOptIn': method<SendOutcome>()(z.object({ clientId, e164 })),
  /** Staff record a new opt-in request for an opted-out number; the client must have asked for it. */
  'consent.staffReRequest': method<SendOutcome>()(z.object({ clientId, e164, reason: staffReason })),
  'consent.ledger': method<LedgerEntry[]>()(z.object({ e164 })),
  'consent.exportLedger': method<{ filePath: string; rowCount: number; csv: string }>()(z.object({})),
  'held.list': method<HeldItem[]>()(
    z.object({
      query: z.string().max(200).default(''),
      limit: z.number().int().min(1).max(20_000).default(10_000),
    }),
  ),
  'held.cancel': method<MessageView>()(z.object({ messageId: z.number().int().positive() })),
  'held.release': method<MessageView>()(z.object({ messageId: z.number().int().positive() })),
  'review.list': method<ReviewItem[]>()(z.object({})),
  'review.decide': method<{ consent: ConsentState }>()(
    z.object({ id: z.number().int().positive(), decision: z.enum(['opt_out', 'not_opt_out']) }),
  ),
};
