import type { MessageView } from '../../../../shared/api/messages';
import type { MessageKind, MessageStatus } from '../../../../shared/domain';

export type StatusTone = 'progress' | 'done' | 'waiting' | 'stopped' | 'failed' | 'neutral';

/** Each status as a word a receptionist reads at a glance, and its tone (the colour follows the meaning). */
export const STATUS_WORDS: Record<MessageStatus, { label: string; tone: StatusTone }> = {
  queued: { label: 'Queued', tone: 'progress' },
  sending: { label: 'Sending', tone: 'progress' },
  sent: { label: 'Sent', tone: 'progress' },
  delivered: { label: 'Delivered', tone: 'done' },
  failed: { label: 'Failed', tone: 'failed' },
  held: { label: 'Held', tone: 'waiting' },
  cancelled: { label: 'Cancelled', tone: 'stopped' },
  expired: { label: 'Expired', tone: 'stopped' },
  blocked: { label: 'Blocked', tone: 'failed' },
  received: { label: 'Received', tone: 'neutral' },
};

/** The app's own texts are named, so staff can tell them from what a person wrote. */
export const KIND_WORDS: Record<MessageKind, string | null> = {
  manual: null,
  inbound: null,
  automated: 'Automated',
  opt_in_request: 'Opt-in request',
  opt_in_confirmation: 'Opt-in confirmation',
  opt_out_confirmation: 'Opt-out confirmation',
  help_reply: 'Help reply',
};

const AUTOMATION_WORDS: Record<NonNullable<MessageView['automation']>, string> = {
  confirmation: 'Booking confirmation',
  reminder: 'Reminder',
  thank_you: 'Thank-you',
};

export function kindLabel(message: Pick<MessageView, 'kind' | 'automation'>): string | null {
  if (message.kind === 'automated' && message.automation) return AUTOMATION_WORDS[message.automation];
  return KIND_WORDS[message.kind];
}

/** Why a text stopped or waits, in plain words; a failure without the carrier's words still says something. */
export function statusReason(message: MessageView): string | null {
  if (message.statusReason) return message.statusReason;
  if (message.status === 'failed') {
    return message.errorCode
      ? `The carrier could not deliver it (error ${message.errorCode}).`
      : 'The carrier could not deliver it.';
  }
  if (message.status === 'held') return 'Waiting for the client to opt in';
  return null;
}

/** What a client's reply did, when it was a keyword. */
export function classificationNote(message: MessageView): string | null {
  if (message.direction !== 'inbound') return null;
  switch (message.classification) {
    case 'opt_out':
      return 'Opt-out reply: nothing more is sent to this number';
    case 'opt_in':
      return 'Opt-in reply: held texts go out';
    case 'help':
      return 'Help request: answered with the business details and STOP instructions';
    case 'possible_opt_out':
      return 'May mean stop: waiting for a decision on the Review screen';
    default:
      return null;
  }
}
