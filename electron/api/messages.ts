import { DeskError } from '../../shared/errors';
import { formatPhone } from '../../shared/phone';
import { smsDialogState } from '../consent/dialog-state';
import { cancelHeld, listHeld, releaseOne } from '../consent/held';
import { writeLedgerExport } from '../consent/ledger-export';
import { messagesFrom, threadForClient } from '../consent/message-views';
import { listOpenReviews, openReviewCount } from '../consent/review';
import type { DeskContext } from '../desk';
import type { Handlers } from './dispatch';

type MessageMethods =
  | 'sms.dialogState'
  | 'sms.thread'
  | 'sms.send'
  | 'sms.markRead'
  | 'sms.markNumberRead'
  | 'sms.unread'
  | 'sms.unknownSenders'
  | 'consent.requestOptIn'
  | 'consent.staffReRequest'
  | 'consent.ledger'
  | 'consent.exportLedger'
  | 'held.list'
  | 'held.cancel'
  | 'held.release'
  | 'review.list'
  | 'review.decide';

export function messageHandlers(context: DeskContext): Pick<Handlers, MessageMethods> {
  const { db, clock, consent } = context;
  const changed = (e164: string, clientId: number | null, messageId = 0) =>
    context.events.emit('message.changed', { messageId, clientId, e164 });

  return {
    'sms.dialogState': ({ e164 }) => smsDialogState(db, e164, clock.now()),
    'sms.thread': ({ clientId }) => threadForClient(db, clientId),
    'sms.send': ({ clientId, e164, body, holdUntilOptIn }, call) => {
      assertClientNumber(context, clientId, e164);
      return consent.sendStaffText({
        e164,
        clientId,
        body,
        holdUntilOptIn,
        staffName: call.staffName ?? null,
      });
    },
    'sms.markRead': ({ clientId }) => {
      const result = db
        .prepare(
          `UPDATE messages SET read_at = @now WHERE direction = 'inbound' AND read_at IS NULL
           AND (client_id = @clientId OR e164 IN (SELECT e164 FROM phones WHERE client_id = @clientId))`,
        )
        .run({ now: clock.now(), clientId });
      if (result.changes > 0) changed('', clientId);
      return { marked: result.changes };
    },
    'sms.markNumberRead': ({ e164 }) => {
      const result = db
        .prepare(
          `UPDATE messages SET read_at = @now WHERE direction = 'inbound' AND read_at IS NULL AND e164 = @e164
           AND e164 NOT IN (SELECT e164 FROM phones)`,
        )
        .run({ now: clock.now(), e164 });
      if (result.changes > 0) changed(e164, null);
      return { marked: result.changes };
    },
    'sms.unread': () => {
      const rows = db
        .prepare(
          `SELECT p.client_id AS clientId, count(DISTINCT m.id) AS count FROM messages m
           JOIN phones p ON p.e164 = m.e164
           WHERE m.direction = 'inbound' AND m.read_at IS NULL GROUP BY p.client_id`,
        )
        .all() as { clientId: number; count: number }[];
      const total = (
        db
          .prepare("SELECT count(*) AS n FROM messages WHERE direction = 'inbound' AND read_at IS NULL")
          .get() as {
          n: number;
        }
      ).n;
      return { total, byClient: rows };
    },
    'sms.unknownSenders': () => {
      const numbers = db
        .prepare(
          `SELECT DISTINCT e164 FROM messages WHERE direction = 'inbound'
           AND e164 NOT IN (SELECT e164 FROM phones) ORDER BY e164`,
        )
        .all() as { e164: string }[];
      return numbers.map(({ e164 }) => ({
        e164,
        display: formatPhone(e164),
        messages: messagesFrom(db, e164),
      }));
    },
    'consent.requestOptIn': ({ clientId, e164 }, call) => {
      assertClientNumber(context, clientId, e164);
      return consent.requestOptIn(e164, clientId, call.staffName ?? null);
    },
    'consent.staffReRequest': ({ clientId, e164, reason }, call) => {
      assertClientNumber(context, clientId, e164);
      return consent.staffReRequest(e164, clientId, call.staffName ?? null, reason);
    },
    'consent.ledger': ({ e164 }) =>
      (
        db
          .prepare(
            `SELECT id, e164, from_state AS fromState, to_state AS toState, source, reason, message_id AS messageId,
                    staff_name AS staffName, at FROM consent_events WHERE e164 = ? ORDER BY id`,
          )
          .all(e164) as never[]
      ).slice(),
    'consent.exportLedger': () =>
      writeLedgerExport(db, context.dataDir, context.settings.get().timeZone, clock.now()),
    'held.list': ({ query, limit }) => listHeld(db, query, limit),
    'held.cancel': ({ messageId }, call) => {
      const view = cancelHeld(db, messageId, call.staffName ?? null, clock.now());
      changed(view.e164, view.clientId, view.id);
      return view;
    },
    'held.release': ({ messageId }) => {
      const view = releaseOne(db, messageId, clock.now());
      changed(view.e164, view.clientId, view.id);
      context.wakeOutbox();
      return view;
    },
    'review.list': () => listOpenReviews(db),
    'review.decide': ({ id, decision }, call) => {
      const result = consent.decideReview(id, decision, call.staffName ?? null);
      context.events.emit('review.changed', { openCount: openReviewCount(db) });
      context.events.emit('consent.changed', { e164: result.e164, state: result.consent });
      changed(result.e164, null);
      context.wakeOutbox();
      return { consent: result.consent };
    },
  };
}

/** Staff may text only a number on the client's card; this stops a typo'd id from texting a stranger. */
function assertClientNumber(context: DeskContext, clientId: number, e164: string): void {
  const row = context.db.prepare('SELECT 1 FROM phones WHERE client_id = ? AND e164 = ?').get(clientId, e164);
  if (!row)
    throw new DeskError('not_found', `${formatPhone(e164)} is not one of this client's numbers.`, 'e164');
}
