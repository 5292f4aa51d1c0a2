/**
 * The consent service: applies PRODUCT.md's consent rules to the database, each change in one transaction
 * with its ledger row. It never sends: it queues, holds, blocks or cancels rows, and the outbox (the only
 * sender) re-checks consent when it claims them.
 */
import type { Automation, ConsentState } from '../../shared/domain';
import { DeskError } from '../../shared/errors';
import type { SendOutcome } from '../../shared/api/messages';
import type { Clock } from '../core/clock';
import type { DeskEvents } from '../core/events';
import type { Db } from '../db/open';
import type { SettingsStore } from '../settings/settings';
import { appendConsentEvent, currentConsent } from './ledger';
import { insertOutbound, REVIEW_WAIT, setStatus, unsentTo } from './outbound-rows';
import { applyReply } from './replies';
import { requestHistory, requestRefusal } from './request-limits';

export interface ConsentServiceDeps {
  db: Db;
  clock: Clock;
  events: DeskEvents;
  settings: SettingsStore;
  /** Renders the app's own texts (request, confirmations, help) from the editable templates. */
  systemText(kind: 'opt_in_request' | 'opt_in_confirmation' | 'opt_out_confirmation' | 'help_reply'): string;
  businessNumber(): string;
  /** True when the carrier answers this STOP reply with its own confirmation (Telnyx does for its keywords). */
  carrierConfirmsOptOut(replyText: string): boolean;
  /** True when the carrier's auto-response answers HELP, so the desk must not answer twice. */
  carrierAnswersHelp(): boolean;
  /** Nudges the outbox after something was queued. */
  wakeOutbox(): void;
}

export interface TextIntent {
  e164: string;
  clientId: number | null;
  body: string;
  staffName?: string | null;
  /** Staff confirmed "send the opt-in request first and hold this text" (needed for a number never asked). */
  holdUntilOptIn?: boolean;
}

export interface AutomatedIntent {
  e164: string;
  clientId: number;
  body: string;
  appointmentId: number;
  automation: Automation;
  /** Not to be sent before this time (sending hours). */
  notBefore: number;
  /** The text loses its point at this time (its appointment begins). */
  expiresAt: number | null;
}

const HOUR = 60 * 60 * 1000;

export class ConsentService {
  constructor(private readonly deps: ConsentServiceDeps) {}

  private get db(): Db {
    return this.deps.db;
  }

  /** A staff text, by the state of its number (PRODUCT.md "Sending by hand" 3–6). */
  sendStaffText(intent: TextIntent): SendOutcome {
    const outcome = this.db.transaction((): SendOutcome => {
      const now = this.deps.clock.now();
      const state = currentConsent(this.db, intent.e164);
      const base = {
        kind: 'manual' as const,
        e164: intent.e164,
        businessNumber: this.deps.businessNumber(),
        body: intent.body,
        clientId: intent.clientId,
        origin: 'staff' as const,
        staffName: intent.staffName ?? null,
        at: now,
      };
      switch (state) {
        case 'opted_out':
          throw new DeskError(
            'consent_refused',
            'This number opted out: nothing can be sent to it. Staff can record a new opt-in request only if the client asked for one.',
          );
        case 'opted_in': {
          const messageId = insertOutbound(this.db, { ...base, status: 'queued' });
          return { messageId, status: 'queued', requestMessageId: null, summary: 'Sending now.' };
        }
        case 'pending': {
          const messageId = insertOutbound(this.db, {
            ...base,
            status: 'held',
            statusReason: 'Waiting for the client to opt in',
            expiresAt: now + this.deps.settings.get().heldManualExpiryHours * HOUR,
          });
          return {
            messageId,
            status: 'held',
            requestMessageId: null,
            summary: 'Held: it will not be sent until the client opts in.',
          };
        }
        case 'unknown': {
          if (!intent.holdUntilOptIn) {
            throw new DeskError(
              'conflict',
              'This client has not opted in. An opt-in request will be sent first and this message held until they reply YES. Confirm to continue.',
              'holdUntilOptIn',
            );
          }
          const requestMessageId = this.queueOptInRequest(
            intent.e164,
            intent.clientId,
            'staff',
            intent.staffName ?? null,
            now,
          );
          const messageId = insertOutbound(this.db, {
            ...base,
            status: 'held',
            statusReason: 'Waiting for the client to opt in',
            expiresAt: now + this.deps.settings.get().heldManualExpiryHours * HOUR,
          });
          return {
            messageId,
            status: 'held',
            requestMessageId,
            summary: 'Opt-in request sent; your message is held until the client replies YES.',
          };
        }
      }
    })();
    this.afterChange(intent.e164, intent.clientId);
    return outcome;
  }

  /** An automated text (confirmation, reminder, thank-you), through the same gate as staff texts. */
  submitAutomated(intent: AutomatedIntent): SendOutcome {
    const outcome = this.db.transaction((): SendOutcome => {
      const now = this.deps.clock.now();
      const state = currentConsent(this.db, intent.e164);
      const base = {
        kind: 'automated' as const,
        e164: intent.e164,
        businessNumber: this.deps.businessNumber(),
        body: intent.body,
        clientId: intent.clientId,
        origin: 'automation' as const,
        appointmentId: intent.appointmentId,
        automation: intent.automation,
        notBefore: intent.notBefore,
        expiresAt: intent.expiresAt,
        at: now,
      };
      if (state === 'opted_out') {
        const messageId = insertOutbound(this.db, {
          ...base,
          status: 'blocked',
          statusReason: 'Not sent: this number opted out',
        });
        return {
          messageId,
          status: 'blocked',
          requestMessageId: null,
          summary: 'Blocked: the number opted out.',
        };
      }
      if (state === 'opted_in') {
        if (this.hasOpenReview(intent.e164)) {
          const messageId = insertOutbound(this.db, { ...base, status: 'held', statusReason: REVIEW_WAIT });
          return { messageId, status: 'held', requestMessageId: null, summary: 'Waiting for staff review.' };
        }
        const messageId = insertOutbound(this.db, { ...base, status: 'queued' });
        return { messageId, status: 'queued', requestMessageId: null, summary: 'Queued.' };
      }
      // unknown or pending: hold; prompt only if no automated message has prompted this number before.
      let requestMessageId: number | null = null;
      const history = requestHistory(this.db, intent.e164, now);
      if (state === 'unknown' && !history.autoPrompted && requestRefusal(history, now) === null) {
        requestMessageId = this.queueOptInRequest(intent.e164, intent.clientId, 'automation', null, now);
      }
      const messageId = insertOutbound(this.db, {
        ...base,
        status: 'held',
        statusReason: 'Waiting for the client to opt in',
      });
      return {
        messageId,
        status: 'held',
        requestMessageId,
        summary: requestMessageId ? 'Opt-in request sent; text held.' : 'Held until the client opts in.',
      };
    })();
    this.afterChange(intent.e164, intent.clientId);
    return outcome;
  }

  /** Staff press "Send opt-in request" (first time or re-send), within the limits. */
  requestOptIn(e164: string, clientId: number | null, staffName: string | null): SendOutcome {
    const outcome = this.db.transaction((): SendOutcome => {
      const now = this.deps.clock.now();
      const state = currentConsent(this.db, e164);
      if (state === 'opted_in') throw new DeskError('conflict', 'This number has already opted in.');
      if (state === 'opted_out') {
        throw new DeskError(
          'consent_refused',
          'This number opted out. Record a new opt-in request only if the client asked for one, with the reason.',
        );
      }
      const messageId = this.queueOptInRequest(e164, clientId, 'staff', staffName, now);
      return { messageId, status: 'queued', requestMessageId: messageId, summary: 'Opt-in request sent.' };
    })();
    this.afterChange(e164, clientId);
    return outcome;
  }

  /** Staff record that an opted-out client asked to opt in again; the ledger keeps who and why. */
  staffReRequest(
    e164: string,
    clientId: number | null,
    staffName: string | null,
    reason: string,
  ): SendOutcome {
    const outcome = this.db.transaction((): SendOutcome => {
      const now = this.deps.clock.now();
      if (currentConsent(this.db, e164) !== 'opted_out') {
        throw new DeskError('conflict', 'This number has not opted out; use "Send opt-in request".');
      }
      const refusal = requestRefusal(requestHistory(this.db, e164, now), now);
      if (refusal) throw new DeskError('limit_reached', refusal);
      appendConsentEvent(this.db, {
        e164,
        to: 'pending',
        source: 'staff',
        reason: `Client asked to opt in again: ${reason.trim()}`,
        staffName,
        at: now,
      });
      const messageId = this.queueOptInRequest(e164, clientId, 'staff', staffName, now);
      return {
        messageId,
        status: 'queued',
        requestMessageId: messageId,
        summary: 'Opt-in request sent. If the carrier still blocks the number, the client must text START.',
      };
    })();
    this.afterChange(e164, clientId);
    return outcome;
  }

  /** Queues an opt-in request (inside the caller's transaction); unknown becomes pending. */
  private queueOptInRequest(
    e164: string,
    clientId: number | null,
    origin: 'staff' | 'automation',
    staffName: string | null,
    now: number,
  ): number {
    const refusal = requestRefusal(requestHistory(this.db, e164, now), now);
    if (refusal) throw new DeskError('limit_reached', refusal);
    const messageId = insertOutbound(this.db, {
      kind: 'opt_in_request',
      status: 'queued',
      e164,
      businessNumber: this.deps.businessNumber(),
      body: this.deps.systemText('opt_in_request'),
      clientId,
      origin,
      staffName,
      at: now,
    });
    if (currentConsent(this.db, e164) === 'unknown') {
      appendConsentEvent(this.db, {
        e164,
        to: 'pending',
        source: origin === 'staff' ? 'staff' : 'automation',
        reason:
          origin === 'staff'
            ? 'Staff sent the opt-in request'
            : 'Opt-in request sent with the first automated text',
        messageId,
        staffName,
        at: now,
      });
    }
    return messageId;
  }

  private hasOpenReview(e164: string): boolean {
    return (
      this.db
        .prepare('SELECT 1 FROM review_items WHERE e164 = ? AND decided_at IS NULL LIMIT 1')
        .get(e164) !== undefined
    );
  }

  /** Moves a number to opted_out and cancels everything still waiting for it. Inside the caller's transaction. */
  applyOptOut(
    e164: string,
    change: {
      source: 'reply' | 'staff' | 'carrier';
      reason: string;
      messageId: number | null;
      staffName?: string | null;
    },
    now: number,
  ): boolean {
    if (currentConsent(this.db, e164) === 'opted_out') return false;
    // Block first: once this row exists the outbox's gate refuses everything but the one confirmation.
    appendConsentEvent(this.db, { e164, to: 'opted_out', ...change, at: now });
    for (const row of unsentTo(this.db, e164)) {
      setStatus(this.db, row.id, 'cancelled', 'Cancelled: the client opted out', now);
    }
    return true;
  }

  /** ConsentPort: a newly stored inbound text, inside the sync poller's page transaction. */
  onInbound(messageId: number): void {
    const row = this.db.prepare('SELECT e164, client_id FROM messages WHERE id = ?').get(messageId) as
      { e164: string; client_id: number | null } | undefined;
    if (!row) return;
    applyReply(this.deps, this, messageId);
    this.afterChange(row.e164, row.client_id);
  }

  /** ConsentPort: the carrier refused a send with 40300 or lists the number as opted out. Inside a transaction. */
  onCarrierOptOut(e164: string, reason: string, messageId: number | null): void {
    if (this.applyOptOut(e164, { source: 'carrier', reason, messageId }, this.deps.clock.now())) {
      this.afterChange(e164, null);
    }
  }

  private afterChange(e164: string, clientId: number | null): void {
    const state: ConsentState = currentConsent(this.db, e164);
    queueMicrotask(() => {
      this.deps.events.emit('consent.changed', { e164, state });
      this.deps.events.emit('message.changed', { messageId: 0, clientId, e164 });
    });
    this.deps.wakeOutbox();
  }
}
