/** The whole desk core on a fresh data folder, talking to a demo carrier through the real SDK on a fake clock. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDemoCarrier, type DemoCarrier } from '../carrier/simulator/server';
import { createTelnyxCarrier } from '../carrier/telnyx';
import { FakeClock } from '../core/clock';
import { silentLog } from '../core/log';
import { createDesk, type Desk } from '../desk';

export interface DemoCoreDesk {
  desk: Desk;
  demo: DemoCarrier;
  clock: FakeClock;
  close(): Promise<void>;
}

export async function openDemoCoreDesk(): Promise<DemoCoreDesk> {
  const clock = new FakeClock();
  const demo = await startDemoCarrier({ clock, timings: { sentAfterMs: 1_000, deliveredAfterMs: 3_000 } });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-core-'));
  const desk = createDesk({
    dataDir,
    clock,
    log: silentLog,
    carrier: createTelnyxCarrier({
      apiKey: demo.apiKey,
      baseURL: demo.baseURL,
      messagingProfileId: demo.messagingProfileId,
      mode: 'demo',
    }),
  });
  desk.context.settings.update({ sendingNumber: demo.businessNumber });
  return {
    desk,
    demo,
    clock,
    async close() {
      await desk.stop();
      await demo.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
