// The public register at scale: BENCH_PARTNERSHIPS (10,000) partnerships stored, nine in ten of them
// in the register, each with three parties, final decisions, contributions, an agreement in force
// and an evaluation. The register's list page, a partnership's page and the CSV of all, against a
// bare Express app that runs the same SQL (records/register.ts's statements) with `pg` and answers
// its rows as JSON, in the same run, round by round in turn.
//
//   npm run bench:register
//
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
import { entriesStatement, entryStatement, facetsStatement, summariesStatement } from '../records/register';
import { createDatabase } from '../platform/database';
import { createLogger } from '../platform/logger';
import { serveApp } from '../test/support/system';
import { onCleanup } from './support/cleanup';
import { openLoop } from './support/open-loop';
import { log, machine, runBench } from './support/run';
import { createBenchDatabase } from './support/services';
import { numberFromEnv, pgServer } from './support/settings';
import { percentile } from './support/statistics';

const partnerships = numberFromEnv('BENCH_PARTNERSHIPS', 10_000);
const rate = numberFromEnv('BENCH_RATE', 20);
const seconds = numberFromEnv('BENCH_SECONDS', 10);
const csvRequests = numberFromEnv('BENCH_CSV_REQUESTS', 10);
const rounds = numberFromEnv('BENCH_ROUNDS', 2);

/** The partnerships as the recording activity leaves them, written by SQL in a few statements; the ids of some that appear. */
async function seed(pool: Pool): Promise<string[]> {
  // 100 public bodies with their SCB codes, 200 idéburna organisations.
  await pool.query(`INSERT INTO "Organisation" (id, name, "organisationNumber", kind, "municipalityCode")
    SELECT gen_random_uuid(), CASE WHEN i <= 100 THEN 'Kommun ' || i ELSE 'Förening ' || i END,
      CASE WHEN i <= 100 THEN '212000-' ELSE '802000-' END || lpad(i::text, 4, '0'),
      CASE WHEN i <= 100 THEN 'PUBLIC' ELSE 'IDEBUREN' END,
      CASE WHEN i <= 100 THEN lpad((1 + i % 25)::text, 2, '0') || lpad((i % 90)::text, 2, '0') END
    FROM generate_series(1, 300) AS i`);
  await pool.query(
    `INSERT INTO "Partnership" (id, title, challenge, "caseNumber", "coordinatorName", "coordinatorEmail", phase, "phaseEnteredOn", term, revision,
       "cooperationForm", "versionInForce", "implementationStartDate", "termEndDate", area, "createdAt", "updatedAt")
     SELECT gen_random_uuid(),
       (ARRAY['Språkvänner', 'Läxhjälp', 'Mötesplats', 'Arbetsträning', 'Kvinnojour'])[1 + i % 5] || ' i område ' || i,
       'Utmaning nummer ' || i || ': ensamhet, språk och arbete, som parterna tar sig an tillsammans under fem år.',
       'KS 2026/' || i, 'Anna Andersson', 'anna.andersson@example.se',
       (ARRAY['IMPLEMENTATION', 'IMPLEMENTATION', 'EVALUATION', 'RENEGOTIATION', 'ENDED'])[1 + i % 5], '2026-03-01', 1, 20,
       'IOP', 1, '2026-03-01', to_char(date '2027-01-01' + (i % 1800), 'YYYY-MM-DD'),
       (ARRAY['SOCIAL_WELFARE', 'INTEGRATION', 'CHILDREN_YOUTH', 'EMPLOYMENT', 'VIOLENCE_PREVENTION', 'ELDERLY'])[1 + i % 6],
       now() - make_interval(days => i % 2000), now() - make_interval(secs => i)
     FROM generate_series(1, $1::int) AS i`,
    [partnerships],
  );
  // A public body and two idéburna organisations in each.
  await pool.query(`INSERT INTO "Party" ("partnershipId", "partyId", "organisationId", kind, "joinedInTerm", "joinedOn", "recordedAtRevision", "recordedPosition")
    SELECT p.id, 'party-' || k, o.id, o.kind, 1, '2026-03-01', 1, k
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Partnership") p
    CROSS JOIN generate_series(1, 3) AS k
    JOIN (SELECT id, kind, row_number() OVER (ORDER BY "organisationNumber") AS m FROM "Organisation") o
      ON o.m = CASE WHEN k = 1 THEN 1 + p.n % 100 ELSE 101 + (p.n * 7 + k * 13) % 200 END`);
  await pool.query(`INSERT INTO "PartnershipTerm" ("partnershipId", term, "startDate", "endDate") SELECT id, 1, '2026-03-01', "termEndDate" FROM "Partnership"`);
  // Every party's yes, final in nine partnerships of ten.
  await pool.query(`INSERT INTO "Decision" ("partnershipId", "partyId", term, "agreementVersion", outcome, "decidingBody", "decidingBodyKind", "meetingDate", paragraph,
      "approvalDate", "postingDate", "appealWindowEnds", final, "recordedAtRevision", "recordedPosition")
    SELECT pa."partnershipId", pa."partyId", 1, 1, 'YES', CASE WHEN pa.kind = 'PUBLIC' THEN 'Kommunstyrelsen' ELSE 'Styrelsen' END,
      CASE WHEN pa.kind = 'PUBLIC' THEN 'STYRELSE' ELSE 'BOARD' END, '2026-02-01', '§ 12', '2026-02-05', '2026-02-06', '2026-02-27',
      (abs(hashtext(pa."partnershipId"::text)) % 10) <> 0, 5, pa."recordedPosition"
    FROM "Party" pa`);
  await pool.query(`INSERT INTO "Contribution" ("partnershipId", "contributionId", "partyId", kind, description, "valueSek", "recordedAtRevision", "recordedPosition")
    SELECT pa."partnershipId", 'contribution-' || pa."partyId", pa."partyId", CASE WHEN pa.kind = 'PUBLIC' THEN 'MONEY' ELSE 'VOLUNTEER_WORK' END,
      CASE WHEN pa.kind = 'PUBLIC' THEN 'Bidrag till verksamheten' ELSE 'Volontärer två kvällar i veckan' END, 250000, 3, pa."recordedPosition"
    FROM "Party" pa`);
  await pool.query(`INSERT INTO "AgreementVersion" ("partnershipId", version, sections, locked, "savedAtRevision")
    SELECT id, 1, jsonb_build_object('purpose', repeat('Syftet är att parterna tillsammans ska möta utmaningen. ', 12),
      'commitments', repeat('Parterna åtar sig att bidra med resurser och kunskap. ', 12), 'termination', 'Avtalet kan sägas upp med sex månaders varsel.'), true, 4
    FROM "Partnership"`);
  await pool.query(`INSERT INTO "LearningGoal" ("partnershipId", "learningGoalId", description) SELECT id, 'goal-1', 'Fler deltagare i arbete' FROM "Partnership"`);
  await pool.query(`INSERT INTO "Evaluation" ("partnershipId", "evaluationId", term, "recordedOn", "learningGoalAssessments")
    SELECT id, 'evaluation-1', 1, '2026-11-01', '[{"learningGoalId": "goal-1", "assessment": "Målet nåddes delvis: 40 deltagare fick arbete."}]'::jsonb FROM "Partnership"`);
  await pool.query('ANALYZE');
  const { rows } = await pool.query<{ id: string }>(entriesStatement({}, 2_000));
  return rows.map((r) => (r as unknown as { entry: { id: string } }).entry.id).sort(() => Math.random() - 0.5).slice(0, 500);
}

/** The same statements the register runs, answered as JSON rows: what any server of this data must at least do. */
function bareApp(pool: Pool): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.get('/list', async (_req, res) => {
    const [page, facets] = await Promise.all([pool.query(summariesStatement({}, 20, 0)), pool.query(facetsStatement)]);
    res.json({ summaries: page.rows, facets: facets.rows[0] });
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
  const ids = await seed(pool);
  const shown = Number((await pool.query<{ total: string }>(summariesStatement({}, 1, 0))).rows[0]!.total);
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
