import type { Clock, TimerHandle } from '../core/clock';
import type { DeskEvents } from '../core/events';
import type { Log } from '../core/log';
import type { Db } from '../db/open';
import { expireDue } from './held';

const EVERY_MS = 60_000;

/** Once a minute, marks held and waiting texts that lost their point as expired, so none is sent late. */
export class ExpiryTimer {
  private timer: TimerHandle | null = null;

  constructor(private readonly context: { db: Db; clock: Clock; events: DeskEvents; log: Log }) {}

  start(): void {
    this.tick();
  }

  stop(): void {
    if (this.timer) this.context.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private tick(): void {
    try {
      for (const row of expireDue(this.context.db, this.context.clock.now())) {
        this.context.events.emit('message.changed', {
          messageId: row.id,
          clientId: row.client_id,
          e164: row.e164,
        });
      }
    } catch (error) {
      this.context.log.error('Expiring held texts failed', { error: String(error) });
    }
    this.timer = this.context.clock.setTimeout(() => this.tick(), EVERY_MS);
  }
}
