import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSENT_STATES, MESSAGE_KINDS, type ConsentState, type MessageKind } from '../../shared/domain';
import type { SendRequest } from '../carrier/carrier';
import { currentConsent } from '../consent/ledger';
import { WAIT_FOR_OPT_IN } from '../consent/machine';
import { decide, type GateFacts } from './gate';
import { createOutbox } from './outbox';
import { StatusReporter } from './status';
import { FakeCarrier } from './testing/fake-carrier';
import {
  createTestDesk,
  messageRow,
  queueOutbound,
  RecordingConsentPort,
  setConsent,
} from './testing/fixtures';

type OutboundKind = Exclude<MessageKind, 'inbound'>;
const OUTBOUND_KINDS = MESSAGE_KINDS.filter((kind): kind is OutboundKind => kind !== 'inbound');

const facts = (kind: MessageKind, consent: ConsentState, extra: Partial<GateFacts> = {}): GateFacts => ({
  kind,
  consent,
  writtenSinceOptOut: true,
  confirmationAlreadySent: false,
  reviewOpen: false,
  ...extra,
});

describe('gate rules', () => {
  it('lets every text but a request or an opt-out confirmation go to an opted-in number', () => {
    const allowed = OUTBOUND_KINDS.filter((kind) => decide(facts(kind, 'opted_in')).send);
    expect(allowed.sort()).toEqual(['automated', 'help_reply', 'manual', 'opt_in_confirmation']);
  });

  it('lets only the opt-in request and a HELP answer go to a number not yet opted in', () => {
    for (const consent of ['unknown', 'pending'] as const) {
      const allowed = OUTBOUND_KINDS.filter((kind) => decide(facts(kind, consent)).send);
      expect(allowed.sort()).toEqual(['help_reply', 'opt_in_request']);
    }
    expect(decide(facts('manual', 'unknown'))).toEqual({
      send: false,
      status: 'held',
      reason: WAIT_FOR_OPT_IN,
    });
    expect(decide(facts('automated', 'pending'))).toEqual({
      send: false,
      status: 'held',
      reason: WAIT_FOR_OPT_IN,
    });
  });

  it('lets only one opt-out confirmation and a HELP answer go to an opted-out number', () => {
    const allowed = OUTBOUND_KINDS.filter((kind) => decide(facts(kind, 'opted_out')).send);
    expect(allowed.sort()).toEqual(['help_reply', 'opt_out_confirmation']);
    expect(
      decide(facts('opt_out_confirmation', 'opted_out', { confirmationAlreadySent: true })),
    ).toMatchObject({
      send: false,
      status: 'blocked',
    });
    expect(decide(facts('opt_out_confirmation', 'opted_out', { writtenSinceOptOut: false }))).toMatchObject({
      send: false,
      status: 'blocked',
    });
    for (const kind of ['manual', 'automated', 'opt_in_request', 'opt_in_confirmation'] as const) {
      expect(decide(facts(kind, 'opted_out'))).toMatchObject({ send: false, status: 'blocked' });
    }
  });

  it('holds automated texts (not manual ones) while a possible opt-out waits for review', () => {
    expect(decide(facts('automated', 'opted_in', { reviewOpen: true }))).toMatchObject({
      send: false,
      status: 'held',
    });
    expect(decide(facts('manual', 'opted_in', { reviewOpen: true }))).toEqual({ send: true });
  });

  it('never lets an inbound row out', () => {
    for (const consent of CONSENT_STATES) expect(decide(facts('inbound', consent)).send).toBe(false);
  });
});

/** What the law allows, written independently of gate.ts, for the property below. */
function allowedBySpec(
  kind: OutboundKind,
  consent: ConsentState,
  confirmationsSentSinceOptOut: number,
): boolean {
  if (kind === 'help_reply') return true;
  if (consent === 'opted_in') return true;
  if (consent === 'opted_out') return kind === 'opt_out_confirmation' && confirmationsSentSinceOptOut === 0;
  return kind === 'opt_in_request';
}

const A_NUMBER = '+15551230001';

describe('gate inside the outbox (property)', () => {
  it('a claimed text reaches the carrier only when the number’s consent allows its kind, at the moment of claiming', async () => {
    const step = fc.oneof(
      fc.record({ op: fc.constant('consent' as const), to: fc.constantFrom(...CONSENT_STATES) }),
      fc.record({ op: fc.constant('queue' as const), kind: fc.constantFrom(...OUTBOUND_KINDS) }),
      fc.record({ op: fc.constant('flush' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        const desk = createTestDesk();
        const { db, clock } = desk;
        desk.context.settings.update({ messagesPerSecond: 50 });
        const violations: string[] = [];
        const bodies = new Map<string, OutboundKind>();
        let confirmationsSinceOptOut = 0;
        // Checks every send against the spec at the instant it leaves the desk.
        const fake = desk.carrier;
        const realSend = fake.send.bind(fake);
        fake.send = async (request: SendRequest) => {
          const kind = bodies.get(request.text)!;
          const consent = currentConsent(db, request.to);
          if (!allowedBySpec(kind, consent, confirmationsSinceOptOut))
            violations.push(`${kind} to ${consent}`);
          if (kind === 'opt_out_confirmation' && consent === 'opted_out') confirmationsSinceOptOut++;
          return realSend(request);
        };
        const outbox = createOutbox(
          desk.context,
          new RecordingConsentPort(db, clock),
          new StatusReporter(desk.context),
          {
            random: () => 0.5,
          },
        );
        const queued: { id: number; kind: OutboundKind }[] = [];
        for (const [index, s] of steps.entries()) {
          clock.advance(1_000);
          if (s.op === 'consent') {
            if (s.to === 'opted_out' && currentConsent(db, A_NUMBER) !== 'opted_out')
              confirmationsSinceOptOut = 0;
            setConsent(db, A_NUMBER, s.to, clock.now());
          } else if (s.op === 'queue') {
            const body = `text ${index} (${s.kind})`;
            bodies.set(body, s.kind);
            queued.push({
              id: queueOutbound(db, { e164: A_NUMBER, body, kind: s.kind, at: clock.now() }),
              kind: s.kind,
            });
          } else {
            await outbox.flush();
          }
        }
        for (let i = 0; i < queued.length; i++) {
          clock.advance(1_000);
          await outbox.flush();
        }
        expect(violations).toEqual([]);
        expect(queued.filter(({ id }) => messageRow(db, id).status === 'queued')).toEqual([]);
        // Refused texts are held or blocked with a reason; manual and automated ones never reach the carrier
        // unless the number was opted in when they were claimed.
        for (const { id, kind } of queued) {
          const row = messageRow(db, id);
          if (row.status === 'held' || row.status === 'blocked') {
            expect(row.status_reason).toBeTruthy();
            expect(row.carrier_id).toBeNull();
          }
          if (row.status === 'held') expect(['manual', 'automated']).toContain(kind);
        }
        const accepted = (fake as FakeCarrier).accepted.length;
        const sentRows = queued.filter(({ id }) => messageRow(db, id).carrier_id !== null).length;
        expect(accepted).toBe(sentRows);
      }),
      { numRuns: 150 },
    );
  });
});
