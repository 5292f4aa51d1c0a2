import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSENT_STATES, MESSAGE_KINDS, REPLY_KINDS } from '../../shared/domain';
import type { ConsentState, MessageKind, ReplyKind } from '../../shared/domain';
import {
  DAY,
  HOUR,
  OPTED_OUT,
  WAIT_FOR_OPT_IN,
  WAIT_FOR_REVIEW,
  decideCarrierOptOut,
  decideOptInRequest,
  decideOutbound,
  decideReply,
  decideReview,
  mayCarrierSend,
  replayLedger,
  requestLimit,
  type ConsentEffect,
  type GateContext,
  type LedgerRow,
  type OptInRequestRecord,
  type OutboundContext,
  type OutboundKind,
  type ReplyContext,
} from './machine';

const NOW = Date.UTC(2025, 5, 2, 15, 0, 0);

/** Effects in short words, so each table row reads as one line. */
function summarize(effects: readonly ConsentEffect[]): string[] {
  return effects.map((effect) => {
    switch (effect.type) {
      case 'record_consent':
        return `record:${effect.to}:${effect.source}`;
      case 'cancel_unsent':
        return 'cancel';
      case 'queue_text':
        return `queue:${effect.kind}`;
      case 'release_held':
        return 'release';
      case 'open_review':
        return 'review';
      case 'close_reviews':
        return `close:${effect.decision}`;
      case 'notify_staff':
        return `notify:${effect.hint ?? '-'}`;
    }
  });
}

// ---------------------------------------------------------------------------------------------------------

describe('decideOutbound: every state × kind', () => {
  const base: OutboundContext = {
    now: NOW,
    requests: [],
    reviewOpen: false,
    staffConfirmedHold: true,
    staffName: 'Dana',
  };
  const rows: {
    state: ConsentState;
    kind: OutboundKind;
    context?: Partial<OutboundContext>;
    outcome: string;
    reason?: string;
    effects?: string[];
    why: string;
  }[] = [
    {
      state: 'unknown',
      kind: 'manual',
      context: { staffConfirmedHold: false },
      outcome: 'confirm',
      why: 'staff must confirm request-then-hold',
    },
    {
      state: 'unknown',
      kind: 'manual',
      outcome: 'hold',
      reason: WAIT_FOR_OPT_IN,
      effects: ['record:pending:staff', 'queue:opt_in_request'],
      why: 'request first, text held',
    },
    {
      state: 'unknown',
      kind: 'automated',
      outcome: 'hold',
      reason: WAIT_FOR_OPT_IN,
      effects: ['record:pending:automation', 'queue:opt_in_request'],
      why: 'the first automated text prompts',
    },
    {
      state: 'unknown',
      kind: 'automated',
      context: { requests: [{ at: NOW - 40 * DAY, origin: 'automation' }] },
      outcome: 'hold',
      reason: WAIT_FOR_OPT_IN,
      effects: [],
      why: 'an automated text prompted this number before: later ones do not',
    },
    {
      state: 'unknown',
      kind: 'automated',
      context: { reviewOpen: true },
      outcome: 'hold',
      reason: WAIT_FOR_REVIEW,
      effects: [],
      why: 'a possible opt-out waits: no prompt on top of it',
    },
    {
      state: 'pending',
      kind: 'manual',
      outcome: 'hold',
      reason: WAIT_FOR_OPT_IN,
      effects: [],
      why: 'held, not prompted again',
    },
    {
      state: 'pending',
      kind: 'automated',
      outcome: 'hold',
      reason: WAIT_FOR_OPT_IN,
      effects: [],
      why: 'held, not prompted again',
    },
    {
      state: 'pending',
      kind: 'automated',
      context: { reviewOpen: true },
      outcome: 'hold',
      reason: WAIT_FOR_OPT_IN,
      effects: [],
      why: 'held either way',
    },
    { state: 'opted_in', kind: 'manual', outcome: 'queue', effects: [], why: 'sent at once' },
    {
      state: 'opted_in',
      kind: 'automated',
      outcome: 'queue',
      effects: [],
      why: 'sent (inside sending hours)',
    },
    {
      state: 'opted_in',
      kind: 'automated',
      context: { reviewOpen: true },
      outcome: 'hold',
      reason: WAIT_FOR_REVIEW,
      effects: [],
      why: 'automated texts wait for the review',
    },
    {
      state: 'opted_in',
      kind: 'manual',
      context: { reviewOpen: true },
      outcome: 'queue',
      effects: [],
      why: 'staff can see the review and chose to write',
    },
    { state: 'opted_out', kind: 'manual', outcome: 'refuse', why: 'nothing can be sent' },
    {
      state: 'opted_out',
      kind: 'automated',
      outcome: 'block',
      reason: OPTED_OUT,
      why: 'not sent, shown as blocked',
    },
  ];

  it('has a row for every state and kind', () => {
    for (const state of CONSENT_STATES) {
      for (const kind of ['manual', 'automated'] as const) {
        expect(rows.some((row) => row.state === state && row.kind === kind)).toBe(true);
      }
    }
  });

  it.each(rows)('$state + $kind → $outcome ($why)', ({ state, kind, context, outcome, reason, effects }) => {
    const decision = decideOutbound(state, kind, { ...base, ...context });
    expect(decision.outcome).toBe(outcome);
    if (reason !== undefined && 'reason' in decision) expect(decision.reason).toBe(reason);
    if (effects !== undefined && 'effects' in decision) expect(summarize(decision.effects)).toEqual(effects);
  });

  it('holds a staff text but says why no request went when the limit is reached', () => {
    const decision = decideOutbound('unknown', 'manual', {
      ...base,
      requests: [{ at: NOW - 2 * HOUR, origin: 'staff' }],
    });
    expect(decision).toMatchObject({ outcome: 'hold', effects: [] });
    expect(decision.outcome === 'hold' && decision.requestRefused).toMatch(/24 hours/);
  });

  it('records the staff member who caused the request', () => {
    const decision = decideOutbound('unknown', 'manual', base);
    expect(decision.outcome === 'hold' && decision.effects[0]).toMatchObject({
      staffName: 'Dana',
      source: 'staff',
    });
  });

  it('first automated text only: two bookings for a new number prompt once', () => {
    const first = decideOutbound('unknown', 'automated', base);
    expect(summarize(first.outcome === 'hold' ? first.effects : [])).toContain('queue:opt_in_request');
    // The request moved the number to pending; the second confirmation is held without a prompt.
    const second = decideOutbound('pending', 'automated', {
      ...base,
      requests: [{ at: NOW, origin: 'automation' }],
    });
    expect(second).toMatchObject({ outcome: 'hold', effects: [] });
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('decideReply: every state × reply kind', () => {
  const quiet: ReplyContext = {
    text: 'reply',
    carrierConfirmsOptOut: false,
    carrierAnswersHelp: false,
    reviewOpen: false,
  };
  const optOut = ['record:opted_out:reply', 'cancel', 'queue:opt_out_confirmation'];
  const optIn = ['record:opted_in:reply', 'queue:opt_in_confirmation', 'release'];
  const expected: Record<ConsentState, Record<ReplyKind, { to: ConsentState; effects: string[] }>> = {
    unknown: {
      opt_out: { to: 'opted_out', effects: optOut },
      opt_in: { to: 'opted_in', effects: optIn },
      help: { to: 'unknown', effects: ['queue:help_reply'] },
      possible_opt_out: { to: 'unknown', effects: ['review'] },
      message: { to: 'unknown', effects: ['notify:send_opt_in_request'] },
    },
    pending: {
      opt_out: { to: 'opted_out', effects: optOut },
      opt_in: { to: 'opted_in', effects: optIn },
      help: { to: 'pending', effects: ['queue:help_reply'] },
      possible_opt_out: { to: 'pending', effects: ['review'] },
      message: { to: 'pending', effects: ['notify:send_opt_in_request'] },
    },
    opted_in: {
      opt_out: { to: 'opted_out', effects: optOut },
      opt_in: { to: 'opted_in', effects: [] },
      help: { to: 'opted_in', effects: ['queue:help_reply'] },
      possible_opt_out: { to: 'opted_in', effects: ['review'] },
      message: { to: 'opted_in', effects: ['notify:-'] },
    },
    opted_out: {
      opt_out: { to: 'opted_out', effects: [] },
      opt_in: { to: 'opted_in', effects: optIn },
      help: { to: 'opted_out', effects: ['queue:help_reply'] },
      possible_opt_out: { to: 'opted_out', effects: ['notify:number_opted_out'] },
      message: { to: 'opted_out', effects: ['notify:number_opted_out'] },
    },
  };
  const rows = CONSENT_STATES.flatMap((state) =>
    REPLY_KINDS.map((kind) => ({ state, kind, ...expected[state][kind] })),
  );

  it.each(rows)('$state + $kind → $to: $effects', ({ state, kind, to, effects }) => {
    const decision = decideReply(state, kind, quiet);
    expect(decision.to).toBe(to);
    expect(summarize(decision.effects)).toEqual(effects);
  });

  it('quotes the client’s exact text in the ledger row', () => {
    const decision = decideReply('opted_in', 'opt_out', { ...quiet, text: 'Stop!!! 🛑' });
    expect(decision.effects[0]).toEqual({
      type: 'record_consent',
      to: 'opted_out',
      source: 'reply',
      reason: 'Stop!!! 🛑',
      staffName: null,
    });
  });

  it.each(CONSENT_STATES.filter((state) => state !== 'opted_out'))(
    '%s + opt_out: no confirmation from the desk when the carrier sends its own',
    (state) => {
      expect(
        summarize(decideReply(state, 'opt_out', { ...quiet, carrierConfirmsOptOut: true }).effects),
      ).toEqual(['record:opted_out:reply', 'cancel']);
    },
  );

  it.each(CONSENT_STATES)('%s + help: no answer from the desk when the carrier auto-responds', (state) => {
    expect(decideReply(state, 'help', { ...quiet, carrierAnswersHelp: true }).effects).toEqual([]);
  });

  it.each([
    [
      'opted_in',
      'opt_out',
      ['record:opted_out:reply', 'cancel', 'close:opt_out', 'queue:opt_out_confirmation'],
    ],
    ['opted_out', 'opt_out', ['close:opt_out']],
    [
      'pending',
      'opt_in',
      ['record:opted_in:reply', 'close:not_opt_out', 'queue:opt_in_confirmation', 'release'],
    ],
    ['opted_in', 'opt_in', ['close:not_opt_out', 'release']],
    ['opted_in', 'possible_opt_out', ['review']],
    ['opted_in', 'message', ['notify:-']],
  ] as const)('with a review open: %s + %s → %j', (state, kind, effects) => {
    expect(summarize(decideReply(state, kind, { ...quiet, reviewOpen: true }).effects)).toEqual(effects);
  });

  it('an opt-out is recorded before anything else happens', () => {
    for (const state of ['unknown', 'pending', 'opted_in'] as const) {
      expect(decideReply(state, 'opt_out', quiet).effects[0]?.type).toBe('record_consent');
    }
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('decideReview', () => {
  it.each(['unknown', 'pending', 'opted_in'] as const)(
    'opt-out from %s: recorded as staff, one confirmation',
    (state) => {
      const decision = decideReview(state, 'opt_out', { replyText: 'Stop. Thank you', staffName: 'Dana' });
      expect(decision.to).toBe('opted_out');
      expect(summarize(decision.effects)).toEqual([
        'record:opted_out:staff',
        'cancel',
        'close:opt_out',
        'queue:opt_out_confirmation',
      ]);
      expect(decision.effects[0]).toMatchObject({
        staffName: 'Dana',
        reason: expect.stringContaining('Stop. Thank you'),
      });
    },
  );

  it('opt-out of a number already opted out only closes the review', () => {
    expect(
      summarize(decideReview('opted_out', 'opt_out', { replyText: 'x', staffName: null }).effects),
    ).toEqual(['close:opt_out']);
  });

  it.each([
    ['opted_in', ['record:opted_in:staff', 'close:not_opt_out', 'release']],
    ['pending', ['record:pending:staff', 'close:not_opt_out']],
    ['unknown', ['record:unknown:staff', 'close:not_opt_out']],
    ['opted_out', ['record:opted_out:staff', 'close:not_opt_out']],
  ] as const)(
    'not an opt-out from %s: the decision is in the ledger, the state unchanged',
    (state, effects) => {
      const decision = decideReview(state, 'not_opt_out', { replyText: 'please stop', staffName: 'Dana' });
      expect(decision.to).toBe(state);
      expect(summarize(decision.effects)).toEqual(effects);
    },
  );
});

describe('decideCarrierOptOut', () => {
  it.each(['unknown', 'pending', 'opted_in'] as const)(
    '%s → opted_out, source carrier, no desk confirmation',
    (state) => {
      const decision = decideCarrierOptOut(state, 'Carrier error 40300: blocked due to STOP');
      expect(decision.to).toBe('opted_out');
      expect(summarize(decision.effects)).toEqual(['record:opted_out:carrier', 'cancel']);
    },
  );

  it('changes nothing for a number already opted out', () => {
    expect(decideCarrierOptOut('opted_out', 'listed')).toEqual({ to: 'opted_out', effects: [] });
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('decideOptInRequest', () => {
  const staff = { origin: 'staff', staffName: 'Dana' } as const;
  const automation = { origin: 'automation' } as const;
  const at = (hoursAgo: number, origin: 'staff' | 'automation' = 'staff'): OptInRequestRecord => ({
    at: NOW - hoursAgo * HOUR,
    origin,
  });

  it.each([
    ['unknown', staff, true, ['record:pending:staff', 'queue:opt_in_request']],
    ['pending', staff, true, ['queue:opt_in_request']],
    ['opted_in', staff, false, 'conflict'],
    ['opted_out', staff, false, 'consent_refused'],
    ['unknown', automation, true, ['record:pending:automation', 'queue:opt_in_request']],
    ['pending', automation, false, 'conflict'],
    ['opted_in', automation, false, 'conflict'],
    ['opted_out', automation, false, 'consent_refused'],
  ] as const)('%s by %o → allowed %s', (state, by, allowed, result) => {
    const decision = decideOptInRequest(state, state === 'pending' ? [at(48)] : [], NOW, by);
    expect(decision.allowed).toBe(allowed);
    if (decision.allowed) expect(summarize(decision.effects)).toEqual(result);
    else expect(decision.code).toBe(result);
  });

  it('lets staff re-request an opted-out number only with the reason, which the ledger keeps', () => {
    expect(decideOptInRequest('opted_out', [], NOW, { ...staff, reason: '   ' }).allowed).toBe(false);
    const decision = decideOptInRequest('opted_out', [], NOW, {
      ...staff,
      reason: 'Asked at the desk on pick-up',
    });
    expect(decision.allowed).toBe(true);
    if (!decision.allowed) return;
    expect(decision.effects).toEqual([
      {
        type: 'record_consent',
        to: 'pending',
        source: 'staff',
        reason: 'Client asked to opt in again: Asked at the desk on pick-up',
        staffName: 'Dana',
      },
      { type: 'queue_text', kind: 'opt_in_request' },
    ]);
  });

  it('refuses a second request within 24 hours and says when the next may go', () => {
    const decision = decideOptInRequest('pending', [at(23)], NOW, staff);
    expect(decision).toMatchObject({
      allowed: false,
      code: 'limit_reached',
      lastRequestAt: NOW - 23 * HOUR,
      nextAllowedAt: NOW + HOUR,
    });
    expect(decision.allowed === false && decision.reason).toMatch(/about 1 hour\b/);
  });

  it('allows one exactly 24 hours after the last', () => {
    expect(decideOptInRequest('pending', [at(24)], NOW, staff).allowed).toBe(true);
  });

  it('refuses a fourth request within 30 days, until the oldest leaves the window', () => {
    const three = [at(20 * 24), at(10 * 24), at(2 * 24)];
    const decision = decideOptInRequest('pending', three, NOW, staff);
    expect(decision).toMatchObject({ allowed: false, code: 'limit_reached', nextAllowedAt: NOW + 10 * DAY });
    expect(decideOptInRequest('pending', three, NOW + 10 * DAY, staff).allowed).toBe(true);
    expect(decideOptInRequest('pending', three, NOW + 10 * DAY - 1, staff).allowed).toBe(false);
  });

  it('counts only the last 30 days', () => {
    expect(decideOptInRequest('pending', [at(31 * 24), at(20 * 24), at(10 * 24)], NOW, staff).allowed).toBe(
      true,
    );
  });

  it('automation prompts a number only once ever, even a month later', () => {
    const decision = decideOptInRequest('unknown', [at(60 * 24, 'automation')], NOW, automation);
    expect(decision).toMatchObject({ allowed: false, code: 'conflict' });
    expect(decideOptInRequest('unknown', [at(60 * 24, 'staff')], NOW, automation).allowed).toBe(true);
  });

  it('requestLimit reports nothing for an empty history', () => {
    expect(requestLimit([], NOW)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('mayCarrierSend: every message kind × state', () => {
  const base: GateContext = { reviewOpen: false, optOutConfirmationsSinceOptOut: 0 };
  type Verdict = 'send' | 'hold' | 'block';
  const expected: Record<MessageKind, Record<ConsentState, Verdict>> = {
    manual: { unknown: 'hold', pending: 'hold', opted_in: 'send', opted_out: 'block' },
    automated: { unknown: 'hold', pending: 'hold', opted_in: 'send', opted_out: 'block' },
    opt_in_request: { unknown: 'send', pending: 'send', opted_in: 'block', opted_out: 'block' },
    opt_in_confirmation: { unknown: 'block', pending: 'block', opted_in: 'send', opted_out: 'block' },
    opt_out_confirmation: { unknown: 'block', pending: 'block', opted_in: 'block', opted_out: 'send' },
    help_reply: { unknown: 'send', pending: 'send', opted_in: 'send', opted_out: 'send' },
    inbound: { unknown: 'block', pending: 'block', opted_in: 'block', opted_out: 'block' },
  };
  const verdict = (kind: MessageKind, state: ConsentState, context: GateContext): Verdict => {
    const decision = mayCarrierSend(kind, state, context);
    return decision.send ? 'send' : decision.outcome;
  };
  const rows = MESSAGE_KINDS.flatMap((kind) =>
    CONSENT_STATES.map((state) => ({ kind, state, want: expected[kind][state] })),
  );

  it.each(rows)('$kind to $state → $want', ({ kind, state, want }) => {
    expect(verdict(kind, state, base)).toBe(want);
  });

  it('a number that is not opted in gets nothing but a request, a HELP answer or its opt-out confirmation', () => {
    for (const state of ['unknown', 'pending', 'opted_out'] as const) {
      const sendable = MESSAGE_KINDS.filter((kind) => verdict(kind, state, base) === 'send');
      expect(
        sendable.every((kind) => ['opt_in_request', 'help_reply', 'opt_out_confirmation'].includes(kind)),
      ).toBe(true);
    }
  });

  it('holds automated texts, not staff texts, while a review is open', () => {
    const review = { ...base, reviewOpen: true };
    expect(mayCarrierSend('automated', 'opted_in', review)).toEqual({
      send: false,
      outcome: 'hold',
      reason: WAIT_FOR_REVIEW,
    });
    expect(verdict('manual', 'opted_in', review)).toBe('send');
  });

  it('sends only one opt-out confirmation per opt-out', () => {
    expect(verdict('opt_out_confirmation', 'opted_out', { ...base, optOutConfirmationsSinceOptOut: 1 })).toBe(
      'block',
    );
  });

  it('gives a reason in words for every text it does not send', () => {
    for (const { kind, state } of rows) {
      const decision = mayCarrierSend(kind, state, base);
      if (!decision.send) expect(decision.reason.length).toBeGreaterThan(10);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('replayLedger', () => {
  const row = (id: number, e164: string, from: ConsentState, to: ConsentState): LedgerRow => ({
    id,
    e164,
    from,
    to,
    source: 'reply',
    at: NOW + id,
  });

  it('derives each number’s current state', () => {
    const { states, problems } = replayLedger([
      row(1, '+15550000001', 'unknown', 'pending'),
      row(2, '+15550000002', 'unknown', 'opted_out'),
      row(3, '+15550000001', 'pending', 'opted_in'),
      row(4, '+15550000001', 'opted_in', 'opted_out'),
      row(5, '+15550000001', 'opted_out', 'opted_in'),
    ]);
    expect(problems).toEqual([]);
    expect(Object.fromEntries(states)).toEqual({ '+15550000001': 'opted_in', '+15550000002': 'opted_out' });
  });

  it('reports a row that does not start where the number was, and rows out of order', () => {
    const { states, problems } = replayLedger([
      row(1, '+15550000001', 'unknown', 'opted_in'),
      row(2, '+15550000001', 'pending', 'opted_out'),
      row(2, '+15550000003', 'unknown', 'pending'),
    ]);
    expect(problems.map((problem) => problem.id)).toEqual([2, 2]);
    expect(problems[0]?.problem).toMatch(/starts from pending, but the number was opted_in/);
    expect(problems[1]?.problem).toMatch(/comes after row 2/);
    expect(states.get('+15550000001')).toBe('opted_out');
  });
});

// ---------------------------------------------------------------------------------------------------------
// Property: a number driven by random replies, staff actions, automation, carrier reports and outbox runs,
// with the effects applied the way the service applies them. Whatever happens, the rules hold.

type Action =
  | { type: 'reply'; kind: ReplyKind }
  | { type: 'staffText' }
  | { type: 'automatedText' }
  | { type: 'staffRequest' }
  | { type: 'staffReRequest' }
  | { type: 'carrierOptOut' }
  | { type: 'review'; decision: 'opt_out' | 'not_opt_out' }
  | { type: 'advance'; hours: number }
  | { type: 'drain' };

interface Unsent {
  kind: MessageKind;
  origin: 'staff' | 'automation' | 'system';
  status: 'held' | 'queued';
}

interface Sent {
  kind: MessageKind;
  at: number;
  state: ConsentState;
}

class SimulatedNumber {
  static readonly e164 = '+15551234567';
  now = NOW;
  state: ConsentState = 'unknown';
  ledger: LedgerRow[] = [];
  unsent: Unsent[] = [];
  sent: Sent[] = [];
  requests: OptInRequestRecord[] = [];
  reviewOpen = false;
  optOutConfirmations = 0;

  constructor(
    readonly carrierConfirmsOptOut: boolean,
    readonly carrierAnswersHelp: boolean,
  ) {}

  apply(effects: readonly ConsentEffect[], origin: 'staff' | 'automation' | 'system'): void {
    for (const effect of effects) {
      switch (effect.type) {
        case 'record_consent':
          if (effect.to === 'opted_out' && this.state !== 'opted_out') this.optOutConfirmations = 0;
          this.ledger.push({
            id: this.ledger.length + 1,
            e164: SimulatedNumber.e164,
            from: this.state,
            to: effect.to,
            source: effect.source,
            at: this.now,
          });
          this.state = effect.to;
          break;
        case 'cancel_unsent':
          this.unsent = [];
          break;
        case 'queue_text':
          this.unsent.push({
            kind: effect.kind,
            origin: effect.kind === 'opt_in_request' ? origin : 'system',
            status: 'queued',
          });
          if (effect.kind === 'opt_in_request') {
            this.requests.push({ at: this.now, origin: origin === 'automation' ? 'automation' : 'staff' });
          }
          break;
        case 'release_held': {
          // Released texts join the queue now, in the order they were written: after whatever the effects
          // before this one queued (the opt-in confirmation goes first).
          const released = this.unsent.filter(
            (text) =>
              text.status === 'held' && mayCarrierSend(text.kind, this.state, this.gateContext()).send,
          );
          this.unsent = [
            ...this.unsent.filter((text) => !released.includes(text)),
            ...released.map((text) => ({ ...text, status: 'queued' as const })),
          ];
          break;
        }
        case 'open_review':
          this.reviewOpen = true;
          for (const text of this.unsent) if (text.origin === 'automation') text.status = 'held';
          break;
        case 'close_reviews':
          this.reviewOpen = false;
          break;
        case 'notify_staff':
          break;
      }
    }
  }

  gateContext(): GateContext {
    return { reviewOpen: this.reviewOpen, optOutConfirmationsSinceOptOut: this.optOutConfirmations };
  }

  outboundContext(): OutboundContext {
    return {
      now: this.now,
      requests: this.requests,
      reviewOpen: this.reviewOpen,
      staffConfirmedHold: true,
      staffName: 'Dana',
    };
  }

  store(kind: OutboundKind, effectsOrigin: 'staff' | 'automation'): void {
    const decision = decideOutbound(this.state, kind, this.outboundContext());
    const origin = kind === 'manual' ? 'staff' : 'automation';
    if (decision.outcome === 'queue') this.unsent.push({ kind, origin, status: 'queued' });
    if (decision.outcome === 'hold') {
      this.unsent.push({ kind, origin, status: 'held' });
      this.apply(decision.effects, effectsOrigin);
    }
  }

  run(action: Action): void {
    switch (action.type) {
      case 'reply': {
        const before = this.state;
        const decision = decideReply(this.state, action.kind, {
          text: action.kind,
          carrierConfirmsOptOut: this.carrierConfirmsOptOut,
          carrierAnswersHelp: this.carrierAnswersHelp,
          reviewOpen: this.reviewOpen,
        });
        const confirmations = decision.effects.filter(
          (effect) => effect.type === 'queue_text' && effect.kind === 'opt_out_confirmation',
        ).length;
        // Exactly one confirmation per new opt-out, none when the carrier sends its own or nothing changed.
        const expected =
          action.kind === 'opt_out' && before !== 'opted_out' && !this.carrierConfirmsOptOut ? 1 : 0;
        expect(confirmations).toBe(expected);
        this.apply(decision.effects, 'system');
        expect(this.state).toBe(decision.to);
        break;
      }
      case 'staffText':
        this.store('manual', 'staff');
        break;
      case 'automatedText':
        this.store('automated', 'automation');
        break;
      case 'staffRequest':
      case 'staffReRequest': {
        const reason = action.type === 'staffReRequest' ? 'Client asked at the desk' : undefined;
        const decision = decideOptInRequest(this.state, this.requests, this.now, {
          origin: 'staff',
          staffName: 'Dana',
          reason,
        });
        if (decision.allowed) this.apply(decision.effects, 'staff');
        break;
      }
      case 'carrierOptOut':
        this.apply(decideCarrierOptOut(this.state, 'carrier opt-out list').effects, 'system');
        break;
      case 'review':
        if (this.reviewOpen) {
          this.apply(
            decideReview(this.state, action.decision, { replyText: 'please stop', staffName: 'Dana' })
              .effects,
            'staff',
          );
        }
        break;
      case 'advance':
        this.now += action.hours * HOUR;
        break;
      case 'drain': {
        const still: Unsent[] = [];
        for (const text of this.unsent) {
          if (text.status === 'held') {
            still.push(text);
            continue;
          }
          const gate = mayCarrierSend(text.kind, this.state, this.gateContext());
          if (gate.send) {
            this.sent.push({ kind: text.kind, at: this.now, state: this.state });
            if (text.kind === 'opt_out_confirmation') this.optOutConfirmations++;
          } else if (gate.outcome === 'hold') {
            still.push({ ...text, status: 'held' });
          }
        }
        this.unsent = still;
        break;
      }
    }
  }

  checkInvariants(): void {
    const replay = replayLedger(this.ledger);
    expect(replay.problems).toEqual([]);
    expect(replay.states.get(SimulatedNumber.e164) ?? 'unknown').toBe(this.state);

    for (const text of this.sent) {
      if (text.kind === 'manual' || text.kind === 'automated') expect(text.state).toBe('opted_in');
      if (text.state !== 'opted_in')
        expect(['opt_in_request', 'help_reply', 'opt_out_confirmation']).toContain(text.kind);
      if (text.kind === 'opt_out_confirmation') expect(text.state).toBe('opted_out');
    }
    expect(this.optOutConfirmations).toBeLessThanOrEqual(1);
    if (this.state === 'opted_out') {
      expect(this.unsent.filter((text) => text.kind === 'manual' || text.kind === 'automated')).toEqual([]);
    }

    const times = this.requests.map((request) => request.at).sort((a, b) => a - b);
    times.forEach((at, index) => {
      if (index > 0) expect(at - times[index - 1]!).toBeGreaterThanOrEqual(DAY);
      expect(times.filter((other) => other >= at && other - at < 30 * DAY).length).toBeLessThanOrEqual(3);
    });
    expect(this.requests.filter((request) => request.origin === 'automation').length).toBeLessThanOrEqual(1);
  }
}

const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(
  fc.constantFrom(...REPLY_KINDS).map((kind): Action => ({ type: 'reply', kind })),
  fc.constant<Action>({ type: 'staffText' }),
  fc.constant<Action>({ type: 'automatedText' }),
  fc.constant<Action>({ type: 'staffRequest' }),
  fc.constant<Action>({ type: 'staffReRequest' }),
  fc.constant<Action>({ type: 'carrierOptOut' }),
  fc.constantFrom('opt_out', 'not_opt_out').map((decision): Action => ({ type: 'review', decision })),
  fc.integer({ min: 1, max: 24 * 12 }).map((hours): Action => ({ type: 'advance', hours })),
  fc.constant<Action>({ type: 'drain' }),
);

describe('the machine under random use', () => {
  it('keeps every consent rule, and its ledger always replays to the state', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.boolean(),
        fc.array(actionArbitrary, { maxLength: 60 }),
        (confirms, answers, actions) => {
          const number = new SimulatedNumber(confirms, answers);
          for (const action of actions) {
            number.run(action);
            number.checkInvariants();
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('releases held texts in the order they were written once the client opts in', () => {
    const number = new SimulatedNumber(true, true);
    number.run({ type: 'automatedText' });
    number.run({ type: 'staffText' });
    number.run({ type: 'automatedText' });
    expect(number.state).toBe('pending');
    number.run({ type: 'drain' });
    expect(number.sent.map((text) => text.kind)).toEqual(['opt_in_request']);
    number.run({ type: 'reply', kind: 'opt_in' });
    number.run({ type: 'drain' });
    expect(number.sent.map((text) => text.kind)).toEqual([
      'opt_in_request',
      'opt_in_confirmation',
      'automated',
      'manual',
      'automated',
    ]);
  });

  it('a STOP cancels everything waiting and the gate lets only its confirmation through', () => {
    const number = new SimulatedNumber(false, false);
    number.run({ type: 'automatedText' });
    number.run({ type: 'reply', kind: 'opt_in' });
    number.run({ type: 'staffText' });
    number.run({ type: 'reply', kind: 'opt_out' });
    number.run({ type: 'reply', kind: 'opt_out' });
    number.run({ type: 'automatedText' });
    number.run({ type: 'drain' });
    expect(number.sent.map((text) => text.kind)).toEqual(['opt_out_confirmation']);
    expect(number.ledger.map((row) => `${row.from}>${row.to}`)).toEqual([
      'unknown>pending',
      'pending>opted_in',
      'opted_in>opted_out',
    ]);
  });
});
