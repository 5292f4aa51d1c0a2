/**
 * The consent service: applies the consent machine (machine.ts) to the database, each decision in one
 * transaction with its ledger rows. It never sends: it queues, holds, blocks or cancels rows, and the outbox
 * (the only sender) re-checks consent when it claims them.
 */
import type { SendOutcome } from '../../shared/api/messages';
import type { Automation, MessageStatus } from '../../shared/domain';
import { DeskError } from '../../shared/errors';
import { classifyReply } from '../../shared/keywords';
import type { Clock } from '../core/clock';
import type { DeskEvents } from '../core/events';
import type { Db } from '../db/open';
import type { SettingsStore } from '../settings/settings';
import { applyEffects, type EffectTarget } from './apply-effects';
import { numberFacts } from './facts';
import { currentConsent } from './ledger';
import {
  decideCarrierOptOut,
  decideOptInRequest,
  decideOutbound,
  decideReply,
  decideReview,
  type ConsentEffect,
  type SystemTextKind,
} from './machine';
import { insertOutbound, type NewOutbound } from './outbound-rows';
import { openReviewCount } from './review';

export interface ConsentServiceDeps {
  db: Db;
  clock: Clock;
  events: DeskEvents;
  settings: SettingsStore;
  /** Renders the app's own texts (request, confirmations, help) from the editable templates. */
  systemText(kind: SystemTextKind, clientId: number | null): string;
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
    return this.commit(intent.e164, intent.clientId, (now) => {
      const facts = numberFacts(this.db, intent.e164);
      const decision = decideOutbound(facts.state, 'manual', {
        now,
        requests: facts.requests,
        reviewOpen: facts.reviewOpen,
        staffConfirmedHold: intent.holdUntilOptIn ?? false,
        staffName: intent.staffName ?? null,
      });
      if (decision.outcome === 'refuse') throw new DeskError('consent_refused', decision.reason);
      if (decision.outcome === 'confirm')
        throw new DeskError('conflict', `${decision.reason} Confirm to continue.`, 'holdUntilOptIn');
      if (decision.outcome === 'block') throw new DeskError('consent_refused', decision.reason);
      const text: NewOutbound = {
        kind: 'manual',
        status: decision.outcome === 'queue' ? 'queued' : 'held',
        e164: intent.e164,
        businessNumber: this.deps.businessNumber(),
        body: intent.body,
        clientId: intent.clientId,
        origin: 'staff',
        staffName: intent.staffName ?? null,
        statusReason: decision.outcome === 'hold' ? decision.reason : null,
        expiresAt:
          decision.outcome === 'hold' ? now + this.deps.settings.get().heldManualExpiryHours * HOUR : null,
        at: now,
      };
      if (decision.outcome === 'hold' && decision.requestRefused) {
        throw new DeskError('limit_reached', decision.requestRefused);
      }
      const request = this.apply(intent, now, decision.effects, 'staff').opt_in_request ?? null;
      const messageId = insertOutbound(this.db, text);
      return outcome(messageId, text.status, request, summaryFor(text.status, request));
    });
  }

  /** An automated text (confirmation, reminder, thank-you), through the same machine as staff texts. */
  submitAutomated(intent: AutomatedIntent): SendOutcome {
    return this.commit(intent.e164, intent.clientId, (now) => {
      const facts = numberFacts(this.db, intent.e164);
      const decision = decideOutbound(facts.state, 'automated', {
        now,
        requests: facts.requests,
        reviewOpen: facts.reviewOpen,
      });
      const status: NewOutbound['status'] =
        decision.outcome === 'queue' ? 'queued' : decision.outcome === 'hold' ? 'held' : 'blocked';
      const effects = decision.outcome === 'hold' ? decision.effects : [];
      // The request goes before the text it was prompted by, so the thread reads in the order things happen.
      const request =
        this.apply({ ...intent, staffName: null }, now, effects, 'automation').opt_in_request ?? null;
      const messageId = insertOutbound(this.db, {
        kind: 'automated',
        status,
        e164: intent.e164,
        businessNumber: this.deps.businessNumber(),
        body: intent.body,
        clientId: intent.clientId,
        origin: 'automation',
        appointmentId: intent.appointmentId,
        automation: intent.automation,
        statusReason: decision.outcome === 'queue' ? null : decision.reason,
        notBefore: intent.notBefore,
        expiresAt: intent.expiresAt,
        at: now,
      });
      return outcome(messageId, status, request, summaryFor(status, request));
    });
  }

  /** Staff press "Send opt-in request" (first time or re-send), within the limits. */
  requestOptIn(e164: string, clientId: number | null, staffName: string | null): SendOutcome {
    return this.staffRequest(e164, clientId, staffName, undefined);
  }

  /** Staff record that an opted-out client asked to opt in again; the ledger keeps who and why. */
  staffReRequest(
    e164: string,
    clientId: number | null,
    staffName: string | null,
    reason: string,
  ): SendOutcome {
    if (currentConsent(this.db, e164) !== 'opted_out') {
      throw new DeskError('conflict', 'This number has not opted out; use "Send opt-in request".');
    }
    return this.staffRequest(e164, clientId, staffName, reason);
  }

  private staffRequest(
    e164: string,
    clientId: number | null,
    staffName: string | null,
    reason: string | undefined,
  ) {
    return this.commit(e164, clientId, (now) => {
      const facts = numberFacts(this.db, e164);
      const decision = decideOptInRequest(facts.state, facts.requests, now, {
        origin: 'staff',
        staffName,
        reason,
      });
      if (!decision.allowed) throw new DeskError(decision.code, decision.reason);
      const request = this.apply(
        { e164, clientId, staffName },
        now,
        decision.effects,
        'staff',
      ).opt_in_request!;
      const summary =
        reason === undefined
          ? 'Opt-in request sent.'
          : 'Opt-in request sent. If the carrier still blocks the number, the client must text START.';
      return outcome(request, 'queued', request, summary);
    });
  }

  /** ConsentPort: a newly stored inbound text, inside the sync poller's page transaction. */
  onInbound(messageId: number): void {
    const row = this.db
      .prepare("SELECT e164, body, client_id FROM messages WHERE id = ? AND direction = 'inbound'")
      .get(messageId) as { e164: string; body: string; client_id: number | null } | undefined;
    if (!row) return;
    const now = this.deps.clock.now();
    const { kind } = classifyReply(row.body);
    this.db.prepare('UPDATE messages SET classification = ? WHERE id = ?').run(kind, messageId);
    const facts = numberFacts(this.db, row.e164);
    const decision = decideReply(facts.state, kind, {
      text: row.body,
      carrierConfirmsOptOut: this.deps.carrierConfirmsOptOut(row.body),
      carrierAnswersHelp: this.deps.carrierAnswersHelp(),
      reviewOpen: facts.reviewOpen,
    });
    this.applyTo(
      { e164: row.e164, clientId: row.client_id, messageId, origin: 'system', staffName: null, now },
      decision.effects,
    );
    this.afterCommit(
      row.e164,
      row.client_id,
      decision.effects.some((effect) => effect.type === 'open_review'),
    );
  }

  /** ConsentPort: the carrier refused a send with 40300 or lists the number as opted out. Inside a transaction. */
  onCarrierOptOut(e164: string, reason: string, messageId: number | null): void {
    const decision = decideCarrierOptOut(currentConsent(this.db, e164), reason);
    if (decision.effects.length === 0) return;
    const now = this.deps.clock.now();
    this.applyTo(
      { e164, clientId: null, messageId, origin: 'system', staffName: null, now },
      decision.effects,
    );
    this.afterCommit(e164, null);
  }

  /** Staff decide a possible opt-out on the review list; the ledger records who decided and on which words. */
  decideReview(id: number, decision: 'opt_out' | 'not_opt_out', staffName: string | null) {
    const item = this.db
      .prepare(
        `SELECT r.e164, r.message_id, r.decided_at, m.body, m.client_id FROM review_items r
         JOIN messages m ON m.id = r.message_id WHERE r.id = ?`,
      )
      .get(id) as
      | {
          e164: string;
          message_id: number;
          decided_at: number | null;
          body: string;
          client_id: number | null;
        }
      | undefined;
    if (!item) throw new DeskError('not_found', `No review item with id ${id}.`, 'id');
    return this.commit(item.e164, item.client_id, (now) => {
      if (item.decided_at !== null) throw new DeskError('conflict', 'This reply was already reviewed.');
      const result = decideReview(currentConsent(this.db, item.e164), decision, {
        replyText: item.body,
        staffName,
      });
      // Close this item first, so the decision is recorded with this item even if others are open.
      this.db
        .prepare('UPDATE review_items SET decided_at = ?, decision = ?, staff_name = ? WHERE id = ?')
        .run(now, decision, staffName, id);
      this.applyTo(
        {
          e164: item.e164,
          clientId: item.client_id,
          messageId: item.message_id,
          origin: 'staff',
          staffName,
          now,
        },
        result.effects,
      );
      return { e164: item.e164, consent: currentConsent(this.db, item.e164) };
    });
  }

  private apply(
    intent: { e164: string; clientId: number | null; staffName?: string | null },
    now: number,
    effects: readonly ConsentEffect[],
    origin: 'staff' | 'automation',
  ) {
    return this.applyTo(
      {
        e164: intent.e164,
        clientId: intent.clientId,
        messageId: null,
        origin,
        staffName: intent.staffName ?? null,
        now,
      },
      effects,
    );
  }

  private applyTo(target: EffectTarget, effects: readonly ConsentEffect[]) {
    return applyEffects(this.db, this.deps, target, effects).queued;
  }

  /** Runs `work` in one transaction, then tells the UI and the outbox (side effects only after the commit). */
  private commit<T>(e164: string, clientId: number | null, work: (now: number) => T): T {
    const result = this.db.transaction(() => work(this.deps.clock.now()))();
    this.afterCommit(e164, clientId);
    return result;
  }

  private afterCommit(e164: string, clientId: number | null, reviewsChanged = false): void {
    // Inside the poller's transaction this runs before its commit: the microtask defers the pushes past it.
    queueMicrotask(() => {
      // The desk may have closed in between (a restart); the rows already say everything.
      if (!this.db.open) return;
      this.deps.events.emit('consent.changed', { e164, state: currentConsent(this.db, e164) });
      this.deps.events.emit('message.changed', { messageId: 0, clientId, e164 });
      if (reviewsChanged) this.deps.events.emit('review.changed', { openCount: openReviewCount(this.db) });
      this.deps.wakeOutbox();
    });
  }
}

function outcome(
  messageId: number,
  status: MessageStatus,
  requestMessageId: number | null,
  summary: string,
): SendOutcome {
  return { messageId, status, requestMessageId, summary };
}

function summaryFor(status: MessageStatus, request: number | null): string {
  if (status === 'queued') return 'Sending now.';
  if (status === 'blocked') return 'Blocked: the number opted out.';
  return request !== null
    ? 'Opt-in request sent; this text is held until the client replies YES.'
    : 'Held: it will not be sent until the client opts in.';
}
