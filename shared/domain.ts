/** Domain words of PRODUCT.md, shared by the core and the renderer. */

export const CONSENT_STATES = ['unknown', 'pending', 'opted_in', 'opted_out'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

export const CONSENT_SOURCES = ['reply', 'staff', 'carrier', 'import', 'automation'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

export const MESSAGE_KINDS = [
  'manual',
  'automated',
  'opt_in_request',
  'opt_in_confirmation',
  'opt_out_confirmation',
  'help_reply',
  'inbound',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_STATUSES = [
  'held',
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'blocked',
  'cancelled',
  'expired',
  'received',
] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export const MESSAGE_ORIGINS = ['staff', 'automation', 'system', 'client'] as const;
export type MessageOrigin = (typeof MESSAGE_ORIGINS)[number];

export const AUTOMATIONS = ['confirmation', 'reminder', 'thank_you'] as const;
export type Automation = (typeof AUTOMATIONS)[number];

export const REPLY_KINDS = ['opt_out', 'opt_in', 'help', 'possible_opt_out', 'message'] as const;
export type ReplyKind = (typeof REPLY_KINDS)[number];

/** The words a tag shows; text as well as colour, so the state never rests on colour alone. */
export const CONSENT_LABELS: Record<ConsentState, string> = {
  opted_in: 'Opted in',
  opted_out: 'Opted out',
  pending: 'Pending',
  unknown: 'Not asked',
};
