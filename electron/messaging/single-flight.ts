/**
 * Runs one piece of async work at a time. A call while it runs does not start a second copy: it gets the
 * promise of one more run that starts when the current one ends (however many callers asked meanwhile), so
 * every caller sees a run that began after its call.
 */
export class SingleFlight<T> {
  private current: Promise<T> | null = null;
  private next: Promise<T> | null = null;

  constructor(private readonly work: () => Promise<T>) {}

  run(): Promise<T> {
    if (!this.current) {
      this.current = this.work().finally(() => {
        this.current = null;
      });
      return this.current;
    }
    if (!this.next) {
      this.next = this.current.then(
        () => this.startNext(),
        () => this.startNext(),
      );
    }
    return this.next;
  }

  get running(): boolean {
    return this.current !== null;
  }

  /** Resolves when no run is in progress or waiting (errors of the runs are not re-thrown here). */
  async idle(): Promise<void> {
    while (this.current || this.next) {
      await (this.next ?? this.current)!.catch(() => undefined);
    }
  }

  private startNext(): Promise<T> {
    this.next = null;
    return this.run();
  }
}
