/**
 * The durable outbox: the only code that sends texts. Each pass: settle unknown outcomes first, then claim due
 * queued rows one at a time (consent re-checked by the gate in the claiming transaction), send outside the
 * transaction, record the answer. All state is in the rows; timers are chained on the injected clock.
 */
import { CarrierError, type CarrierMessage } from '../carrier/carrier';
import { backoffDelay, DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from './backoff';
import {
  outcomeOf,
  OPTED_OUT_CODE,
  optedOutWords,
  sendErrorWords,
  statusProblemWords,
} from './carrier-words';
import { ChainedTimer } from './chained-timer';
import { LoopLifecycle } from './loop-lifecycle';
import { expiredReason } from '../consent/reasons';
import type { ConsentPort } from './consent-port';
import type { MessagingContext } from './context';
import { checkGate } from './gate';
import { OutboxRows, type MessageRef, type OutboxRow } from './outbox-rows';
import { findCarrierCopy } from './reconcile';
import { SingleFlight } from './single-flight';
import type { StatusReporter } from './status';
import { TokenBucket } from './token-bucket';

export interface OutboxOptions {
  /** Source of jitter; tests pass a fixed one. */
  random?: () => number;
  backoff?: BackoffPolicy;
  /** First look at the carrier's records this long after an unknown outcome. */
  reconcileDelayMs?: number;
  /** Detail records can appear late: until this long after the attempt, "no record" means "look again". */
  reconcileGraceMs?: number;
  /** How often to look again inside the grace period. */
  reconcileRetryMs?: number;
  /** How far the carrier's clock may differ from the desk's when searching its records. */
  clockSkewMs?: number;
  /** Longest single timer; a far-off due time is re-read from the rows when it fires. */
  maxTimerMs?: number;
  pageSize?: number;
  /** Told after each text the carrier took (the poller speeds up to catch its status and the reply). */
  onSent?: () => void;
}

export interface Outbox {
  start(): void;
  /** Stops claiming, waits for a send in flight to be recorded, then returns. */
  stop(): Promise<void>;
  /** Something was queued or released: look now rather than at the next timer. */
  wake(): void;
  /** Runs a pass now (or right after the one running) and resolves when it ends. */
  flush(): Promise<void>;
  /** Resolves when no pass is running or waiting. */
  idle(): Promise<void>;
}

const AUTH_PAUSE_MS = 60_000;
const UNEXPECTED_PAUSE_MS = 5_000;

export const CARRIER_OPT_OUT_REASON =
  'The carrier refused a text to this number with error 40300: the client texted STOP to the business number.';

export function createOutbox(
  context: MessagingContext,
  consentPort: ConsentPort,
  status: StatusReporter,
  options: OutboxOptions = {},
): Outbox {
  const { db, clock, log, events, carrier } = context;
  const random = options.random ?? Math.random;
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const reconcileDelayMs = options.reconcileDelayMs ?? 5_000;
  const reconcileGraceMs = options.reconcileGraceMs ?? 5 * 60_000;
  const reconcileRetryMs = options.reconcileRetryMs ?? 30_000;
  const clockSkewMs = options.clockSkewMs ?? 2 * 60_000;
  const maxTimerMs = options.maxTimerMs ?? 60 * 60_000;
  const pageSize = options.pageSize ?? 50;

  const rows = new OutboxRows(db);
  const bucket = new TokenBucket(clock);
  const flight = new SingleFlight(pass);
  const timer = new ChainedTimer(clock, () => void flight.run());
  const lifecycle = new LoopLifecycle(flight, timer);
  /** The carrier is struggling: nothing goes to it before this time. */
  let pausedUntil = 0;
  let consecutiveFailures = 0;

  function changed(refs: MessageRef[]): void {
    for (const ref of refs) events.emit('message.changed', ref);
  }

  function pause(ms: number): number {
    const until = clock.now() + ms;
    pausedUntil = Math.max(pausedUntil, until);
    return until;
  }

  async function pass(): Promise<void> {
    try {
      while (!lifecycle.stopping && clock.now() >= pausedUntil) {
        const now = clock.now();
        const unsure = rows.nextUnsure(now);
        if (unsure) {
          await reconcile(unsure);
          continue;
        }
        const perSecond = context.settings.get().messagesPerSecond;
        const claimed = claimNext(now, bucket.waitMs(perSecond) === 0);
        if (claimed === 'nothing' || claimed === 'wait') break;
        if (claimed === 'refused') continue;
        bucket.take(perSecond);
        await send(claimed);
      }
    } catch (error) {
      // A bug or a database fault must not spin the loop; the rows still say what is left to do.
      log.error('outbox pass failed', { error: String(error) });
      pause(UNEXPECTED_PAUSE_MS);
    } finally {
      scheduleNext();
    }
  }

  function scheduleNext(): void {
    if (!lifecycle.running) return;
    const dueAt = rows.nextWakeAt();
    if (dueAt === null) {
      timer.cancel();
      return;
    }
    const now = clock.now();
    const tokenAt = now + bucket.waitMs(context.settings.get().messagesPerSecond);
    const at = Math.max(dueAt, pausedUntil, tokenAt);
    timer.at(Math.min(at, now + maxTimerMs));
  }

  /**
   * One transaction: pick the oldest due row, then expire it, refuse it, or (when the rate allows a send now)
   * mark it `sending`. Refusals need no send token, so held and blocked texts are settled at once.
   */
  function claimNext(now: number, mayClaim: boolean): OutboxRow | 'refused' | 'wait' | 'nothing' {
    const result = db.transaction((): OutboxRow | { refused: number } | 'wait' | 'nothing' => {
      const row = rows.nextDue(now);
      if (!row) return 'nothing';
      if (row.expires_at !== null && row.expires_at <= now) {
        rows.refuse(row.id, 'expired', expiredReason(row), now);
        return { refused: row.id };
      }
      const verdict = checkGate(db, row);
      if (!verdict.send) {
        rows.refuse(row.id, verdict.status, verdict.reason, now);
        return { refused: row.id };
      }
      if (!mayClaim) return 'wait';
      rows.claim(row.id, now, now + reconcileDelayMs);
      return row;
    })();
    if (result === 'nothing' || result === 'wait') return result;
    if ('refused' in result) {
      changed([rows.ref(result.refused)]);
      return 'refused';
    }
    return result;
  }

  async function send(row: OutboxRow): Promise<void> {
    changed([rows.ref(row.id)]);
    let message: CarrierMessage;
    try {
      message = await carrier.send({ from: row.business_number, to: row.e164, text: row.body });
    } catch (error) {
      recordFailure(row, error);
      return;
    }
    recordAccepted(row, message);
    options.onSent?.();
  }

  function recordAccepted(row: OutboxRow, message: CarrierMessage): void {
    const now = clock.now();
    const outcome = outcomeOf(message);
    db.transaction(() => {
      rows.accept(row.id, message.carrierId, outcome, now);
      if (outcome.status === 'failed' && outcome.errorCode === OPTED_OUT_CODE) {
        consentPort.onCarrierOptOut(row.e164, CARRIER_OPT_OUT_REASON, row.id);
      }
    })();
    consecutiveFailures = 0;
    status.carrierAnswered();
    changed([rows.ref(row.id)]);
  }

  function recordFailure(row: OutboxRow, caught: unknown): void {
    const now = clock.now();
    const error =
      caught instanceof CarrierError
        ? caught
        : // Something unexpected after the request may have left: treat as unknown, never as "not sent".
          new CarrierError('unknown_outcome', caught instanceof Error ? caught.message : String(caught));
    if (!(caught instanceof CarrierError))
      log.error('carrier send threw an unexpected error', { error: String(caught) });
    const words = sendErrorWords(error);
    const code = error.details.code ?? error.kind;
    switch (error.kind) {
      case 'opted_out':
        db.transaction(() => {
          rows.fail(row.id, error.details.code ?? OPTED_OUT_CODE, optedOutWords(), now);
          consentPort.onCarrierOptOut(row.e164, CARRIER_OPT_OUT_REASON, row.id);
        })();
        consecutiveFailures = 0;
        status.carrierAnswered();
        break;
      case 'invalid_number':
      case 'permanent':
        rows.fail(row.id, code, words, now);
        consecutiveFailures = 0;
        status.carrierAnswered();
        break;
      case 'auth': {
        consecutiveFailures++;
        const until = pause(Math.max(AUTH_PAUSE_MS, backoffDelay(consecutiveFailures, random, policy)));
        rows.retry(row.id, code, words, until, now);
        status.carrierUnreachable(statusProblemWords(error));
        break;
      }
      case 'rate_limited':
      case 'transient': {
        consecutiveFailures++;
        const until = pause(retryDelay(error, consecutiveFailures, random, policy));
        rows.retry(row.id, code, words, until, now);
        if (error.kind === 'transient') status.carrierUnreachable(statusProblemWords(error));
        else status.reportProblem(statusProblemWords(error));
        break;
      }
      case 'unknown_outcome': {
        consecutiveFailures++;
        pause(backoffDelay(consecutiveFailures, random, policy));
        rows.unsure(row.id, code, words, now + reconcileDelayMs, now);
        status.carrierUnreachable('The carrier is not answering in time; texts wait until it does.');
        break;
      }
    }
    log.warn('send failed', { messageId: row.id, kind: error.kind, code, message: error.message });
    changed([rows.ref(row.id)]);
  }

  async function reconcile(row: OutboxRow): Promise<void> {
    const now = clock.now();
    const sentAt = row.sent_at ?? row.created_at;
    let copy: CarrierMessage | null;
    try {
      copy = await findCarrierCopy(
        carrier,
        { e164: row.e164, body: row.body, sentAt },
        (id) => rows.carrierIdKnown(id),
        {
          skewMs: clockSkewMs,
          now,
          pageSize,
        },
      );
    } catch (caught) {
      consecutiveFailures++;
      const error = caught instanceof CarrierError ? caught : null;
      const delay = error
        ? retryDelay(error, consecutiveFailures, random, policy)
        : backoffDelay(consecutiveFailures, random, policy);
      const until = pause(delay);
      rows.unsure(
        row.id,
        'unknown_outcome',
        sendErrorWords(new CarrierError('unknown_outcome', '')),
        until,
        now,
      );
      if (!error || error.kind !== 'rate_limited') {
        status.carrierUnreachable(error ? statusProblemWords(error) : 'The carrier could not be checked.');
      }
      log.warn('could not check an unknown outcome', { messageId: row.id, error: String(caught) });
      return;
    }
    if (copy) {
      log.info('unknown outcome settled: the carrier has the text', {
        messageId: row.id,
        carrierId: copy.carrierId,
      });
      recordAccepted(row, copy);
      return;
    }
    const graceEnds = sentAt + reconcileGraceMs;
    if (now < graceEnds) {
      rows.unsure(
        row.id,
        'unknown_outcome',
        sendErrorWords(new CarrierError('unknown_outcome', '')),
        Math.min(now + reconcileRetryMs, graceEnds),
        now,
      );
    } else {
      // The carrier's records, given time to appear, show no such text: it did not go, so it may be sent.
      log.info('unknown outcome settled: the carrier never took the text; queued again', {
        messageId: row.id,
      });
      rows.retry(
        row.id,
        'unknown_outcome',
        'The carrier has no record of the earlier attempt; sending it again.',
        now,
        now,
      );
    }
    consecutiveFailures = 0;
    status.carrierAnswered();
    changed([rows.ref(row.id)]);
  }

  return {
    start: () => lifecycle.start(),
    stop: () => lifecycle.stop(),
    wake() {
      if (!lifecycle.running) return;
      void flight.run();
    },
    flush() {
      if (lifecycle.stopping) return Promise.resolve();
      return flight.run();
    },
    idle: () => flight.idle(),
  };
}
