// Reads at scale: BENCH_PARTNERSHIPS (10,000) partnerships stored with their parties, case numbers,
// terms and events; a partnership read, a filtered list and the event feed, each asked at a fixed
// rate (BENCH_RATE requests per second for BENCH_SECONDS) by an open-loop client, against the
// product's API and, in the same run, a bare Express app running the same SQL with `pg`.
//
//   npm run bench:api
//
// It needs the machine's PostgreSQL (BENCH_PG_SERVER, default postgresql://postgres@127.0.0.1:5432/postgres),
// where it makes a database of its own and drops it again. Reads touch no workflow, so no Temporal is started.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import express from 'express';
import { Pool } from 'pg';
import { createApiKey } from '../api/auth/api-keys';
import { recordQuery } from '../records/partnership-record';
import { createDatabase } from '../platform/database';
import { createLogger } from '../platform/logger';
import { serveApp } from '../test/support/system';
import { onCleanup } from './support/cleanup';
import { openLoop } from './support/open-loop';
import { log, runBench } from './support/run';
import { createBenchDatabase } from './support/services';
import { numberFromEnv, pgServer } from './support/settings';

const partnerships = numberFromEnv('BENCH_PARTNERSHIPS', 10_000);
const rate = numberFromEnv('BENCH_RATE', 50);
const seconds = numberFromEnv('BENCH_SECONDS', 10);

/** 10,000 partnerships as the recording activity leaves them, written by SQL in a few statements. */
async function seed(pool: Pool): Promise<string[]> {
  await pool.query(`INSERT INTO "Organisation" (id, name, "organisationNumber", kind)
    SELECT gen_random_uuid(), 'Organisation ' || i, lpad(i::text, 6, '0') || '-' || lpad((i % 10000)::text, 4, '0'), CASE WHEN i % 2 = 0 THEN 'PUBLIC' ELSE 'IDEBUREN' END
    FROM generate_series(1, 200) AS i`);
  await pool.query(
    `INSERT INTO "Partnership" (id, title, challenge, "caseNumber", "coordinatorName", "coordinatorEmail", phase, term, revision, "termEndDate", "nextDeadlineOn", "createdAt")
     SELECT gen_random_uuid(),
       (ARRAY['Språkvänner', 'Läxhjälp', 'Mötesplats', 'Arbetsträning', 'Fritidsgård'])[1 + i % 5] || ' i område ' || i,
       'Utmaning nummer ' || i || ': ensamhet, språk och arbete.',
       'KS 2026/' || i, 'Anna Andersson', 'anna.andersson@example.se',
       (ARRAY['INITIATION', 'FORMULATION', 'DECISION', 'IMPLEMENTATION', 'IMPLEMENTATION', 'EVALUATION', 'RENEGOTIATION', 'ENDED'])[1 + i % 8],
       1, 20, to_char(date '2027-01-01' + (i % 1800), 'YYYY-MM-DD'), to_char(date '2026-12-01' + (i % 400), 'YYYY-MM-DD'),
       now() - make_interval(secs => i)
     FROM generate_series(1, $1::int) AS i`,
    [partnerships],
  );
  await pool.query(`INSERT INTO "Party" ("partnershipId", "partyId", "organisationId", kind, "joinedInTerm", "recordedAtRevision")
    SELECT p.id, gen_random_uuid()::text, o.id, o.kind, 1, k
    FROM (SELECT id, row_number() OVER () AS n FROM "Partnership") p
    CROSS JOIN generate_series(1, 3) AS k
    JOIN (SELECT id, kind, row_number() OVER (ORDER BY id) AS m FROM "Organisation") o ON o.m = 1 + (p.n * 7 + k * 13) % 200`);
  await pool.query(`INSERT INTO "PartnershipTerm" ("partnershipId", term, "startDate", "endDate") SELECT id, 1, '2026-01-01', "termEndDate" FROM "Partnership"`);
  await pool.query(`INSERT INTO "ExternalReference" ("partnershipId", key, system, "partyId", reference, "recordedAtRevision")
    SELECT p.id, 'Public 360°|' || x."partyId", 'Public 360°', x."partyId", 'DNR ' || p."caseNumber", 5
    FROM "Partnership" p JOIN LATERAL (SELECT "partyId" FROM "Party" WHERE "partnershipId" = p.id LIMIT 1) x ON TRUE`);
  // Five events a partnership, from transactions long finished.
  await pool.query(`INSERT INTO "PartnershipEvent" (id, txid, "partnershipId", type, data)
    SELECT p.id || ':' || r || ':1', 1000 + r, p.id, 'se.iop.partnership.changed',
      jsonb_build_object('partnershipId', p.id, 'revision', r, 'step', 'describeChallenge', 'externalReferences', '[]'::jsonb)
    FROM "Partnership" p CROSS JOIN generate_series(1, 5) AS r`);
  await pool.query('ANALYZE');
  return (await pool.query<{ id: string }>(`SELECT id FROM "Partnership" ORDER BY random() LIMIT 500`)).rows.map((r) => r.id);
}

// The same questions the product's routes ask, as plain SQL.
const listSql = `SELECT p.id, p.title, p.phase, p.term, p."termEndDate", p."nextDeadlineOn", p."caseNumber", p."createdAt"
  FROM "Partnership" p
  WHERE p.phase = $1 AND (p.title ILIKE $2 OR coalesce(p.challenge, '') ILIKE $2)
    AND EXISTS (SELECT 1 FROM "Party" x WHERE x."partnershipId" = p.id AND x.kind = 'IDEBUREN' AND x."leftOn" IS NULL)
  ORDER BY coalesce(p."termEndDate", '') DESC, p.id DESC LIMIT 21`;
const feedSql = `SELECT e.seq, e.id, e.txid, e."partnershipId", e.type, e.time, e.data FROM "PartnershipEvent" e
  WHERE (e.txid, e.seq) > ($1, $2) AND e.txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint
  ORDER BY e.txid, e.seq LIMIT 100`;

function bareApp(pool: Pool): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.get('/partnerships/:id', async (req, res) => res.json((await pool.query(recordQuery, [req.params.id])).rows[0]?.record));
  app.get('/partnerships', async (req, res) => {
    const rows = (await pool.query(listSql, [req.query.phase, `%${String(req.query.q)}%`])).rows;
    const ids = rows.map((r) => r.id);
    const [parties, refs] = await Promise.all([
      pool.query(`SELECT "partnershipId", "partyId", "organisationId", kind, "leftOn" FROM "Party" WHERE "partnershipId" = ANY($1::uuid[]) ORDER BY "recordedAtRevision"`, [ids]),
      pool.query(`SELECT * FROM "ExternalReference" WHERE "partnershipId" = ANY($1::uuid[]) ORDER BY "recordedAtRevision"`, [ids]),
    ]);
    res.json({ partnerships: rows.slice(0, 20).map((r) => ({ ...r, parties: parties.rows.filter((x) => x.partnershipId === r.id), externalReferences: refs.rows.filter((x) => x.partnershipId === r.id) })) });
  });
  app.get('/events', async (_req, res) => res.json({ events: (await pool.query(feedSql, ['0', '0'])).rows.map((r) => ({ ...r, seq: String(r.seq), txid: String(r.txid) })) }));
  return new Promise((resolve) => {
    const server: Server = app.listen(0, '127.0.0.1', () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((done) => server.close(() => done())) }),
    );
  });
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function main(): Promise<void> {
  log(`preparing: a database of its own with ${partnerships} partnerships`);
  const databaseUrl = await createBenchDatabase(pgServer, 'iop_bench_api');
  const pool = new Pool({ connectionString: databaseUrl, max: 10 });
  onCleanup('pg pool', () => pool.end());
  const ids = await seed(pool);
  const db = createDatabase(databaseUrl, { maxConnections: 10 });
  onCleanup('database client', () => db.$disconnect());
  // Reads never reach Temporal: a client that would connect only when asked.
  const temporal = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
  const product = await serveApp({ db, temporal, taskQueue: 'bench-api', logger: createLogger({ level: 'silent', name: 'bench-api' }), publicBaseUrl: 'http://127.0.0.1', hardening: { rateLimitPerMinute: 100_000 } });
  onCleanup('product API', product.close);
  const bare = await bareApp(pool);
  onCleanup('bare API', bare.close);
  const key = (await createApiKey(db, { role: 'ADMINISTRATOR', label: 'bench api' })).key;

  const cases = [
    { name: 'partnership read', product: (i: number) => `${product.baseUrl}/api/v1/partnerships/${ids[i % ids.length]}`, bare: (i: number) => `${bare.url}/partnerships/${ids[i % ids.length]}` },
    {
      name: 'filtered list',
      product: () => `${product.baseUrl}/api/v1/partnerships?phase=IMPLEMENTATION&q=Spr%C3%A5k&partyKind=IDEBUREN&sort=-termEndDate&limit=20`,
      bare: () => `${bare.url}/partnerships?phase=IMPLEMENTATION&q=Spr%C3%A5k`,
    },
    { name: 'event feed (100)', product: () => `${product.baseUrl}/api/v1/events?limit=100`, bare: () => `${bare.url}/events` },
  ];
  log(`measuring: ${rate} requests/s for ${seconds} s per case and app, bare first, then the product, then both again`);
  const rows: string[] = [];
  for (const c of cases) {
    const results = { bare: [] as number[], product: [] as number[] };
    for (const round of [1, 2]) {
      void round;
      results.bare.push(...(await openLoop(c.bare, rate, seconds)));
      results.product.push(...(await openLoop(c.product, rate, seconds, { 'x-api-key': key })));
    }
    results.bare.sort((a, b) => a - b);
    results.product.sort((a, b) => a - b);
    const [b50, b99, p50, p99] = [percentile(results.bare, 50), percentile(results.bare, 99), percentile(results.product, 50), percentile(results.product, 99)];
    rows.push(`${c.name.padEnd(20)} bare p50 ${b50.toFixed(1).padStart(6)} ms  p99 ${b99.toFixed(1).padStart(6)} ms   product p50 ${p50.toFixed(1).padStart(6)} ms  p99 ${p99.toFixed(1).padStart(6)} ms   ratio p50 ${(p50 / b50).toFixed(2)} ×  p99 ${(p99 / b99).toFixed(2)} ×`);
  }
  console.log(`\n${partnerships} partnerships, ${rate} requests/s, ${seconds * 2} s per case and app\n${rows.join('\n')}`);
}

runBench(main);
