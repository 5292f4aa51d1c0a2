import { afterEach, describe, expect, it } from 'vitest';
import { runDemoCarrierCli } from './cli';
import type { DemoCarrier } from './server';

let demo: DemoCarrier | null = null;

afterEach(async () => {
  await demo?.close();
  demo = null;
});

describe('npm run carrier:demo', () => {
  it('starts the demo carrier and prints its address and API key', async () => {
    const lines: string[] = [];
    demo = await runDemoCarrierCli(
      ['--port', '0', '--api-key', 'KEYCLI', '--number', '+12125550100'],
      (line) => lines.push(line),
    );
    const output = lines.join('\n');
    expect(output).toContain(`Demo carrier listening at ${demo.url}`);
    expect(output).toContain('KEYCLI');
    expect(output).toContain('+12125550100');
    const answer = await fetch(`${demo.baseURL}/messaging_optouts`, {
      headers: { authorization: 'Bearer KEYCLI' },
    });
    expect(answer.status).toBe(200);
  });

  it('refuses a bad port or number with the usage line', async () => {
    await expect(runDemoCarrierCli(['--port', 'http'], () => {})).rejects.toThrow(
      /--port must be a number[\s\S]*Usage/,
    );
    await expect(runDemoCarrierCli(['--port', '70000'], () => {})).rejects.toThrow(/0 to 65535/);
    await expect(runDemoCarrierCli(['--number', '555-0100'], () => {})).rejects.toThrow(/E\.164/);
    await expect(runDemoCarrierCli(['--colour', 'blue'], () => {})).rejects.toThrow();
  });
});
