import type { MessageView } from '../../shared/api/messages';
import type { Db } from '../db/open';

interface MessageRow {
  id: number;
  direction: MessageView['direction'];
  kind: MessageView['kind'];
  status: MessageView['status'];
  e164: string;
  body: string;
  client_id: number | null;
  automation: MessageView['automation'];
  appointment_id: number | null;
  staff_name: string | null;
  classification: MessageView['classification'];
  status_reason: string | null;
  error_code: string | null;
  error_reason: string | null;
  created_at: number;
  sent_at: number | null;
  expires_at: number | null;
  read_at: number | null;
}

const COLUMNS = `id, direction, kind, status, e164, body, client_id, automation, appointment_id, staff_name,
  classification, status_reason, error_code, error_reason, created_at, sent_at, expires_at, read_at`;

export function toMessageView(row: MessageRow): MessageView {
  return {
    id: row.id,
    direction: row.direction,
    kind: row.kind,
    status: row.status,
    e164: row.e164,
    body: row.body,
    clientId: row.client_id,
    automation: row.automation,
    appointmentId: row.appointment_id,
    staffName: row.staff_name,
    classification: row.classification,
    // A failed text shows the carrier's reason in plain words.
    statusReason: row.status === 'failed' ? (row.error_reason ?? row.status_reason) : row.status_reason,
    errorCode: row.error_code,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    expiresAt: row.expires_at,
    readAt: row.read_at,
  };
}

export function getMessageView(db: Db, messageId: number): MessageView | null {
  const row = db.prepare(`SELECT ${COLUMNS} FROM messages WHERE id = ?`).get(messageId) as
    MessageRow | undefined;
  return row ? toMessageView(row) : null;
}

/** Every text in and out for the client's numbers (a household's shared number shows the whole thread). */
export function threadForClient(db: Db, clientId: number): MessageView[] {
  const rows = db
    .prepare(
      `SELECT ${COLUMNS} FROM messages
       WHERE client_id = @clientId OR e164 IN (SELECT e164 FROM phones WHERE client_id = @clientId)
       ORDER BY created_at, id`,
    )
    .all({ clientId }) as MessageRow[];
  return rows.map(toMessageView);
}

export function messagesFrom(db: Db, e164: string): MessageView[] {
  const rows = db
    .prepare(`SELECT ${COLUMNS} FROM messages WHERE e164 = ? ORDER BY created_at, id`)
    .all(e164) as MessageRow[];
  return rows.map(toMessageView);
}
