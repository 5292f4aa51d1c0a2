/**
 * `npm run carrier:demo -- --port 4010`: the demo carrier on its own, for trying the desk's carrier code (or
 * curl) against it. Prints where it listens and its API key; stops on Ctrl+C.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { startDemoCarrier, type DemoCarrier } from './server';

const optionsSchema = z.object({
  port: z.coerce
    .number({ error: '--port must be a number' })
    .int('--port must be a whole number')
    .min(0, '--port must be 0 to 65535')
    .max(65_535, '--port must be 0 to 65535')
    .default(0),
  'api-key': z.string().min(1, '--api-key cannot be empty').optional(),
  number: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, '--number must be an E.164 number such as +15550100000')
    .optional(),
  'no-stop-reply': z.boolean().default(false),
});

export const USAGE =
  'Usage: npm run carrier:demo -- [--port N] [--api-key KEY] [--number +15550100000] [--no-stop-reply]';

/** Starts the demo carrier from command-line arguments and prints how to reach it. */
export async function runDemoCarrierCli(argv: string[], print: (line: string) => void): Promise<DemoCarrier> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      'api-key': { type: 'string' },
      number: { type: 'string' },
      'no-stop-reply': { type: 'boolean' },
    },
    strict: true,
  });
  const parsed = optionsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`${parsed.error.issues[0]?.message ?? 'Bad arguments'}\n${USAGE}`);
  const options = parsed.data;
  const demo = await startDemoCarrier({
    port: options.port,
    ...(options['api-key'] === undefined ? {} : { apiKey: options['api-key'] }),
    ...(options.number === undefined ? {} : { businessNumber: options.number }),
    carrierSendsStopReply: !options['no-stop-reply'],
  });
  print(`Demo carrier listening at ${demo.url}`);
  print(`  Telnyx API (baseURL): ${demo.baseURL}`);
  print(`  API key:              ${demo.apiKey}`);
  print(`  Messaging profile:    ${demo.messagingProfileId}`);
  print(`  Business number:      ${demo.businessNumber}`);
  print(
    '  Control API:          POST /__sim/inbound {from,text}, GET /__sim/outbound, POST /__sim/faults, POST /__sim/reset',
  );
  return demo;
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  runDemoCarrierCli(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`)).then(
    (demo) => {
      const stop = () => {
        void demo.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(2);
    },
  );
}
