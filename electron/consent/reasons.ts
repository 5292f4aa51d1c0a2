import type { Automation } from '../../shared/domain';

/** Why a text expired, in the words staff see beside it. */
export function expiredReason(text: { origin: string; automation: Automation | null }): string {
  if (text.automation === 'thank_you') return 'Expired: too long after check-out to still send a thank-you';
  return text.origin === 'automation'
    ? 'Expired: its appointment had already begun'
    : 'Expired: the client did not opt in in time';
}
