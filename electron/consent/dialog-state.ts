import type { SmsDialogState } from '../../shared/api/messages';
import { formatPhone } from '../../shared/phone';
import type { Db } from '../db/open';
import { lastRequestAt, numberFacts } from './facts';
import { decideOptInRequest } from './machine';

export const TEN_DLC_NOTICE =
  'US carriers (10DLC rules) only deliver business texts to people who agreed to receive them. ' +
  'A client who has not opted in first gets an opt-in request; anything else you write waits until they reply YES, ' +
  'and a client who replied STOP gets nothing at all.';

export function smsDialogState(db: Db, e164: string, now: number): SmsDialogState {
  const { state: consent, requests } = numberFacts(db, e164);
  // The same question the service asks when staff press the button, so the dialog never offers a refused request.
  const decision = decideOptInRequest(consent, requests, now, { origin: 'staff' });
  const last = db
    .prepare('SELECT source FROM consent_events WHERE e164 = ? ORDER BY id DESC LIMIT 1')
    .get(e164) as { source: string } | undefined;
  const held = db
    .prepare("SELECT count(*) AS n FROM messages WHERE e164 = ? AND status = 'held'")
    .get(e164) as { n: number };
  return {
    e164,
    display: formatPhone(e164),
    consent,
    notice: TEN_DLC_NOTICE,
    lastRequestAt: lastRequestAt(requests),
    request: decision.allowed ? { allowed: true } : { allowed: false, reason: decision.reason },
    carrierBlocked: consent === 'opted_out' && last?.source === 'carrier',
    heldCount: held.n,
  };
}
