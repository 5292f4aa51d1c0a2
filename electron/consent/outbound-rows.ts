import type { Automation, MessageKind, MessageOrigin, MessageStatus } from '../../shared/domain';
import type { Db } from '../db/open';

export interface NewOutbound {
  kind: Exclude<MessageKind, 'inbound'>;
  status: Extract<MessageStatus, 'held' | 'queued' | 'blocked'>;
  e164: string;
  businessNumber: string;
  body: string;
  clientId: number | null;
  origin: MessageOrigin;
  staffName?: string | null;
  appointmentId?: number | null;
  automation?: Automation | null;
  statusReason?: string | null;
  notBefore?: number | null;
  expiresAt?: number | null;
  at: number;
}

/** Inserts one outbound message row. Only the outbox ever moves it past `queued`. */
export function insertOutbound(db: Db, message: NewOutbound): number {
  const result = db
    .prepare(
      `INSERT INTO messages (direction, kind, status, e164, business_number, body, client_id, appointment_id, automation,
         origin, staff_name, status_reason, next_attempt_at, not_before, expires_at, created_at, updated_at)
       VALUES ('outbound', @kind, @status, @e164, @businessNumber, @body, @clientId, @appointmentId, @automation,
         @origin, @staffName, @statusReason, @nextAttemptAt, @notBefore, @expiresAt, @at, @at)`,
    )
    .run({
      kind: message.kind,
      status: message.status,
      e164: message.e164,
      businessNumber: message.businessNumber,
      body: message.body,
      clientId: message.clientId,
      appointmentId: message.appointmentId ?? null,
      automation: message.automation ?? null,
      origin: message.origin,
      staffName: message.staffName ?? null,
      statusReason: message.statusReason ?? null,
      nextAttemptAt: message.status === 'queued' ? message.at : null,
      notBefore: message.notBefore ?? null,
      expiresAt: message.expiresAt ?? null,
      at: message.at,
    });
  return Number(result.lastInsertRowid);
}

export function setStatus(
  db: Db,
  messageId: number,
  status: MessageStatus,
  reason: string | null,
  at: number,
): void {
  db.prepare(
    `UPDATE messages SET status = @status, status_reason = @reason, updated_at = @at,
       next_attempt_at = CASE WHEN @status = 'queued' THEN max(@at, coalesce(not_before, 0)) ELSE next_attempt_at END
     WHERE id = @messageId`,
  ).run({ messageId, status, reason, at });
}

export interface OutboundRow {
  id: number;
  kind: MessageKind;
  status: MessageStatus;
  e164: string;
  client_id: number | null;
  origin: MessageOrigin;
  automation: Automation | null;
  expires_at: number | null;
  created_at: number;
  status_reason: string | null;
}

/** Texts still waiting to go to a number (held for consent or review, or queued), oldest first. */
export function unsentTo(db: Db, e164: string): OutboundRow[] {
  return db
    .prepare(
      `SELECT id, kind, status, e164, client_id, origin, automation, expires_at, created_at, status_reason FROM messages
       WHERE e164 = ? AND direction = 'outbound' AND status IN ('held', 'queued') ORDER BY created_at, id`,
    )
    .all(e164) as OutboundRow[];
}

export const REVIEW_WAIT = 'Waiting: staff must review a reply that may be an opt-out';
