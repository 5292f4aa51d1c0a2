/**
 * `npm run bench`: search as you type at scale. Builds a 100,000-client database with the seed:large code,
 * times a few hundred realistic keystroke searches through the real search, and the same searches as a plain
 * `LIKE '%…%'` scan in the same run, then prints both, their ratio and whether the goal is met:
 * p95 ≤ 3 ms at 100,000 clients and at least 10× faster than the scan.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { searchClients } from '../electron/clients/search';
import { openDatabase } from '../electron/db/open';
import { seedLargeDatabase } from '../electron/demo/large-seed';
import { likeSearch } from './baseline';
import { typedQueries, type BenchQuery, type QueryKind } from './queries';
import { formatMs, percentile } from './stats';

const GOAL_P95_MS = 3;
const GOAL_RATIO = 10;
const GOAL_CLIENTS = 100_000;
const LIMIT = 50;

const argsSchema = z.object({
  clients: z.coerce.number().int().min(100).max(1_000_000).default(GOAL_CLIENTS),
  queries: z.coerce.number().int().min(10).max(5_000).default(300),
});

interface Timings {
  fts: number[];
  like: number[];
}

// Each search is timed several times and its median kept: on a shared machine one run can be pre-empted,
// and that measures the machine, not the search. Percentiles are then taken across searches.
const FTS_RUNS = 5;
const LIKE_RUNS = 3;

function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

function medianTime(runs: number, run: () => unknown): number {
  return percentile(
    Array.from({ length: runs }, () => time(run)),
    50,
  );
}

function main(): void {
  const { values } = parseArgs({
    options: { clients: { type: 'string' }, queries: { type: 'string' } },
    strict: true,
  });
  const args = argsSchema.parse(values);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'frontdesk-bench-'));
  const db = openDatabase(dir);
  try {
    console.log(`Seeding ${args.clients.toLocaleString('en-US')} clients…`);
    const seedMs = time(() => seedLargeDatabase(db, { clients: args.clients }));
    console.log(`Seeded in ${(seedMs / 1000).toFixed(1)} s.`);

    const queries = typedQueries(db, args.queries);
    const byKind = new Map<QueryKind | 'all', Timings>();
    const record = (query: BenchQuery, fts: number, like: number) => {
      for (const key of [query.kind, 'all'] as const) {
        const timings = byKind.get(key) ?? { fts: [], like: [] };
        timings.fts.push(fts);
        timings.like.push(like);
        byKind.set(key, timings);
      }
    };
    console.log(`Timing ${queries.length} keystroke searches…`);
    for (const query of queries) {
      searchClients(db, query.text, LIMIT); // warm: statement cache and pages
      record(
        query,
        medianTime(FTS_RUNS, () => searchClients(db, query.text, LIMIT)),
        medianTime(LIKE_RUNS, () => likeSearch(db, query.text, LIMIT)),
      );
    }
    report(args.clients, queries.length, byKind);
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function report(clients: number, queryCount: number, byKind: Map<QueryKind | 'all', Timings>): void {
  console.log(
    `\nSearch as you type, ${clients.toLocaleString('en-US')} clients, ${queryCount} keystroke searches, limit ${LIMIT}; ` +
      `ms, median of ${FTS_RUNS} (FTS5) or ${LIKE_RUNS} (LIKE) runs per search`,
  );
  const rows = (['name', 'pet', 'digits', 'all'] as const).flatMap((kind) => {
    const timings = byKind.get(kind);
    if (!timings) return [];
    const fts50 = percentile(timings.fts, 50);
    const fts95 = percentile(timings.fts, 95);
    const like50 = percentile(timings.like, 50);
    const like95 = percentile(timings.like, 95);
    return [
      {
        searches: `${kind} (${timings.fts.length})`,
        'FTS5 p50': formatMs(fts50),
        'FTS5 p95': formatMs(fts95),
        'LIKE p50': formatMs(like50),
        'LIKE p95': formatMs(like95),
        'ratio p50': `${(like50 / fts50).toFixed(1)}×`,
        'ratio p95': `${(like95 / fts95).toFixed(1)}×`,
      },
    ];
  });
  console.table(rows);

  const all = byKind.get('all')!;
  const p95 = percentile(all.fts, 95);
  const ratio = percentile(all.like, 95) / p95;
  const atScale = clients >= GOAL_CLIENTS;
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  console.log(
    `Goal: p95 ≤ ${GOAL_P95_MS} ms at ${GOAL_CLIENTS.toLocaleString('en-US')} clients: ${formatMs(p95)} ms → ` +
      `${atScale ? verdict(p95 <= GOAL_P95_MS) : `not judged (only ${clients.toLocaleString('en-US')} clients)`}`,
  );
  console.log(
    `Goal: ≥ ${GOAL_RATIO}× faster than the LIKE scan at p95: ${ratio.toFixed(1)}× → ${verdict(ratio >= GOAL_RATIO)}`,
  );

  const resultsDir = fileURLToPath(new URL('./results', import.meta.url));
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `search-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    file,
    JSON.stringify(
      {
        clients,
        queries: queryCount,
        limit: LIMIT,
        rows,
        p95Ms: p95,
        ratioP95: ratio,
        goalMet: atScale && p95 <= GOAL_P95_MS && ratio >= GOAL_RATIO,
      },
      null,
      2,
    ),
  );
  console.log(`Results written to ${path.relative(process.cwd(), file)}`);
}

main();
