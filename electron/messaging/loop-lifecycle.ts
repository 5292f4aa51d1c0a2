import type { ChainedTimer } from './chained-timer';
import type { SingleFlight } from './single-flight';

/**
 * Start and stop for a single-flight loop on a chained timer, shared by the outbox and the poller. `stopping`
 * is what a pass checks between steps, so a stop lets the step in flight finish and record its result.
 */
export class LoopLifecycle<T> {
  started = false;
  stopping = false;

  constructor(
    private readonly flight: SingleFlight<T>,
    private readonly timer: ChainedTimer,
  ) {}

  /** Started and not stopping: may schedule or run more work. */
  get running(): boolean {
    return this.started && !this.stopping;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    void this.flight.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.timer.cancel();
    await this.flight.idle();
    this.started = false;
  }
}
