/**
 * The sync poller: brings the carrier's news into the desk. One run at a time, each scheduled by the last
 * (never setInterval). A run: new inbound texts (one transaction per page stores them, hands each new one to
 * the consent rules and moves the cursor), then the status of texts the carrier has not finished with, then
 * the carrier's own opt-out list. Polls faster for a while after a send; backs off while the carrier is away.
 */
import type { SyncStatus } from '../../shared/api';
import { CarrierError, type DetailRecord } from '../carrier/carrier';
import { backoffDelay, type BackoffPolicy } from './backoff';
import { isFinal, outcomeOf, OPTED_OUT_CODE, statusProblemWords } from './carrier-words';
import { ChainedTimer } from './chained-timer';
import { LoopLifecycle } from './loop-lifecycle';
import type { ConsentPort } from './consent-port';
import type { MessagingContext } from './context';
import { InboundStore, type InboundText } from './inbound-store';
import type { MessageRef } from './outbox-rows';
import { SingleFlight } from './single-flight';
import type { StatusReporter } from './status';
import { readNumber, writeSyncState } from './sync-state';

export interface SyncOptions {
  intervalMs?: number;
  /** Poll this often for `fastWindowMs` after a send, to catch its status and a quick reply. */
  fastIntervalMs?: number;
  fastWindowMs?: number;
  /** Each run looks back this far before the cursor, for records the carrier lists late. */
  overlapMs?: number;
  /** How far back the very first run looks. */
  firstLookbackMs?: number;
  pageSize?: number;
  /** Delivery status is followed for this long after a send, then left as it stands. */
  statusWindowMs?: number;
  /** At most this many texts have their status checked per run (newest first). */
  statusBatch?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** Told after a page stored new texts (the consent rules may have queued replies or released held texts). */
  onNewWork?: () => void;
}

export interface SyncRunResult {
  ok: boolean;
  /** Inbound texts stored for the first time. */
  stored: number;
  /** Outbound texts whose status changed. */
  statusChanges: number;
  /** Numbers the carrier's opt-out list turned opted_out. */
  optOuts: number;
  problem: string | null;
}

export interface SyncLoop {
  start(): void;
  /** Stops scheduling and waits for a run in progress (it stops at the next page boundary). */
  stop(): Promise<void>;
  /** Runs now, or right after the run in progress; resolves with that run's result. */
  syncNow(): Promise<SyncRunResult>;
  status(): SyncStatus;
  /** The outbox sent a text: poll faster for a while. */
  noteSent(): void;
  /**
   * The desk now talks to another carrier (demo ⇄ Telnyx): forget the old carrier's cursors, so the next run
   * looks back as a first run does and reads the new carrier's whole opt-out list.
   */
  carrierChanged(): void;
  idle(): Promise<void>;
}

export const INBOUND_CURSOR_KEY = 'inbound_cursor';
export const OPT_OUT_CURSOR_KEY = 'optout_cursor';

const STOPPED: SyncRunResult = {
  ok: false,
  stored: 0,
  statusChanges: 0,
  optOuts: 0,
  problem: 'The desk is stopping.',
};

export function createSyncLoop(
  context: MessagingContext,
  consentPort: ConsentPort,
  reporter: StatusReporter,
  options: SyncOptions = {},
): SyncLoop {
  const { db, clock, log, events, carrier } = context;
  const intervalMs = options.intervalMs ?? 15_000;
  const fastIntervalMs = options.fastIntervalMs ?? 2_000;
  const fastWindowMs = options.fastWindowMs ?? 60_000;
  const overlapMs = options.overlapMs ?? 10 * 60_000;
  const firstLookbackMs = options.firstLookbackMs ?? 24 * 60 * 60_000;
  const pageSize = options.pageSize ?? 50;
  const statusWindowMs = options.statusWindowMs ?? 72 * 60 * 60_000;
  const statusBatch = options.statusBatch ?? 500;
  const backoff = options.backoff ?? { baseMs: 5_000, maxMs: 2 * 60_000 };
  const random = options.random ?? Math.random;

  const inbound = new InboundStore(db);
  const flight = new SingleFlight(run);
  const timer = new ChainedTimer(clock, () => void flight.run());
  const unfinished = db.prepare(
    `SELECT id, carrier_id AS carrierId, e164 FROM messages
     WHERE status = 'sent' AND direction = 'outbound' AND carrier_id IS NOT NULL AND status_reason IS NULL
       AND sent_at >= ?
     ORDER BY id DESC LIMIT ?`,
  );
  const settle = db.prepare(
    `UPDATE messages SET status = @status, error_code = @errorCode, error_reason = @errorReason,
       status_reason = @statusReason, updated_at = @now
     WHERE id = @id`,
  );
  const consentOf = db.prepare('SELECT state, updated_at AS updatedAt FROM consents WHERE e164 = ?');
  const refOf = db.prepare('SELECT id AS messageId, client_id AS clientId, e164 FROM messages WHERE id = ?');

  const lifecycle = new LoopLifecycle(flight, timer);
  let failures = 0;
  let fastUntil = 0;

  function changed(ids: number[]): void {
    for (const id of ids) events.emit('message.changed', refOf.get(id) as MessageRef);
  }

  async function run(): Promise<SyncRunResult> {
    if (lifecycle.stopping) return STOPPED;
    const result: SyncRunResult = { ok: false, stored: 0, statusChanges: 0, optOuts: 0, problem: null };
    try {
      result.stored = await pullInbound();
      result.statusChanges = await followStatuses();
      result.optOuts = await pullOptOuts();
      result.ok = !lifecycle.stopping;
      if (result.ok) {
        failures = 0;
        reporter.syncSucceeded(clock.now());
      }
    } catch (caught) {
      failures++;
      result.problem = problemWords(caught);
      if (caught instanceof CarrierError) {
        log.warn('sync could not reach the carrier', { kind: caught.kind, message: caught.message });
        if (caught.kind === 'rate_limited') reporter.reportProblem(result.problem);
        else reporter.carrierUnreachable(result.problem);
      } else {
        log.error('sync run failed', { error: String(caught) });
        reporter.reportProblem(result.problem);
      }
    } finally {
      scheduleNext(result.ok);
    }
    return result;
  }

  function scheduleNext(ok: boolean): void {
    if (!lifecycle.running) return;
    const now = clock.now();
    const delay = !ok
      ? backoffDelay(failures, random, backoff)
      : now < fastUntil
        ? fastIntervalMs
        : intervalMs;
    timer.at(now + delay);
  }

  /** New inbound texts, oldest first, page by page; each page committed with its cursor. */
  async function pullInbound(): Promise<number> {
    const savedCursor = readNumber(db, INBOUND_CURSOR_KEY);
    let cursor = savedCursor ?? clock.now() - firstLookbackMs;
    // Pinned on the first run, so a desk with no replies yet does not slide its start forward.
    if (savedCursor === null) writeSyncState(db, INBOUND_CURSOR_KEY, cursor);
    const since = cursor - overlapMs;
    let stored = 0;
    for (let pageNumber = 1, totalPages = 1; pageNumber <= totalPages && !lifecycle.stopping; pageNumber++) {
      const page = await carrier.listDetailRecords({ direction: 'inbound', since, pageNumber, pageSize });
      totalPages = page.totalPages;
      const records = page.items
        .filter((record) => record.direction === 'inbound')
        .sort((a, b) => a.createdAt - b.createdAt || a.carrierId.localeCompare(b.carrierId));
      const texts: InboundText[] = [];
      for (const record of records) {
        if (inbound.isStored(record.carrierId)) continue;
        texts.push(await fetchText(record));
      }
      const before: number = cursor;
      const pageMax = records.reduce((max, record) => Math.max(max, record.createdAt), before);
      const now = clock.now();
      const newIds = db.transaction(() => {
        const ids: number[] = [];
        for (const text of texts) {
          const row = inbound.insert(text, now);
          if (!row) continue;
          consentPort.onInbound(row.id);
          ids.push(row.id);
        }
        if (pageMax > before) writeSyncState(db, INBOUND_CURSOR_KEY, pageMax);
        return ids;
      })();
      cursor = pageMax;
      stored += newIds.length;
      changed(newIds);
      if (newIds.length > 0) options.onNewWork?.();
    }
    return stored;
  }

  async function fetchText(record: DetailRecord): Promise<InboundText> {
    try {
      const message = await carrier.getMessage(record.carrierId);
      return {
        carrierId: record.carrierId,
        from: message.from || record.from,
        to: message.to || record.to,
        text: message.text,
        createdAt: record.createdAt,
      };
    } catch (caught) {
      if (
        !(caught instanceof CarrierError) ||
        caught.retryable ||
        caught.kind === 'unknown_outcome' ||
        caught.kind === 'auth'
      ) {
        throw caught;
      }
      // The carrier lists the text but will not give it: keep the record rather than lose it.
      log.warn('carrier gave no text for an inbound record', {
        carrierId: record.carrierId,
        error: caught.message,
      });
      return {
        carrierId: record.carrierId,
        from: record.from,
        to: record.to,
        text: '',
        createdAt: record.createdAt,
        problem: 'The carrier listed this text but did not give its words.',
      };
    }
  }

  /** Delivery status of texts the carrier took and has not finished with. */
  async function followStatuses(): Promise<number> {
    const rows = unfinished.all(clock.now() - statusWindowMs, statusBatch) as {
      id: number;
      carrierId: string;
      e164: string;
    }[];
    let changes = 0;
    for (const row of rows) {
      if (lifecycle.stopping) break;
      let message;
      try {
        message = await carrier.getMessage(row.carrierId);
      } catch (caught) {
        if (
          caught instanceof CarrierError &&
          (caught.kind === 'permanent' || caught.kind === 'invalid_number')
        ) {
          log.warn('carrier has no status for a sent text', { messageId: row.id, error: caught.message });
          continue;
        }
        throw caught;
      }
      const outcome = outcomeOf(message);
      if (!isFinal(outcome)) continue;
      db.transaction(() => {
        settle.run({ id: row.id, ...outcome, now: clock.now() });
        if (outcome.status === 'failed' && outcome.errorCode === OPTED_OUT_CODE) {
          consentPort.onCarrierOptOut(row.e164, CARRIER_BLOCKED_DELIVERY_REASON, row.id);
        }
      })();
      changes++;
      changed([row.id]);
    }
    return changes;
  }

  /** The carrier's opt-out list: it wins over the desk's state when it is newer than the desk's last change. */
  async function pullOptOuts(): Promise<number> {
    const cursor = readNumber(db, OPT_OUT_CURSOR_KEY);
    // The first run reads the whole list, so a desk connected to an existing account learns every block.
    const since = cursor === null ? undefined : cursor - overlapMs;
    let applied = 0;
    let newest = cursor ?? 0;
    for (let pageNumber = 1, totalPages = 1; pageNumber <= totalPages && !lifecycle.stopping; pageNumber++) {
      const page = await carrier.listOptOuts({ pageNumber, pageSize, since });
      totalPages = page.totalPages;
      applied += db.transaction(() => {
        let count = 0;
        for (const entry of page.items) {
          newest = Math.max(newest, entry.createdAt);
          const consent = consentOf.get(entry.e164) as { state: string; updatedAt: number } | undefined;
          if (consent?.state === 'opted_out') continue;
          // An entry older than the desk's last change (a START the desk has seen since) is stale.
          if (consent && entry.createdAt <= consent.updatedAt) continue;
          consentPort.onCarrierOptOut(entry.e164, optOutListReason(entry.keyword), null);
          count++;
        }
        if (newest > (cursor ?? 0)) writeSyncState(db, OPT_OUT_CURSOR_KEY, newest);
        return count;
      })();
    }
    return applied;
  }

  return {
    start: () => lifecycle.start(),
    stop: () => lifecycle.stop(),
    syncNow() {
      if (lifecycle.stopping) return Promise.resolve(STOPPED);
      timer.cancel();
      return flight.run();
    },
    status: () => reporter.current(),
    noteSent() {
      const now = clock.now();
      fastUntil = now + fastWindowMs;
      if (lifecycle.running && !flight.running) timer.notLaterThan(now + fastIntervalMs);
    },
    carrierChanged() {
      db.prepare('DELETE FROM sync_state WHERE key IN (?, ?)').run(INBOUND_CURSOR_KEY, OPT_OUT_CURSOR_KEY);
      if (lifecycle.running) void flight.run();
    },
    idle: () => flight.idle(),
  };
}

export const CARRIER_BLOCKED_DELIVERY_REASON =
  'The carrier failed a text to this number with error 40300: the client texted STOP to the business number.';

export function optOutListReason(keyword: string | undefined): string {
  return keyword
    ? `The carrier lists this number as opted out (the client texted ${keyword}).`
    : 'The carrier lists this number as opted out.';
}

function problemWords(caught: unknown): string {
  if (caught instanceof CarrierError) return statusProblemWords(caught);
  return `Checking for replies failed: ${caught instanceof Error ? caught.message : String(caught)}`;
}
