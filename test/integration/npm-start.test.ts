import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoOrganisations, demoPeople } from '../../scripts/lib/demo-people';
import { signInOverHttp } from '../support/cookie-client';
import { examplePartnership } from '../support/system';
import { freePort } from '../support/postgres';
import { liveProcesses, processTree, stillRunning } from '../support/process-tree';

const projectRoot = path.resolve(__dirname, '..', '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The processes below `root`, with their command lines. */
const descendants = (root: number) => processTree(root).filter((row) => row.pid !== root);

/** The pid of the PostgreSQL server running on a data directory, from the lock file it keeps there. */
const postmasterPid = (databaseDir: string) => Number(readFileSync(path.join(databaseDir, 'postmaster.pid'), 'utf8').split('\n')[0]);

// `npm start`'s supervisor (scripts/start.ts) with every embedded service, in a data directory and on
// ports of this test's own. Setup (scripts/setup.mjs) has run already: `npm test` runs it first.
describe('npm start: the whole system on its embedded services', () => {
  let start: ChildProcess;
  let output = '';
  let dataDir: string;
  let baseUrl: string;
  let inboxUrl: string;
  let adminKey: string;
  // Every process npm start ran, by pid and command line: none may outlive it.
  const seen = new Map<number, string>();
  const remember = () => {
    for (const { pid, command } of descendants(start.pid!)) seen.set(pid, command);
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'iop-npm-start-'));
    // As root, the embedded PostgreSQL runs as the `postgres` user, which must reach its directory.
    chmodSync(dataDir, 0o755);
    const [api, postgres, temporal, temporalUi, smtp, inbox, identity] = await Promise.all(Array.from({ length: 7 }, () => freePort()));
    baseUrl = `http://127.0.0.1:${api}`;
    inboxUrl = `http://127.0.0.1:${inbox}`;
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(api), IOP_DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS', 'SMTP_URL', 'PUBLIC_BASE_URL', 'WORKFLOW_BUNDLE_PATH', 'JWT_ISSUER', 'JWT_JWKS_URL', 'JWT_AUDIENCE', 'OIDC_CLIENT_ID']) delete env[name];
    Object.assign(env, {
      EMBEDDED_POSTGRES_PORT: String(postgres),
      EMBEDDED_TEMPORAL_PORT: String(temporal),
      EMBEDDED_TEMPORAL_UI_PORT: String(temporalUi),
      EMBEDDED_SMTP_PORT: String(smtp),
      EMBEDDED_INBOX_PORT: String(inbox),
      EMBEDDED_IDENTITY_PROVIDER_PORT: String(identity),
    });
    start = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    start.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    start.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 240_000;
    while (!output.includes('IOP Lifecycle is running')) {
      if (start.exitCode !== null) throw new Error(`npm start ended:\n${output.slice(-3000)}`);
      if (Date.now() > deadline) throw new Error(`npm start did not come up:\n${output.slice(-3000)}`);
      remember();
      await sleep(500);
    }
    remember();
    adminKey = /(iop_[0-9a-f-]{36}_[A-Za-z0-9_-]{43})/.exec(output)![1]!;
  }, 300_000);

  afterAll(async () => {
    if (start && start.exitCode === null) {
      remember();
      start.kill('SIGINT');
      const ended = new Promise((resolve) => start.once('exit', resolve));
      await Promise.race([ended, sleep(90_000)]);
    }
    // Whatever outlived the supervisor (it should be nothing) is not left on the machine.
    for (const { pid } of stillRunning(seen)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
    }
    start?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }, 120_000);

  const call = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(baseUrl + route, {
      method,
      headers: { 'x-api-key': adminKey, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as any };
  };

  it('when npm start is up, then each demo person signs in to the workspace at the embedded provider, with its role, and a representative with its demo organisation', async () => {
    for (const person of demoPeople) {
      const { client } = await signInOverHttp(baseUrl, person.login);
      const session = (await (await client.request(`${baseUrl}/auth/session`)).json()) as { name: string; role: string; organisationId: string | null };
      expect(session).toMatchObject({ name: person.name, role: person.role, organisationId: person.organisationId ?? null });
    }
    const registered = (await call('GET', '/api/v1/organisations?name=Språkvänner')).body;
    expect(JSON.stringify(registered)).toContain(demoOrganisations.find((o) => o.name === 'Föreningen Språkvänner')!.id);
  }, 60_000);

  it('when 16 clients register at once on the embedded database, then every answer is right and every coordinator gets exactly one e-mail', async () => {
    const coordinators = Array.from({ length: 16 }, (_, i) => `samordnare-${i}-${Date.now()}@kommun.example`);
    const registered = await Promise.all(
      coordinators.map((email, i) => call('POST', '/api/v1/partnerships', { ...examplePartnership, title: `Samtidig ${i}`, coordinator: { name: `Samordnare ${i}`, email } })),
    );
    expect(registered.map((r) => r.status)).toEqual(coordinators.map(() => 201));
    const read = await Promise.all(registered.map((r) => call('GET', `/api/v1/partnerships/${r.body.id}`)));
    expect(read.map((r) => r.body.coordinator.email)).toEqual(coordinators);
    const deadline = Date.now() + 60_000;
    let mail: { to: { address: string }[] }[] = [];
    while (Date.now() < deadline) {
      mail = (await (await fetch(`${inboxUrl}/email`)).json()) as typeof mail;
      if (coordinators.every((email) => mail.some((m) => m.to.some((to) => to.address === email)))) break;
      await sleep(500);
    }
    await sleep(3_000); // a second copy, were one sent, would have arrived by now
    mail = (await (await fetch(`${inboxUrl}/email`)).json()) as typeof mail;
    expect(coordinators.map((email) => mail.filter((m) => m.to.some((to) => to.address === email)).length)).toEqual(coordinators.map(() => 1));
  }, 120_000);

  it('when the worker is killed (kill -9), then the API answers throughout, the worker is back within 10 s, and nothing is lost or sent twice', async () => {
    const registered = await call('POST', '/api/v1/partnerships', examplePartnership);
    expect(registered.status).toBe(201);
    const id = registered.body.id;
    expect((await call('POST', `/api/v1/partnerships/${id}/actions/add-learning-goal`, { partyId: null, description: 'Före.' })).status).toBe(200);

    const worker = descendants(start.pid!).find((p) => p.command.includes('worker/main.ts'))!;
    expect(worker).toBeDefined();
    const killedAt = Date.now();
    process.kill(worker.pid, 'SIGKILL');

    // The API, all the while: every read answers.
    const reads: number[] = [];
    let back = 0;
    while (Date.now() - killedAt < 12_000) {
      reads.push((await call('GET', `/api/v1/partnerships/${id}`)).status);
      const again = descendants(start.pid!).find((p) => p.command.includes('worker/main.ts') && p.pid !== worker.pid);
      if (again && !back && /worker running/.test(output.slice(output.lastIndexOf('worker started again')))) back = Date.now() - killedAt;
      await sleep(200);
    }
    expect(reads.length).toBeGreaterThan(20);
    expect(reads.every((status) => status === 200)).toBe(true);
    expect(output).toMatch(/worker exited unexpectedly \(signal SIGKILL\); starting it again/);
    expect(back).toBeGreaterThan(0);
    expect(back).toBeLessThan(10_000);

    // The new worker takes the next step; the one before the kill is there, once.
    const after = await call('POST', `/api/v1/partnerships/${id}/actions/add-learning-goal`, { partyId: null, description: 'Efter.' });
    expect(after.status).toBe(200);
    expect(after.body.learningGoals.map((g: { description: string }) => g.description)).toEqual(['Före.', 'Efter.']);
    const mail = (await (await fetch(`${inboxUrl}/email`)).json()) as { to: { address: string }[]; subject: string }[];
    expect(mail.filter((m) => m.to.some((to) => to.address === examplePartnership.coordinator.email))).toHaveLength(1);
  }, 120_000);

  it('when the PostgreSQL wrapper is killed (kill -9), then its server stops with it, a new one starts on the same data, and the API answers from it', async () => {
    const before = await call('POST', '/api/v1/partnerships', { ...examplePartnership, title: 'Före databasens omstart' });
    expect(before.status).toBe(201);
    const databaseDir = path.join(dataDir, 'postgres');
    const wrapper = descendants(start.pid!).find((p) => p.command.includes('scripts/embedded-postgres.ts'))!;
    expect(wrapper).toBeDefined();
    const postmaster = postmasterPid(databaseDir);
    const server = descendants(wrapper.pid).find((p) => p.pid === postmaster)!;
    expect(server).toBeDefined();
    remember();
    process.kill(wrapper.pid, 'SIGKILL');

    // Back: a postmaster of a new wrapper holds the data, and the API writes through it.
    const deadline = Date.now() + 90_000;
    let after = { status: 0, body: null as any };
    let newServer: number | undefined;
    while (Date.now() < deadline) {
      const newWrapper = descendants(start.pid!).find((p) => p.command.includes('scripts/embedded-postgres.ts') && p.pid !== wrapper.pid);
      newServer = newWrapper && descendants(newWrapper.pid).find((p) => p.command.includes(`-D ${databaseDir}`))?.pid;
      if (newServer) {
        after = await call('POST', '/api/v1/partnerships', { ...examplePartnership, title: 'Efter databasens omstart' });
        if (after.status === 201) break;
      }
      await sleep(500);
    }
    remember();
    expect(newServer).toBeDefined();
    expect(after.status).toBe(201);
    expect(stillRunning(new Map([[server.pid, server.command]]))).toEqual([]);
    expect(postmasterPid(databaseDir)).toBe(newServer);
    expect(output).toMatch(/postgres exited unexpectedly \(signal SIGKILL\); starting it again/);
    expect(readFileSync(path.join(dataDir, 'logs', 'postgres.log'), 'utf8')).not.toMatch(/lock file .* already exists/);
    expect((await call('GET', `/api/v1/partnerships/${before.body.id}`)).body.title).toBe('Före databasens omstart');
  }, 120_000);

  it('when npm start is stopped with Ctrl-C (SIGINT), then it ends and leaves no process running, no PostgreSQL server included', async () => {
    remember();
    const ended = new Promise<number | null>((resolve) => start.once('exit', resolve));
    start.kill('SIGINT');
    expect(await Promise.race([ended, sleep(90_000).then(() => 'still running')])).toBe(0);
    expect(stillRunning(seen)).toEqual([]);
    expect(liveProcesses().filter((p) => p.command.includes(dataDir))).toEqual([]);
  }, 120_000);
});
