// The public register at scale: BENCH_PARTNERSHIPS (10,000) partnerships stored, nine in ten of them
// in the register, each with three parties, final decisions, contributions, an agreement in force
// and an evaluation. The register's list page, a partnership's page and the CSV of all, against a
// bare Express app that runs the same SQL (records/register.ts's statements) with `pg` and answers
// its rows as JSON, in the same run, round by round in turn.
//
//   npm run bench:register
//
// It runs with NODE_ENV=production, as the image does: React's development build makes an Error for
// each element it renders (for its owner stacks), which under Express's deep stacks doubled a page's time.
// The list and the page are asked at BENCH_RATE requests a second for BENCH_SECONDS by an open-loop
// client; the CSV of all, which is one large answer, BENCH_CSV_REQUESTS times one after the other.
// BENCH_CASES names the cases to run, when not all.
// It needs the machine's PostgreSQL (BENCH_PG_SERVER, default postgresql://postgres@127.0.0.1:5432/postgres),
// where it makes a database of its own and drops it again. The register touches no workflow.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import express from 'express';
import { Pool } from 'pg';
import { entriesStatement, entryStatement, listPageStatement } from '../records/register';
import { createDatabase } from '../platform/database';
import { createLogger } from '../platform/logger';
import { serveApp } from '../test/support/system';
import { onCleanup } from './support/cleanup';
import { openLoop } from './support/open-loop';
import { log, machine, runBench } from './support/run';
import { seedRegister } from './support/register-seed';
import { createBenchDatabase } from './support/services';
import { numberFromEnv, pgServer } from './support/settings';
import { percentile } from './support/statistics';

const partnerships = numberFromEnv('BENCH_PARTNERSHIPS', 10_000);
const rate = numberFromEnv('BENCH_RATE', 20);
const seconds = numberFromEnv('BENCH_SECONDS', 10);
const csvRequests = numberFromEnv('BENCH_CSV_REQUESTS', 10);
const rounds = numberFromEnv('BENCH_ROUNDS', 2);

/** The same statements the register runs, answered as JSON rows: what any server of this data must at least do. */
function bareApp(pool: Pool): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.get('/list', async (_req, res) => {
    res.json((await pool.query(listPageStatement({}, 20, 0))).rows[0]);
  });
  app.get('/partnerships/:id', async (req, res) => res.json((await pool.query(entryStatement(req.params.id))).rows[0]?.entry));
  app.get('/all', async (_req, res) => res.json((await pool.query(entriesStatement({}))).rows.map((r) => r.entry)));
  return new Promise((resolve) => {
    const server: Server = app.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((done) => server.close(() => done())) }),
    );
  });
}

/** One request after another: for an answer so large that a schedule would only queue them. */
async function closedLoop(url: string, requests: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < requests; i += 1) {
    const t0 = performance.now();
    const response = await fetch(url);
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
    latencies.push(performance.now() - t0);
  }
  return latencies.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  log(`preparing: a database of its own with ${partnerships} partnerships`);
  const databaseUrl = await createBenchDatabase(pgServer, 'iop_bench_register');
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  onCleanup('pg pool', () => pool.end());
  const ids = await seedRegister(pool, partnerships);
  const shown = (await pool.query<{ total: number }>(listPageStatement({}, 1, 0))).rows[0]!.total;
  const db = createDatabase(databaseUrl, { maxConnections: 10 });
  onCleanup('database client', () => db.$disconnect());
  // The register never reaches Temporal: a client that would connect only when asked.
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const product = await serveApp({
    db,
    temporal,
    taskQueue: 'bench-register',
    logger: createLogger({ level: 'silent', name: 'bench-register' }),
    publicBaseUrl: 'http://127.0.0.1',
    register: { rateLimitPerMinute: 1_000_000 },
  });
  onCleanup('product API', product.close);
  const bare = await bareApp(pool);
  onCleanup('bare API', bare.close);

  const cases: { name: string; product: (i: number) => string; bare: (i: number) => string; open: boolean }[] = [
    { name: 'list page', product: () => `${product.baseUrl}/register/sv`, bare: () => `${bare.url}/list`, open: true },
    { name: 'partnership page', product: (i: number) => `${product.baseUrl}/register/sv/partnerships/${ids[i % ids.length]}`, bare: (i: number) => `${bare.url}/partnerships/${ids[i % ids.length]}`, open: true },
    { name: 'CSV of all', product: () => `${product.baseUrl}/register/data/partnerships.csv`, bare: () => `${bare.url}/all`, open: false },
  ];
  const csvBytes = (await (await fetch(cases[2]!.product(0))).arrayBuffer()).byteLength;
  log(`measuring: ${shown} partnerships in the register (a CSV of ${(csvBytes / 1e6).toFixed(1)} MB); ${rounds} rounds, bare then product in each`);
  const rows: string[] = [];
  // BENCH_CASES narrows the run to some cases, by name ("CSV of all,list page").
  const only = process.env.BENCH_CASES?.split(',');
  for (const c of cases.filter((c) => !only || only.includes(c.name))) {
    const results = { bare: [] as number[], product: [] as number[] };
    for (let round = 0; round < rounds; round += 1) {
      results.bare.push(...(c.open ? await openLoop(c.bare, rate, seconds) : await closedLoop(c.bare(0), csvRequests)));
      results.product.push(...(c.open ? await openLoop(c.product, rate, seconds) : await closedLoop(c.product(0), csvRequests)));
    }
    results.bare.sort((a, b) => a - b);
    results.product.sort((a, b) => a - b);
    const [b50, b99, p50, p99] = [percentile(results.bare, 0.5), percentile(results.bare, 0.99), percentile(results.product, 0.5), percentile(results.product, 0.99)];
    const line = `${c.name.padEnd(17)} bare p50 ${b50.toFixed(1).padStart(7)} ms  p99 ${b99.toFixed(1).padStart(7)} ms   register p50 ${p50.toFixed(1).padStart(7)} ms  p99 ${p99.toFixed(1).padStart(7)} ms   ratio p99 ${(p99 / b99).toFixed(2)} ×`;
    log(line);
    rows.push(line);
  }
  console.log(`\n${machine()}; ${partnerships} partnerships stored, ${shown} in the register; open loop ${rate}/s for ${seconds} s, CSV ${csvRequests} in a row; ${rounds} rounds\n${rows.join('\n')}`);
}

runBench(main);
