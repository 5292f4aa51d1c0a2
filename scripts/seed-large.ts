/**
 * `npm run seed:large -- --clients 100000 --data DIR`: fills the (empty) desk database in DIR with that many
 * realistic random clients (see electron/demo/large-seed.ts), for trying the desk and search at scale.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { DeskError } from '../shared/errors';
import { openDatabase } from '../electron/db/open';
import { seedLargeDatabase } from '../electron/demo/large-seed';

const USAGE = 'Usage: npm run seed:large -- --clients 100000 --data DIR';

const argsSchema = z.object({
  clients: z.coerce.number().int().min(1).max(2_000_000).default(100_000),
  data: z.string().min(1, '--data DIR is required: the folder of the database to fill'),
  seed: z.coerce.number().int().default(20_260_105),
});

function run(): number {
  let values;
  try {
    values = parseArgs({
      options: { clients: { type: 'string' }, data: { type: 'string' }, seed: { type: 'string' } },
      strict: true,
    }).values;
  } catch (error) {
    console.error(`seed:large: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const parsed = argsSchema.safeParse({ ...values, data: values.data ?? '' });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path[0] === 'data' ? '' : `--${issue.path.join('.')}: `;
    console.error(`seed:large: ${field}${issue.message}\n${USAGE}`);
    return 2;
  }
  const { clients, data, seed } = parsed.data;
  const count = (n: number) => n.toLocaleString('en-US');
  try {
    const db = openDatabase(data);
    try {
      const started = performance.now();
      const result = seedLargeDatabase(db, {
        clients,
        seed,
        onProgress: (written) => process.stdout.write(`\r${count(written)} / ${count(clients)} clients`),
      });
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `\nWrote ${count(result.clients)} clients, ${count(result.numbers)} numbers and ` +
          `${count(result.consentEvents)} consent ledger rows to ${data} in ${seconds.toFixed(1)} s.`,
      );
    } finally {
      db.close();
    }
  } catch (error) {
    if (!(error instanceof DeskError)) throw error;
    console.error(`seed:large: ${error.message}`);
    return 1;
  }
  return 0;
}

process.exitCode = run();
