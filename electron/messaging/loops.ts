/**
 * The desk's two loops, built together: the outbox (the only sender) and the sync poller, sharing one status
 * reporter. The outbox tells the poller after each send (poll faster); the poller wakes the outbox after it
 * stored replies (the consent rules may have queued answers or released held texts).
 */
import type { ConsentPort } from './consent-port';
import type { MessagingContext } from './context';
import { createOutbox, type Outbox, type OutboxOptions } from './outbox';
import { StatusReporter } from './status';
import { createSyncLoop, type SyncLoop, type SyncOptions } from './sync';

export interface MessagingOptions {
  outbox?: OutboxOptions;
  sync?: SyncOptions;
}

export interface MessagingLoops {
  outbox: Outbox;
  sync: SyncLoop;
  start(): void;
  /** Stops both loops; a send in flight is recorded before this resolves. */
  stop(): Promise<void>;
}

export function createMessagingLoops(
  context: MessagingContext,
  consentPort: ConsentPort,
  options: MessagingOptions = {},
): MessagingLoops {
  const reporter = new StatusReporter(context);
  const sync: SyncLoop = createSyncLoop(context, consentPort, reporter, {
    ...options.sync,
    onNewWork: () => {
      options.sync?.onNewWork?.();
      outbox.wake();
    },
  });
  const outbox: Outbox = createOutbox(context, consentPort, reporter, {
    ...options.outbox,
    onSent: () => {
      options.outbox?.onSent?.();
      sync.noteSent();
    },
  });
  return {
    outbox,
    sync,
    start() {
      reporter.start();
      outbox.start();
      sync.start();
    },
    async stop() {
      await Promise.all([outbox.stop(), sync.stop()]);
      reporter.stop();
    },
  };
}
