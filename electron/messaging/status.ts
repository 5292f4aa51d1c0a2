/**
 * What the status bar shows: is the carrier reachable, when did the last sync finish, how many texts wait.
 * Both loops report what they learn about the carrier here; counts come from the rows. A `sync.status` push
 * goes out whenever anything in it changes.
 */
import type { SyncStatus } from '../../shared/api';
import type { MessagingContext } from './context';
import { readNumber, writeSyncState } from './sync-state';

const LAST_SYNC_KEY = 'last_sync_at';

export class StatusReporter {
  private online = false;
  private problem: string | null = null;
  private lastSyncAt: number | null;
  private lastEmitted = '';
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly context: MessagingContext) {
    this.lastSyncAt = readNumber(context.db, LAST_SYNC_KEY);
  }

  /** Keeps the waiting and held counts fresh whenever any part of the desk changes a message. */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.context.events.subscribe((event) => {
      if (event.name === 'message.changed') this.refresh();
    });
    this.refresh();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  current(): SyncStatus {
    const counts = this.context.db
      .prepare(
        `SELECT status, count(*) AS n FROM messages
         WHERE status IN ('queued', 'sending', 'held') AND direction = 'outbound' GROUP BY status`,
      )
      .all() as { status: 'queued' | 'sending' | 'held'; n: number }[];
    const count = (status: string) => counts.find((row) => row.status === status)?.n ?? 0;
    return {
      online: this.online,
      carrierMode: this.context.carrier.mode,
      lastSyncAt: this.lastSyncAt,
      waiting: count('queued') + count('sending'),
      held: count('held'),
      problem: this.problem,
    };
  }

  carrierAnswered(): void {
    this.online = true;
    this.problem = null;
    this.refresh();
  }

  carrierUnreachable(problem: string): void {
    this.online = false;
    this.problem = problem;
    this.refresh();
  }

  /** Something is wrong that is not the carrier being away (it asked to slow down, or the desk hit a fault). */
  reportProblem(problem: string): void {
    this.problem = problem;
    this.refresh();
  }

  syncSucceeded(at: number): void {
    this.lastSyncAt = at;
    writeSyncState(this.context.db, LAST_SYNC_KEY, at);
    this.carrierAnswered();
  }

  /** Pushes the status if anything in it changed since the last push. */
  refresh(): void {
    const status = this.current();
    const key = JSON.stringify(status);
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.context.events.emit('sync.status', status);
  }
}
