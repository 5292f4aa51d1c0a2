/**
 * Applies the consent machine's effects to the database, in order, inside the caller's transaction. The
 * machine decides; this only writes. Returns the ids of texts it queued, so callers can report them.
 */
import type { Db } from '../db/open';
import { hasOpenReview } from './facts';
import { appendConsentEvent, currentConsent } from './ledger';
import { WAIT_FOR_REVIEW, type ConsentEffect, type SystemTextKind } from './machine';
import { insertOutbound, setStatus, unsentTo } from './outbound-rows';
import { expiredReason } from './reasons';

export interface EffectTarget {
  e164: string;
  clientId: number | null;
  /** The message the change came with (the client's reply, or the text that prompted a request). */
  messageId: number | null;
  origin: 'staff' | 'automation' | 'system';
  staffName: string | null;
  now: number;
}

export interface EffectWriters {
  systemText(kind: SystemTextKind, clientId: number | null): string;
  businessNumber(): string;
}

export function applyEffects(
  db: Db,
  writers: EffectWriters,
  target: EffectTarget,
  effects: readonly ConsentEffect[],
): { queued: Partial<Record<SystemTextKind, number>> } {
  const queued: Partial<Record<SystemTextKind, number>> = {};
  const { e164, now } = target;
  const queueText = (kind: SystemTextKind) =>
    insertOutbound(db, {
      kind,
      status: 'queued',
      e164,
      businessNumber: writers.businessNumber(),
      body: writers.systemText(kind, target.clientId),
      clientId: target.clientId,
      origin: kind === 'opt_in_request' && target.origin !== 'system' ? target.origin : 'system',
      staffName: target.staffName,
      at: now,
    });
  // An opt-in request is written first so the ledger row it causes can name it as "the message it came with".
  if (effects.some((effect) => effect.type === 'queue_text' && effect.kind === 'opt_in_request')) {
    queued.opt_in_request = queueText('opt_in_request');
  }
  for (const effect of effects) {
    switch (effect.type) {
      case 'record_consent':
        appendConsentEvent(db, {
          e164,
          to: effect.to,
          source: effect.source,
          reason: effect.reason,
          messageId: target.messageId ?? queued.opt_in_request ?? null,
          staffName: effect.staffName,
          at: now,
        });
        break;
      case 'cancel_unsent':
        for (const row of unsentTo(db, e164)) setStatus(db, row.id, 'cancelled', effect.reason, now);
        break;
      case 'queue_text':
        if (effect.kind !== 'opt_in_request') queued[effect.kind] = queueText(effect.kind);
        break;
      case 'release_held':
        releaseHeld(db, e164, now);
        break;
      case 'open_review':
        if (target.messageId !== null) {
          db.prepare('INSERT INTO review_items (e164, message_id, created_at) VALUES (?, ?, ?)').run(
            e164,
            target.messageId,
            now,
          );
        }
        // Automated texts wait for the decision; an opt-in request already on its way is not held back.
        for (const row of unsentTo(db, e164)) {
          if (row.kind === 'automated') setStatus(db, row.id, 'held', WAIT_FOR_REVIEW, now);
        }
        break;
      case 'close_reviews':
        db.prepare(
          'UPDATE review_items SET decided_at = ?, decision = ?, staff_name = ? WHERE e164 = ? AND decided_at IS NULL',
        ).run(now, effect.decision, target.staffName, e164);
        break;
      case 'notify_staff':
        // The reply is stored unread; the UI's unread count and thread are the signal.
        break;
    }
  }
  return { queued };
}

/** Held texts go out in the order they were written once the number may receive them; expired ones never. */
export function releaseHeld(db: Db, e164: string, now: number): void {
  if (currentConsent(db, e164) !== 'opted_in') return;
  const reviewOpen = hasOpenReview(db, e164);
  for (const row of unsentTo(db, e164)) {
    if (row.status !== 'held') continue;
    if (row.expires_at !== null && row.expires_at <= now) {
      setStatus(db, row.id, 'expired', expiredReason(row), now);
    } else if (row.kind === 'automated' && reviewOpen) {
      setStatus(db, row.id, 'held', WAIT_FOR_REVIEW, now);
    } else {
      setStatus(db, row.id, 'queued', null, now);
    }
  }
}
