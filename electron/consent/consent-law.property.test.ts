/**
 * The consent law as a property: random interleavings of staff texts, opt-in requests and re-sends, automated
 * texts, client replies, carrier faults and desk restarts, run against the real desk core and the demo carrier
 * through the real Telnyx SDK. After every run:
 *  (a) no manual or automated text reached a number that was not opted in when it was sent;
 *  (b) after an opt-out the number received at most one confirmation and nothing else until it opted in again;
 *  (c) every held text ended sent, cancelled or expired: none lost, none sent twice;
 *  (d) replaying the ledger gives the current consent states.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCarrierStopWord } from '../carrier/stop-words';
import type { Carrier, SendRequest } from '../carrier/carrier';
import { startDemoCarrier, type DemoCarrier } from '../carrier/simulator/server';
import { createTelnyxCarrier } from '../carrier/telnyx';
import { FakeClock } from '../core/clock';
import { silentLog } from '../core/log';
import type { Db } from '../db/open';
import { createDesk, type Desk } from '../desk';
import type { ConsentSource, ConsentState, MessageKind } from '../../shared/domain';
import { expireDue } from './held';
import { currentConsent } from './ledger';
import { replayLedger } from './machine';

const NUMBERS = ['+12125550101', '+12125550102', '+12125550103'] as const;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const REPLIES = [
  'YES',
  'yes!',
  'Y',
  'START',
  'STOP',
  'stop',
  'Stop texting me',
  'UNSUBSCRIBE',
  'cancel',
  'END',
  'QUIT',
  'OPT OUT',
  'REVOKE',
  'HELP',
  'info',
  'please stop',
  'no more texts',
  'Stop by at 3?',
  'Can I cancel Tuesday?',
  'Yes, see you then!',
  'HELP! Max got out',
  'UNSTOP',
];

/** A RAM disk where there is one: the ledger's synchronous=FULL fsyncs would otherwise dominate 1,000 runs. */
function scratchDir(): string {
  return fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
}

type Command =
  | { type: 'staffText'; who: number }
  | { type: 'requestOptIn'; who: number }
  | { type: 'reRequest'; who: number }
  | { type: 'automated'; who: number; startsInHours: number }
  | { type: 'reply'; who: number; text: string }
  | { type: 'fault'; fault: 'rate' | 'serverError' | 'timeout' | 'down' | 'lateRecords' }
  | { type: 'restart' }
  | { type: 'advance'; minutes: number };

const who = fc.integer({ min: 0, max: NUMBERS.length - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('staffText' as const), who }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('requestOptIn' as const), who }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('reRequest' as const), who }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('automated' as const),
      who,
      startsInHours: fc.integer({ min: 1, max: 48 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      type: fc.constant('reply' as const),
      who,
      text: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...REPLIES) },
        { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) },
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('fault' as const),
      fault: fc.constantFrom(
        'rate' as const,
        'serverError' as const,
        'timeout' as const,
        'down' as const,
        'lateRecords' as const,
      ),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'restart' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('advance' as const),
      minutes: fc.integer({ min: 0, max: 120 }),
    }),
  },
);

/** What may reach a number in each consent state (HELP is answered whatever the state: CTIA requires it). */
function allowed(kind: MessageKind, state: ConsentState): boolean {
  if (kind === 'help_reply' || state === 'opted_in') return true;
  if (state === 'opted_out') return kind === 'opt_out_confirmation';
  return kind === 'opt_in_request';
}

interface SendSeen {
  messageId: number;
  kind: MessageKind;
  e164: string;
  state: ConsentState;
  confirmationsSinceOptOut: number;
}

/** The carrier the desk talks to, wrapped so every send is checked against the desk's records at that instant. */
class WitnessCarrier implements Carrier {
  readonly mode = 'demo' as const;
  db: Db | null = null;
  seen: SendSeen[] = [];
  violations: string[] = [];

  constructor(private readonly inner: Carrier) {}

  send(request: SendRequest) {
    const db = this.db!;
    const row = db
      .prepare(
        "SELECT id, kind FROM messages WHERE status = 'sending' AND e164 = ? AND body = ? ORDER BY id LIMIT 1",
      )
      .get(request.to, request.text) as { id: number; kind: MessageKind } | undefined;
    if (!row) {
      this.violations.push(
        `a text to ${request.to} went to the carrier without a claimed row: ${request.text}`,
      );
    } else {
      const state = currentConsent(db, request.to);
      const confirmationsSinceOptOut = (
        db
          .prepare(
            `SELECT count(*) AS n FROM messages WHERE e164 = @e164 AND kind = 'opt_out_confirmation'
             AND status IN ('sent', 'delivered', 'sending', 'failed') AND id <> @id
             AND created_at >= (SELECT max(at) FROM consent_events WHERE e164 = @e164 AND to_state = 'opted_out')`,
          )
          .get({ e164: request.to, id: row.id }) as { n: number }
      ).n;
      this.seen.push({
        messageId: row.id,
        kind: row.kind,
        e164: request.to,
        state,
        confirmationsSinceOptOut,
      });
      if (!allowed(row.kind, state)) {
        this.violations.push(`(a/b) a ${row.kind} went to ${request.to} while it was ${state}`);
      }
      if (row.kind === 'opt_out_confirmation' && confirmationsSinceOptOut > 0) {
        this.violations.push(`(b) a second opt-out confirmation went to ${request.to}`);
      }
    }
    return this.inner.send(request);
  }
  getMessage(id: string) {
    return this.inner.getMessage(id);
  }
  listDetailRecords(query: Parameters<Carrier['listDetailRecords']>[0]) {
    return this.inner.listDetailRecords(query);
  }
  listOptOuts(query: Parameters<Carrier['listOptOuts']>[0]) {
    return this.inner.listOptOuts(query);
  }
  setHelpAutoResponse(text: string) {
    return this.inner.setHelpAutoResponse(text);
  }
  testConnection() {
    return this.inner.testConnection();
  }
}

describe('the consent law under random interleavings', () => {
  const clock = new FakeClock(Date.UTC(2026, 5, 1, 14, 0, 0));
  let demo: DemoCarrier;
  const dirs: string[] = [];

  beforeAll(async () => {
    demo = await startDemoCarrier({ clock, timings: { sentAfterMs: 1_000, deliveredAfterMs: 3_000 } });
  });
  afterAll(async () => {
    await demo.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function runScenario(commands: Command[]): Promise<string[]> {
    await demo.reset();
    const dataDir = fs.mkdtempSync(path.join(scratchDir(), 'consent-law-'));
    dirs.push(dataDir);
    const witness = new WitnessCarrier(
      createTelnyxCarrier({
        apiKey: demo.apiKey,
        baseURL: demo.baseURL,
        messagingProfileId: demo.messagingProfileId,
        mode: 'demo',
        timeoutMs: 100,
      }),
    );
    const open = (): Desk => {
      const desk = createDesk({
        dataDir,
        carrier: witness,
        clock,
        log: silentLog,
        messaging: { outbox: { random: () => 0.5 }, sync: { random: () => 0.5 } },
      });
      desk.context.settings.update({ sendingNumber: demo.businessNumber });
      witness.db = desk.context.db;
      return desk;
    };
    let desk = open();
    const clientIds = NUMBERS.map((e164, index) => {
      const now = clock.now();
      const id = Number(
        desk.context.db
          .prepare('INSERT INTO clients (first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, ?)')
          .run(`Client${index}`, 'Law', now, now).lastInsertRowid,
      );
      desk.context.db
        .prepare('INSERT INTO phones (client_id, e164, is_texting) VALUES (?, ?, 1)')
        .run(id, e164);
      return id;
    });
    let serial = 0;
    // One outbox pass and one poll after each step: sends and replies interleave with the next step.
    const settle = async () => {
      await desk.loops.outbox.flush();
      await desk.loops.sync.syncNow();
    };

    for (const step of commands) {
      const e164 = 'who' in step ? NUMBERS[step.who]! : '';
      const clientId = 'who' in step ? clientIds[step.who]! : 0;
      switch (step.type) {
        case 'staffText':
          await desk.call('sms.send', {
            clientId,
            e164,
            body: `Staff text #${++serial}`,
            holdUntilOptIn: true,
          });
          break;
        case 'requestOptIn':
          await desk.call('consent.requestOptIn', { clientId, e164 });
          break;
        case 'reRequest':
          await desk.call('consent.staffReRequest', {
            clientId,
            e164,
            reason: 'Client asked at the counter',
          });
          break;
        case 'automated': {
          const now = clock.now();
          const appointmentId = Number(
            desk.context.db
              .prepare(
                "INSERT INTO appointments (client_id, service, starts_at, ends_at, status, created_at, updated_at) VALUES (?, 'daycare', ?, ?, 'booked', ?, ?)",
              )
              .run(clientId, now + step.startsInHours * HOUR, now + (step.startsInHours + 8) * HOUR, now, now)
              .lastInsertRowid,
          );
          desk.context.consent.submitAutomated({
            e164,
            clientId,
            body: `Automated text #${++serial}`,
            appointmentId,
            automation: 'confirmation',
            notBefore: now,
            expiresAt: now + step.startsInHours * HOUR,
          });
          break;
        }
        case 'reply':
          demo.injectInbound(e164, step.text);
          break;
        case 'fault':
          await demo.setFaults(
            step.fault === 'rate'
              ? { rateLimitNext: 3 }
              : step.fault === 'serverError'
                ? { serverErrorNext: 2 }
                : step.fault === 'timeout'
                  ? { timeoutAfterAcceptNext: 1 }
                  : step.fault === 'down'
                    ? { down: '503', downForMs: 5 * MINUTE }
                    : { inboundDelayMs: 20_000 },
          );
          break;
        case 'restart':
          await desk.stop();
          desk = open();
          break;
        case 'advance':
          // The loops run only here, so steps between two advances pile up and meet the loops together.
          clock.advance(step.minutes * MINUTE);
          await settle();
          break;
      }
    }

    // Let the carrier recover, then drain: every queued text goes, every reply is read.
    await demo.setFaults({
      down: false,
      rateLimitNext: 0,
      serverErrorNext: 0,
      timeoutAfterAcceptNext: 0,
      inboundDelayMs: 0,
    });
    const busy = () =>
      desk.context.db
        .prepare(
          "SELECT 1 FROM messages WHERE status IN ('queued', 'sending') OR (status = 'sent' AND direction = 'outbound') LIMIT 1",
        )
        .get() !== undefined;
    for (let round = 0; round < 60 && (round < 2 || busy()); round++) {
      clock.advance(MINUTE);
      await settle();
    }
    // Far enough ahead that every held text has lost its point (manual: 72 h; automated: its appointment).
    clock.advance(100 * HOUR);
    expireDue(desk.context.db, clock.now());
    await settle();

    const problems = [...witness.violations];
    const db = desk.context.db;
    const unsettled = db
      .prepare(
        "SELECT id, kind, status FROM messages WHERE direction = 'outbound' AND status IN ('held', 'queued', 'sending')",
      )
      .all() as { id: number; kind: string; status: string }[];
    for (const row of unsettled) problems.push(`(c) message ${row.id} (${row.kind}) was left ${row.status}`);

    const deskCarrierIds = new Set(
      (
        db
          .prepare("SELECT carrier_id FROM messages WHERE direction = 'outbound' AND carrier_id IS NOT NULL")
          .all() as {
          carrier_id: string;
        }[]
      ).map((row) => row.carrier_id),
    );
    const reached = demo.outbound().filter((record) => record.autoReply === null);
    for (const record of reached) {
      if (!deskCarrierIds.has(record.carrierId))
        problems.push(`(c) the carrier holds a text the desk does not know it sent: ${record.text}`);
    }
    const bodies = reached.filter((record) => /#\d+$/.test(record.text)).map((record) => record.text);
    if (new Set(bodies).size !== bodies.length)
      problems.push('(c) a staff or automated text reached the carrier twice');

    // (b) the desk confirms an opt-out only when the carrier did not: never a second confirmation for one STOP.
    const events = db.prepare('SELECT * FROM consent_events ORDER BY id').all() as {
      id: number;
      e164: string;
      source: ConsentSource;
      from_state: ConsentState;
      to_state: ConsentState;
      message_id: number | null;
      at: number;
    }[];
    const deskConfirmations = db
      .prepare(
        "SELECT e164, created_at FROM messages WHERE kind = 'opt_out_confirmation' AND carrier_id IS NOT NULL ORDER BY id",
      )
      .all() as { e164: string; created_at: number }[];
    for (const confirmation of deskConfirmations) {
      const cause = [...events]
        .reverse()
        .find(
          (event) =>
            event.e164 === confirmation.e164 &&
            event.to_state === 'opted_out' &&
            event.at <= confirmation.created_at,
        );
      const reply = cause?.message_id
        ? (db.prepare('SELECT body FROM messages WHERE id = ?').get(cause.message_id) as
            { body: string } | undefined)
        : undefined;
      if (reply && isCarrierStopWord(reply.body)) {
        problems.push(
          `(b) ${confirmation.e164} got the desk's confirmation on top of the carrier's for "${reply.body}"`,
        );
      }
    }

    // (d) the ledger replays to the current states.
    const replayed = replayLedger(
      events.map((event) => ({
        id: event.id,
        e164: event.e164,
        from: event.from_state,
        to: event.to_state,
        source: event.source,
        at: event.at,
      })),
    );
    for (const problem of replayed.problems) problems.push(`(d) ${problem.e164}: ${problem.problem}`);
    for (const e164 of NUMBERS) {
      const replayedState = replayed.states.get(e164) ?? 'unknown';
      if (replayedState !== currentConsent(db, e164)) {
        problems.push(
          `(d) ${e164}: ledger replays to ${replayedState}, state is ${currentConsent(db, e164)}`,
        );
      }
    }

    await desk.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    return problems;
  }

  it('holds for 1,000 random runs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 20 }), async (commands) => {
        const problems = await runScenario(commands);
        expect(problems, problems.join('\n')).toEqual([]);
      }),
      { numRuns: Number(process.env.CONSENT_LAW_RUNS ?? 1_000) },
    );
  }, 900_000);
});
