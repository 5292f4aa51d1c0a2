/**
 * The loops wired to the real demo carrier through the real Telnyx SDK adapter over loopback, on a fake clock
 * shared with the demo carrier (so its delivery times, outages and late records move with the test).
 */
import type { Carrier } from '../../carrier/carrier';
import { startDemoCarrier, type DemoCarrier, type DemoCarrierOptions } from '../../carrier/simulator/server';
import { createTelnyxCarrier } from '../../carrier/telnyx';
import { FakeClock } from '../../core/clock';
import type { Db } from '../../db/open';
import { createMessagingLoops, type MessagingLoops, type MessagingOptions } from '../loops';
import { createTestDesk, RecordingConsentPort, type TestDesk } from './fixtures';

export interface DemoDesk extends TestDesk<Carrier> {
  demo: DemoCarrier;
  port: RecordingConsentPort;
  loops: MessagingLoops;
}

export async function startDemo(clock: FakeClock, options: DemoCarrierOptions = {}): Promise<DemoCarrier> {
  return startDemoCarrier({ clock, timings: { sentAfterMs: 1_000, deliveredAfterMs: 3_000 }, ...options });
}

export function adapterFor(demo: DemoCarrier, timeoutMs = 5_000): Carrier {
  return createTelnyxCarrier({
    apiKey: demo.apiKey,
    baseURL: demo.baseURL,
    messagingProfileId: demo.messagingProfileId,
    mode: 'demo',
    timeoutMs,
  });
}

/** A desk (its own database unless given) with loops on the demo carrier. */
export function demoDesk(
  demo: DemoCarrier,
  clock: FakeClock,
  options: { db?: Db; carrier?: Carrier; timeoutMs?: number; loops?: MessagingOptions } = {},
): DemoDesk {
  const carrier = options.carrier ?? adapterFor(demo, options.timeoutMs);
  const desk = createTestDesk({ carrier, clock, ...(options.db ? { db: options.db } : {}) });
  const port = new RecordingConsentPort(desk.db, clock);
  const loops = createMessagingLoops(desk.context, port, {
    ...options.loops,
    outbox: { random: () => 0.5, ...options.loops?.outbox },
    sync: { random: () => 0.5, ...options.loops?.sync },
  });
  return { ...desk, demo, port, loops };
}

/**
 * Advances the fake clock step by step until `done()` holds, letting each loop finish the work a step started
 * (real loopback I/O included) before the next. Throws when it does not happen within `maxMs` of fake time.
 */
export async function driveUntil(
  clock: FakeClock,
  loops: { idle(): Promise<void> }[],
  done: () => boolean,
  options: { stepMs?: number; maxMs?: number } = {},
): Promise<number> {
  const stepMs = options.stepMs ?? 250;
  const maxMs = options.maxMs ?? 60 * 60_000;
  let elapsed = 0;
  for (const loop of loops) await loop.idle();
  while (!done()) {
    if (elapsed >= maxMs) throw new Error(`Still not done after ${maxMs} ms of fake time.`);
    clock.advance(stepMs);
    elapsed += stepMs;
    for (const loop of loops) await loop.idle();
  }
  return elapsed;
}
