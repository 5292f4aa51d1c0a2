/** Held texts: listing, cancelling, releasing and expiring them. Works from the local database alone. */
import type { HeldItem, MessageView } from '../../shared/api/messages';
import type { Automation, ConsentState } from '../../shared/domain';
import { DeskError } from '../../shared/errors';
import { formatPhone } from '../../shared/phone';
import type { Db } from '../db/open';
import { currentConsent } from './ledger';
import { getMessageView } from './message-views';
import { setStatus } from './outbound-rows';
import { expiredReason } from './reasons';

interface HeldRow {
  id: number;
  client_id: number | null;
  first_name: string | null;
  last_name: string | null;
  e164: string;
  state: ConsentState | null;
  kind: HeldItem['kind'];
  automation: HeldItem['automation'];
  body: string;
  status_reason: string | null;
  created_at: number;
  expires_at: number | null;
  origin: string;
}

export function listHeld(db: Db, query: string, limit: number): HeldItem[] {
  const rows = db
    .prepare(
      `SELECT m.id, m.client_id, c.first_name, c.last_name, m.e164, s.state, m.kind, m.automation, m.body,
              m.status_reason, m.created_at, m.expires_at, m.origin
       FROM messages m
       LEFT JOIN clients c ON c.id = m.client_id
       LEFT JOIN consents s ON s.e164 = m.e164
       WHERE m.status = 'held'
         AND (@query = '' OR instr(lower(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '') || ' ' ||
              m.e164 || ' ' || m.body), lower(@query)) > 0)
       ORDER BY m.created_at, m.id
       LIMIT @limit`,
    )
    .all({ query: query.trim(), limit }) as HeldRow[];
  return rows.map((row) => {
    const consent = row.state ?? 'unknown';
    return {
      messageId: row.id,
      clientId: row.client_id,
      clientName: row.first_name === null ? null : `${row.first_name} ${row.last_name ?? ''}`.trim(),
      e164: row.e164,
      display: formatPhone(row.e164),
      consent,
      kind: row.kind,
      automation: row.automation,
      body: row.body,
      reason: row.status_reason ?? 'Waiting for the client to opt in',
      since: row.created_at,
      expiresAt: row.expires_at,
      canRelease: consent === 'opted_in',
    };
  });
}

export function cancelHeld(db: Db, messageId: number, staffName: string | null, now: number): MessageView {
  return db.transaction(() => {
    const row = db
      .prepare("SELECT status FROM messages WHERE id = ? AND direction = 'outbound'")
      .get(messageId) as { status: string } | undefined;
    if (!row) throw new DeskError('not_found', `No outbound text with id ${messageId}.`, 'messageId');
    if (row.status !== 'held' && row.status !== 'queued') {
      throw new DeskError('conflict', `This text is ${row.status} and can no longer be cancelled.`);
    }
    setStatus(db, messageId, 'cancelled', `Cancelled by ${staffName ?? 'staff'}`, now);
    return getMessageView(db, messageId)!;
  })();
}

/** Release a held text now: only when its number is opted in (e.g. it waited for a review staff have closed). */
export function releaseOne(db: Db, messageId: number, now: number): MessageView {
  return db.transaction(() => {
    const row = db
      .prepare('SELECT status, e164, expires_at, origin, automation FROM messages WHERE id = ?')
      .get(messageId) as
      | {
          status: string;
          e164: string;
          expires_at: number | null;
          origin: string;
          automation: Automation | null;
        }
      | undefined;
    if (!row) throw new DeskError('not_found', `No text with id ${messageId}.`, 'messageId');
    if (row.status !== 'held') throw new DeskError('conflict', `This text is ${row.status}, not held.`);
    if (currentConsent(db, row.e164) !== 'opted_in') {
      throw new DeskError(
        'consent_refused',
        'This number has not opted in; the text goes out by itself when it does.',
      );
    }
    if (row.expires_at !== null && row.expires_at <= now) {
      setStatus(db, messageId, 'expired', expiredReason(row), now);
    } else {
      setStatus(db, messageId, 'queued', null, now);
    }
    return getMessageView(db, messageId)!;
  })();
}

/** Texts that lost their point: held manual texts past their expiry, automated ones whose appointment began. */
export function expireDue(db: Db, now: number): { id: number; e164: string; client_id: number | null }[] {
  return db.transaction(() => {
    const due = db
      .prepare(
        `SELECT id, e164, client_id, origin, automation FROM messages
         WHERE direction = 'outbound' AND status IN ('held', 'queued') AND expires_at IS NOT NULL AND expires_at <= ?`,
      )
      .all(now) as {
      id: number;
      e164: string;
      client_id: number | null;
      origin: string;
      automation: Automation | null;
    }[];
    for (const row of due) setStatus(db, row.id, 'expired', expiredReason(row), now);
    return due;
  })();
}
