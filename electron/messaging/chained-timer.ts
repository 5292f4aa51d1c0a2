import type { Clock, TimerHandle } from '../core/clock';

/** At most one pending timer: each run schedules the next, so runs never pile up the way setInterval can. */
export class ChainedTimer {
  private handle: TimerHandle | null = null;
  private dueAt: number | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly fire: () => void,
  ) {}

  /** Schedules the run at `at` (replacing any pending one). */
  at(at: number): void {
    this.cancel();
    const delay = Math.max(0, at - this.clock.now());
    this.dueAt = this.clock.now() + delay;
    this.handle = this.clock.setTimeout(() => {
      this.handle = null;
      this.dueAt = null;
      this.fire();
    }, delay);
  }

  /** Brings the pending run forward to `at` if it is later (or schedules one if none is pending). */
  notLaterThan(at: number): void {
    if (this.dueAt !== null && this.dueAt <= at) return;
    this.at(at);
  }

  cancel(): void {
    if (this.handle) this.clock.clearTimeout(this.handle);
    this.handle = null;
    this.dueAt = null;
  }

  get pendingAt(): number | null {
    return this.dueAt;
  }
}
