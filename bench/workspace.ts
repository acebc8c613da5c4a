// The workspace in headless Chromium on this machine: the JavaScript the first page is sent
// (gzipped), and the time until a partnership's page with 20 agreement versions and 300 audit rows
// is usable, against a plain HTML page with the same content served by the same process, taken in
// alternation in the same run; the ratio is the median's. Then Lighthouse's accessibility score of
// each page, as the signed-in case officer sees it.
//
//   npm run bench:workspace
//
// It needs the machine's PostgreSQL (BENCH_PG_SERVER) and Chromium (CHROMIUM_PATH or Debian's),
// and the built workspace (node scripts/setup.mjs). BENCH_ROUNDS (9) pairs of page loads.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { Client, Connection } from '@temporalio/client';
import express from 'express';
import { agreementHeadings } from '../domain/state';
import { createApp } from '../api/app';
import { escapeHtml } from '../platform/html';
import { createDatabase } from '../platform/database';
import { createLogger } from '../platform/logger';
import { launchBrowser, signInAs } from '../test/support/browser';
import { freePort, startIdentityProvider } from '../test/support/identity-provider';
import { onCleanup } from './support/cleanup';
import { log, machine, runBench } from './support/run';
import { createBenchDatabase } from './support/services';
import { numberFromEnv, pgServer } from './support/settings';
import { median } from './support/statistics';

const rounds = numberFromEnv('BENCH_ROUNDS', 9);

/** A partnership as its recording leaves it: two parties, 20 agreement versions of every heading, 300 audit rows. */
async function seed(db: ReturnType<typeof createDatabase>): Promise<string> {
  const id = randomUUID();
  const organisations = [
    { id: randomUUID(), name: 'Borås stad', organisationNumber: '212000-1561', kind: 'PUBLIC' },
    { id: randomUUID(), name: 'Föreningen Språkvänner', organisationNumber: '802481-1112', kind: 'IDEBUREN' },
  ];
  await db.organisation.createMany({ data: organisations });
  await db.partnership.create({
    data: { id, title: 'Språkvänner i Borås', challenge: 'Nyanlända behöver mötesplatser.', caseNumber: 'KS 2026/123', coordinatorName: 'Anna Andersson', coordinatorEmail: 'anna@example.se', phase: 'FORMULATION', revision: 320 },
  });
  await db.party.createMany({ data: organisations.map((o, i) => ({ partnershipId: id, partyId: randomUUID(), organisationId: o.id, kind: o.kind, joinedInTerm: 1, recordedAtRevision: i + 1 })) });
  const text = (version: number, heading: string) => `Version ${version}, ${heading}: ${'Parterna samverkar kring mötesplatser och språkträning. '.repeat(12)}`;
  await db.agreementVersion.createMany({
    data: Array.from({ length: 20 }, (_, i) => ({ partnershipId: id, version: i + 1, locked: i < 19, savedAtRevision: 10 + i, sections: Object.fromEntries(agreementHeadings.map((h) => [h, text(i + 1, h)])) })),
  });
  await db.auditEvent.createMany({
    data: Array.from({ length: 300 }, (_, i) => ({ partnershipId: id, revision: i + 1, actorType: 'API_KEY', actorId: 'bench', actorRole: 'CASE_OFFICER' as const, action: i % 15 === 0 ? 'partnership.saveAgreementDraft' : 'partnership.setParticipationLevel', phaseBefore: 'FORMULATION', phaseAfter: 'FORMULATION' })),
  });
  return id;
}

/** The same content as plain server-rendered HTML: the yardstick the workspace's page is held to. */
function plainPage(db: ReturnType<typeof createDatabase>) {
  return async (req: express.Request, res: express.Response) => {
    const id = String(req.params.id);
    const [partnership, parties, versions, audit] = await Promise.all([
      db.partnership.findUniqueOrThrow({ where: { id } }),
      db.party.findMany({ where: { partnershipId: id } }),
      db.agreementVersion.findMany({ where: { partnershipId: id }, orderBy: { version: 'asc' }, select: { version: true, locked: true } }),
      db.auditEvent.findMany({ where: { partnershipId: id }, orderBy: { id: 'asc' } }),
    ]);
    const rows = audit.map((e) => `<tr><td>${e.occurredAt.toISOString()}</td><td>${e.actorRole}</td><td>${escapeHtml(e.action)}</td><td>${e.phaseAfter}</td><td>${e.revision}</td></tr>`).join('');
    res.type('html').send(
      `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>${escapeHtml(partnership.title)}</title></head><body><main><h1>${escapeHtml(partnership.title)}</h1>` +
        `<h2>Parter</h2><ul>${parties.map((p) => `<li>${p.organisationId} ${p.kind}</li>`).join('')}</ul>` +
        `<h2>Avtalsversioner</h2><ul>${versions.map((v) => `<li>Version ${v.version}: ${v.locked ? 'låst' : 'utkast'}</li>`).join('')}</ul>` +
        `<h2>Händelselogg</h2><table id="audit"><tbody>${rows}</tbody></table></main></body></html>`,
    );
  };
}

async function main(): Promise<void> {
  log(`preparing on ${machine()}`);
  const databaseUrl = await createBenchDatabase(pgServer, 'iop_bench_workspace');
  const db = createDatabase(databaseUrl, { maxConnections: 10 });
  onCleanup('database client', () => db.$disconnect());
  const id = await seed(db);

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const identity = await startIdentityProvider({ apiBaseUrl: baseUrl, audience: `${baseUrl}/api/v1` });
  onCleanup('identity provider', identity.stop);
  const { app } = createApp({
    db,
    temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) }),
    taskQueue: 'bench-workspace',
    logger: createLogger({ level: 'silent', name: 'bench-workspace' }),
    publicBaseUrl: baseUrl,
    hardening: { rateLimitPerMinute: 100_000 },
    people: { jwksUrl: `${identity.issuer}/jwks`, issuer: identity.issuer, audience: `${baseUrl}/api/v1`, algorithms: ['RS256'], roleClaim: 'iop_role', organisationClaim: 'iop_organisation_id' },
    signIn: { clientId: identity.clientId, clientSecret: identity.clientSecret, sessionSecret: randomUUID() + randomUUID(), idleMinutes: 30, maxHours: 10 },
  });
  // One process serves both pages.
  const outer = express();
  outer.get('/plain/:id', (req, res, next) => void plainPage(db)(req, res).catch(next));
  outer.use(app);
  const server = outer.listen(port, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  onCleanup('server', () => new Promise((resolve) => server.close(resolve)));

  // Lighthouse drives the same browser over its DevTools port.
  const debuggingPort = await freePort();
  const browser = await launchBrowser([`--remote-debugging-port=${debuggingPort}`]);
  onCleanup('browser', () => browser.close());
  const context = await browser.newContext({ locale: 'sv-SE', timezoneId: 'Europe/Stockholm' });
  const page = await context.newPage();

  await signInAs(page, baseUrl, 'Hanna Handläggare');
  await page.getByRole('heading', { level: 1, name: 'Arbetslista' }).waitFor();
  // The first page's JavaScript, as a browser with an empty cache fetches it once signed in,
  // gzipped as a server would send it.
  const fresh = await browser.newContext({ storageState: await context.storageState() });
  const first = await fresh.newPage();
  const scripts: Promise<number>[] = [];
  first.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.body().then((body) => gzipSync(body).length));
  });
  await first.goto(`${baseUrl}/arbetslista`);
  await first.getByRole('heading', { level: 1, name: 'Arbetslista' }).waitFor();
  const firstPageBytes = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
  await fresh.close();

  log(`measuring: ${rounds} pairs of loads, plain page and workspace page in turn`);
  const times = { plain: [] as number[], workspace: [] as number[] };
  // Each page says when it is usable, on its own clock from its navigation's start, checked every frame.
  const plainUsable = `document.querySelectorAll('#audit tr').length >= 300 ? performance.now() : 0`;
  const workspaceUsable = `(() => {
    const audit = [...document.querySelectorAll('table')].find((t) => t.caption && t.caption.textContent === 'Händelselogg');
    const next = [...document.querySelectorAll('h2')].some((h) => h.textContent === 'Vad kan göras nu');
    return audit && next && audit.querySelectorAll('tbody tr').length >= 300 ? performance.now() : 0;
  })()`;
  const usableAfter = async (url: string, usable: string) => {
    await page.goto(url, { waitUntil: 'commit' });
    // Evaluated through the DevTools protocol, which the page's CSP (no eval) does not govern.
    return Number(await page.evaluate(`new Promise((resolve) => { const check = () => { const at = ${usable}; if (at) resolve(at); else requestAnimationFrame(check); }; check(); })`));
  };
  for (let round = 0; round < rounds + 1; round++) {
    const plain = await usableAfter(`${baseUrl}/plain/${id}`, plainUsable);
    const workspace = await usableAfter(`${baseUrl}/partnerskap/${id}`, workspaceUsable);
    // The first pair warms caches (the browser's and the server's); it is not counted.
    if (round > 0) {
      times.plain.push(plain);
      times.workspace.push(workspace);
    }
  }
  if (process.env.BENCH_TRACE) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
    await page.goto(`${baseUrl}/partnerskap/${id}`);
    await page.getByRole('table', { name: 'Händelselogg' }).locator('tbody tr').nth(299).waitFor();
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] } };
    const self = new Map<number, number>();
    profile.samples.forEach((node, i) => self.set(node, (self.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0)));
    const byName = new Map<string, number>();
    for (const node of profile.nodes) {
      const key = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.split('/').at(-1)}:${node.callFrame.lineNumber}`;
      byName.set(key, (byName.get(key) ?? 0) + (self.get(node.id) ?? 0));
    }
    for (const [name, us] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${(us / 1000).toFixed(1).padStart(7)} ms self  ${name}`);
    const started = performance.now();
    page.on('requestfinished', (request) => {
      const timing = request.timing();
      console.log(`${(performance.now() - started).toFixed(0).padStart(5)} ms  ${request.method()} ${request.url().replace(baseUrl, '')} (sent ${timing.requestStart.toFixed(0)}, first byte ${timing.responseStart.toFixed(0)}, end ${timing.responseEnd.toFixed(0)} ms after its start)`);
    });
    await page.goto(`${baseUrl}/partnerskap/${id}`);
    await page.getByRole('table', { name: 'Händelselogg' }).locator('tbody tr').nth(299).waitFor();
    console.log(`${(performance.now() - started).toFixed(0).padStart(5)} ms  usable`);
    for (const path of [`/api/v1/partnerships/${id}`, `/api/v1/partnerships/${id}/parties`, '/auth/session', `/api/v1/partnerships/${id}/audit-events?limit=200`]) {
      const ms = await page.evaluate(`(async () => { const t = performance.now(); await (await fetch('${path}')).text(); return performance.now() - t; })()`);
      console.log(`${Number(ms).toFixed(0).padStart(5)} ms  fetch ${path}`);
    }
  }
  const plainMedian = median(times.plain);
  const workspaceMedian = median(times.workspace);
  console.log('');
  console.log(`JavaScript sent to the first page: ${(firstPageBytes / 1024).toFixed(1)} kB gzipped (budget 150 kB)`);
  console.log(`a partnership page with 20 versions and 300 audit rows, usable after: workspace median ${workspaceMedian.toFixed(0)} ms, plain HTML median ${plainMedian.toFixed(0)} ms`);
  console.log(`ratio: ${(workspaceMedian / plainMedian).toFixed(2)} × the plain page (budget 2 ×)`);

  log('Lighthouse: the accessibility score of each page');
  const cookie = (await context.cookies(baseUrl)).map((c) => `${c.name}=${c.value}`).join('; ');
  const pages = ['/arbetslista', '/partnerskap', `/partnerskap/${id}`, '/partnerskap/ny', '/partnerskap/importera', '/organisationer', '/administration', '/tillganglighet'];
  const scores = [];
  for (const path of pages) scores.push({ path, ...(await accessibilityScore(`${baseUrl}${path}`, debuggingPort, cookie)) });
  for (const { path, score, failing } of scores) console.log(`Lighthouse accessibility ${path}: ${score}${failing.length ? ` (failing: ${failing.join(', ')})` : ''}`);
  console.log(`lowest Lighthouse accessibility score: ${Math.min(...scores.map((s) => s.score))} (budget 100)`);
}

/** Lighthouse's accessibility category for one page, signed in by the session's cookie. */
async function accessibilityScore(url: string, port: number, cookie: string): Promise<{ score: number; failing: string[] }> {
  // Lighthouse is an ES module only.
  const { default: lighthouse } = await import('lighthouse');
  const result = await lighthouse(url, { port, onlyCategories: ['accessibility'], extraHeaders: { Cookie: cookie }, logLevel: 'error', output: 'json', formFactor: 'desktop', screenEmulation: { disabled: true } });
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const category = result.lhr.categories.accessibility!;
  const failing = category.auditRefs.filter((ref) => ref.weight > 0 && result.lhr.audits[ref.id]?.score === 0).map((ref) => ref.id);
  // A page that sent the browser to sign in would be scored as the provider's page: refuse that.
  if (result.lhr.finalDisplayedUrl !== url) throw new Error(`Lighthouse was sent from ${url} to ${result.lhr.finalDisplayedUrl}`);
  return { score: Math.round((category.score ?? 0) * 100), failing };
}

runBench(main);
