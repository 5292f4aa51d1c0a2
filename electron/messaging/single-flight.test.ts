import { describe, expect, it } from 'vitest';
import { SingleFlight } from './single-flight';

describe('single flight', () => {
  it('never runs two at once and gives callers during a run one shared follow-up run', async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const gates: (() => void)[] = [];
    const flight = new SingleFlight(async () => {
      running++;
      most = Math.max(most, running);
      const run = ++runs;
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      return run;
    });
    const first = flight.run();
    const second = flight.run();
    const third = flight.run();
    expect(second).toBe(third);
    gates.shift()!();
    expect(await first).toBe(1);
    await Promise.resolve();
    await Promise.resolve();
    gates.shift()!();
    expect(await second).toBe(2);
    await flight.idle();
    expect(most).toBe(1);
    expect(runs).toBe(2);
  });

  it('starts the follow-up run even when the current one fails', async () => {
    let calls = 0;
    const flight = new SingleFlight(async () => {
      calls++;
      if (calls === 1) throw new Error('first fails');
      return calls;
    });
    const first = flight.run();
    const second = flight.run();
    await expect(first).rejects.toThrow('first fails');
    expect(await second).toBe(2);
  });
});
