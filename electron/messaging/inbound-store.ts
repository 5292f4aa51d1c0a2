/** Stores inbound texts. `carrier_id` is UNIQUE, so a record seen by two overlapping polls is stored once. */
import type { Db } from '../db/open';

export interface InboundText {
  carrierId: string;
  from: string;
  to: string;
  text: string;
  createdAt: number;
  /** Set when the carrier listed the message but would not give its text. */
  problem?: string;
}

export class InboundStore {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      stored: db.prepare('SELECT 1 FROM messages WHERE carrier_id = ?'),
      insert: db.prepare(
        `INSERT INTO messages (direction, kind, status, e164, business_number, body, client_id, origin, carrier_id,
           status_reason, created_at, updated_at)
         VALUES ('inbound', 'inbound', 'received', @e164, @businessNumber, @body, @clientId, 'client', @carrierId,
           @statusReason, @createdAt, @now)
         ON CONFLICT (carrier_id) DO NOTHING`,
      ),
      // A number shared by a household belongs to several clients. The reply most likely answers the client the
      // desk last texted on that number, so it goes to that client's thread; failing that, to the client whose
      // texting number it is, then the longest-standing client. Not "nobody": that would show a known
      // household's reply as an unknown sender. Consent is per number, so this choice never affects consent.
      client: db.prepare(
        `SELECT p.client_id AS clientId FROM phones p
         LEFT JOIN (
           SELECT client_id, max(id) AS last_id FROM messages
           WHERE e164 = @e164 AND direction = 'outbound' AND client_id IS NOT NULL GROUP BY client_id
         ) m ON m.client_id = p.client_id
         WHERE p.e164 = @e164
         ORDER BY m.last_id IS NULL, m.last_id DESC, p.is_texting DESC, p.client_id
         LIMIT 1`,
      ),
    };
  }

  isStored(carrierId: string): boolean {
    return this.statements.stored.get(carrierId) !== undefined;
  }

  /** The client a text from this number belongs to; null for an unknown sender. */
  clientFor(e164: string): number | null {
    const row = this.statements.client.get({ e164 }) as { clientId: number } | undefined;
    return row?.clientId ?? null;
  }

  /** Stores the text; returns its id, or null when it was already stored. Call inside a transaction. */
  insert(text: InboundText, now: number): { id: number; clientId: number | null } | null {
    const clientId = this.clientFor(text.from);
    const result = this.statements.insert.run({
      e164: text.from,
      businessNumber: text.to,
      body: text.text,
      clientId,
      carrierId: text.carrierId,
      statusReason: text.problem ?? null,
      createdAt: text.createdAt,
      now,
    });
    if (result.changes === 0) return null;
    return { id: Number(result.lastInsertRowid), clientId };
  }
}
