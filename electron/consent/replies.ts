/**
 * What a client's reply does (PRODUCT.md "Replies from clients"). Runs inside the sync poller's page
 * transaction, so storing the reply, changing consent and queueing the answer commit together.
 */
import { classifyReply } from '../../shared/keywords';
import type { Db } from '../db/open';
import { appendConsentEvent, currentConsent } from './ledger';
import { insertOutbound, REVIEW_WAIT, setStatus, unsentTo } from './outbound-rows';
import type { ConsentService, ConsentServiceDeps } from './service';

interface InboundRow {
  id: number;
  e164: string;
  body: string;
  client_id: number | null;
}

export function applyReply(deps: ConsentServiceDeps, service: ConsentService, messageId: number): void {
  const db = deps.db;
  const message = db
    .prepare("SELECT id, e164, body, client_id FROM messages WHERE id = ? AND direction = 'inbound'")
    .get(messageId) as InboundRow | undefined;
  if (!message) return;
  const now = deps.clock.now();
  const { kind } = classifyReply(message.body);
  db.prepare('UPDATE messages SET classification = ? WHERE id = ?').run(kind, messageId);
  const system = (systemKind: 'opt_in_confirmation' | 'opt_out_confirmation' | 'help_reply') =>
    insertOutbound(db, {
      kind: systemKind,
      status: 'queued',
      e164: message.e164,
      businessNumber: deps.businessNumber(),
      body: deps.systemText(systemKind),
      clientId: message.client_id,
      origin: 'system',
      at: now,
    });

  switch (kind) {
    case 'opt_out': {
      const changed = service.applyOptOut(
        message.e164,
        { source: 'reply', reason: message.body, messageId },
        now,
      );
      // Exactly one confirmation: none when the carrier answered this very reply with its own.
      if (changed && !deps.carrierConfirmsOptOut(message.body)) system('opt_out_confirmation');
      closeOpenReviews(db, message.e164, now);
      return;
    }
    case 'opt_in': {
      if (currentConsent(db, message.e164) === 'opted_in') return;
      appendConsentEvent(db, {
        e164: message.e164,
        to: 'opted_in',
        source: 'reply',
        reason: message.body,
        messageId,
        at: now,
      });
      system('opt_in_confirmation');
      releaseHeld(db, message.e164, now);
      return;
    }
    case 'help':
      if (!deps.carrierAnswersHelp()) system('help_reply');
      return;
    case 'possible_opt_out':
      db.prepare('INSERT INTO review_items (e164, message_id, created_at) VALUES (?, ?, ?)').run(
        message.e164,
        messageId,
        now,
      );
      holdAutomatedForReview(db, message.e164, now);
      return;
    case 'message':
      return;
  }
}

/** On opt-in: held texts go out in the order they were written; expired ones are marked so, never sent. */
export function releaseHeld(db: Db, e164: string, now: number): void {
  const reviewOpen =
    db.prepare('SELECT 1 FROM review_items WHERE e164 = ? AND decided_at IS NULL LIMIT 1').get(e164) !==
    undefined;
  for (const row of unsentTo(db, e164)) {
    if (row.status !== 'held') continue;
    if (row.expires_at !== null && row.expires_at <= now) {
      setStatus(db, row.id, 'expired', expiredReason(row.origin), now);
    } else if (row.kind === 'automated' && reviewOpen) {
      setStatus(db, row.id, 'held', REVIEW_WAIT, now);
    } else {
      setStatus(db, row.id, 'queued', null, now);
    }
  }
}

function holdAutomatedForReview(db: Db, e164: string, now: number): void {
  for (const row of unsentTo(db, e164)) {
    // Only the automated texts wait for the review; an opt-in request that was sent with one is not held back.
    if (row.kind === 'automated') setStatus(db, row.id, 'held', REVIEW_WAIT, now);
  }
}

function closeOpenReviews(db: Db, e164: string, now: number): void {
  db.prepare(
    "UPDATE review_items SET decided_at = ?, decision = 'opt_out', staff_name = NULL WHERE e164 = ? AND decided_at IS NULL",
  ).run(now, e164);
}

export function expiredReason(origin: string): string {
  return origin === 'automation'
    ? 'Expired: its appointment had already begun'
    : 'Expired: the client did not opt in in time';
}
