/**
 * Demo data for a first start: realistic clients from resources/demo-clients.json, a few households sharing a
 * number, and consent states recorded in the ledger as an import, so a new user can try every tag at once.
 */
import { z } from 'zod';
import demoFile from '../../resources/demo-clients.json';
import { clientInput } from '../../shared/api/clients';
import { CONSENT_STATES } from '../../shared/domain';
import { DeskError } from '../../shared/errors';
import { parsePhone } from '../../shared/phone';
import { insertClient, countClients } from '../clients/repository';
import { prepareClient } from '../clients/validate';
import { appendConsentEvent, currentConsent } from '../consent/ledger';
import type { DeskContext } from '../desk';

export const demoDataSchema = z.object({
  clients: z.array(clientInput).min(1),
  consents: z.array(
    z.object({
      number: z.string(),
      state: z.enum(CONSENT_STATES).exclude(['unknown']),
      reason: z.string().min(1),
    }),
  ),
});

/**
 * Seeds the demo clients, all in one transaction, unless the database already has a client (then it does
 * nothing: demo data must never mix with a business's real clients). Returns how many clients were added.
 */
export function seedDemoData(context: Pick<DeskContext, 'db' | 'clock'>, data: unknown = demoFile): number {
  const demo = demoDataSchema.parse(data);
  const { db } = context;
  return db.transaction(() => {
    if (countClients(db) > 0) return 0;
    const now = context.clock.now();
    for (const client of demo.clients) insertClient(db, prepareClient(client), now);
    for (const [index, consent] of demo.consents.entries()) {
      const parsed = parsePhone(consent.number);
      if (!parsed.ok) throw new DeskError('invalid_input', parsed.reason, `consents.${index}.number`);
      if (currentConsent(db, parsed.e164) === consent.state) continue;
      appendConsentEvent(db, {
        e164: parsed.e164,
        to: consent.state,
        source: 'import',
        reason: consent.reason,
        at: now,
      });
    }
    return demo.clients.length;
  })();
}
