// The PostgreSQL that `npm start` embeds, started as `npm start` starts it, under the concurrent load
// that PGlite answered wrongly (another row for a key lookup, 401 for a valid key, lost portals).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { createApiKey, principalForKey } from '../../api/auth/api-keys';
import { luhnCheckDigit } from '../../api/organisations/organisation-number';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { embeddedDatabaseName } from '../../scripts/lib/defaults';
import { embeddedPostgresUrl } from '../../scripts/lib/embedded-postgres';
import { freePort } from '../support/postgres';
import { liveProcesses } from '../support/process-tree';
import { runCommand } from '../support/run-command';
import { api, serveApp } from '../support/system';

const projectRoot = path.resolve(__dirname, '..', '..');
const clients = 16;
const rounds = 4; // each round is 8 reads and writes: 512 operations, 16 at a time

interface Server {
  process: ChildProcess;
  exited: Promise<number | null>;
  output: string[];
}

function startServer(databaseDir: string, port: number): Server {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/embedded-postgres.ts'], {
    cwd: projectRoot,
    env: { ...process.env, EMBEDDED_POSTGRES_DIR: databaseDir, EMBEDDED_POSTGRES_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { process: child, exited, output };
}

async function ready(server: Server, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!server.output.join('').includes('embedded PostgreSQL on ')) {
    if (server.process.exitCode !== null) throw new Error(`the server exited with ${server.process.exitCode}:\n${server.output.join('')}`);
    if (Date.now() > deadline) throw new Error(`the server was not ready in ${timeoutMs / 1000} s:\n${server.output.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The postmaster's pid, from the lock file it keeps in its data directory while it runs. */
function postmasterPid(databaseDir: string): number | undefined {
  const lockFile = path.join(databaseDir, 'postmaster.pid');
  return existsSync(lockFile) ? Number(readFileSync(lockFile, 'utf8').split('\n')[0]) : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/** Stops the server however far it got; a postmaster left behind by a killed wrapper is stopped too. */
async function stopServer(server: Server | undefined, databaseDir: string): Promise<void> {
  const pid = postmasterPid(databaseDir);
  if (server && server.process.exitCode === null && server.process.signalCode === null) {
    server.process.kill('SIGTERM');
    const timer = setTimeout(() => server.process.kill('SIGKILL'), 30_000);
    await server.exited;
    clearTimeout(timer);
  }
  if (pid && alive(pid)) {
    process.kill(pid, 'SIGINT'); // fast shutdown
    if (!(await until(() => !alive(pid), 30_000))) process.kill(pid, 'SIGKILL');
  }
}

async function migrate(databaseUrl: string): Promise<void> {
  const { status, output } = await runCommand(path.join(projectRoot, 'node_modules', '.bin', 'prisma'), ['migrate', 'deploy'], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl },
  });
  if (status !== 0) throw new Error(`prisma migrate deploy exited with ${status}:\n${output}`);
}

/** A valid organisation number of its own for each client and round. */
/** A row written before the server goes down, to be found after it is back: an API key. */
async function writeMarker(databaseUrl: string, label: string): Promise<{ id: string; key: string }> {
  const db = createDatabase(databaseUrl, { maxConnections: 1 });
  try {
    return await createApiKey(db, { role: 'AUDITOR', label });
  } finally {
    await db.$disconnect();
  }
}

async function expectMarkerFound(databaseUrl: string, marker: { id: string; key: string }): Promise<void> {
  const db = createDatabase(databaseUrl, { maxConnections: 1 });
  try {
    expect(await principalForKey(db, marker.key)).toEqual({ type: 'API_KEY', keyId: marker.id, role: 'AUDITOR', organisationId: null });
  } finally {
    await db.$disconnect();
  }
}

function organisationNumber(client: number, round: number): string {
  const nine = `8050${String(client * 1000 + round).padStart(5, '0')}`;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}

describe('the embedded PostgreSQL of npm start', () => {
  const databaseDir = mkdtempSync(path.join(os.tmpdir(), 'iop-embedded-postgres-'));
  let port: number;
  let databaseUrl: string;
  let server: Server | undefined;

  beforeAll(async () => {
    port = await freePort();
    databaseUrl = embeddedPostgresUrl(port, embeddedDatabaseName);
    server = startServer(databaseDir, port);
    await ready(server);
    await migrate(databaseUrl);
  }, 300_000);

  afterAll(async () => {
    await stopServer(server, databaseDir);
    rmSync(databaseDir, { recursive: true, force: true });
  }, 120_000);

  it(
    'when 16 clients read and write at once through the API and the key store, then every answer is the row that was asked for',
    async () => {
      const db: Database = createDatabase(databaseUrl, { maxConnections: clients });
      // Organisations do not reach Temporal; the client is there because the app takes one.
      const connection = Connection.lazy({ address: '127.0.0.1:9' });
      const app = await serveApp({
        db,
        temporal: new Client({ connection }),
        taskQueue: 'unused',
        logger: createLogger({ level: 'silent', name: 'embedded-postgres-test' }),
        publicBaseUrl: 'http://127.0.0.1',
        hardening: { rateLimitPerMinute: 1_000_000 },
      });
      const wrong: string[] = [];
      let operations = 0;
      const expectSame = (what: string, actual: unknown, expected: unknown) => {
        operations++;
        if (!isDeepStrictEqual(actual, expected)) wrong.push(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      };

      try {
        const keys = await Promise.all(
          Array.from({ length: clients }, (_, c) => createApiKey(db, { role: 'ADMINISTRATOR', label: `client ${c}` })),
        );
        await Promise.all(
          keys.map(async (own, c) => {
            const other = keys[(c + 1) % clients]!;
            for (let r = 0; r < rounds; r++) {
              const at = `client ${c} round ${r}`;
              try {
                expectSame(`${at}: own key`, await principalForKey(db, own.key), { type: 'API_KEY', keyId: own.id, role: 'ADMINISTRATOR', organisationId: null });

                const number = organisationNumber(c, r);
                const name = `Förening ${c}-${r}`;
                const created = await api(app, 'POST', '/api/v1/organisations', { key: own.key, body: { name, kind: 'IDEBUREN', organisationNumber: number } });
                expectSame(`${at}: register`, [created.status, created.body?.name, created.body?.organisationNumber], [201, name, number]);
                const organisationId = created.body?.id as string;

                const representative = await createApiKey(db, { role: 'ORGANISATION_REPRESENTATIVE', label: at, organisationId });
                operations++;
                const email = `c${c}r${r}@example.test`;
                const contact = await api(app, 'POST', `/api/v1/organisations/${organisationId}/contacts`, {
                  key: representative.key,
                  body: { name: `Kontakt ${c}-${r}`, email },
                });
                expectSame(`${at}: add contact`, [contact.status, contact.body?.email, contact.body?.organisationId], [201, email, organisationId]);

                expectSame(`${at}: representative key`, await principalForKey(db, representative.key), {
                  type: 'API_KEY',
                  keyId: representative.id,
                  role: 'ORGANISATION_REPRESENTATIVE',
                  organisationId,
                });
                expectSame(`${at}: another client's key`, (await principalForKey(db, other.key))?.keyId, other.id);

                const read = await api(app, 'GET', `/api/v1/organisations/${organisationId}`, { key: own.key });
                expectSame(`${at}: read organisation`, [read.status, read.body?.id, read.body?.organisationNumber], [200, organisationId, number]);
                const contacts = await api(app, 'GET', `/api/v1/organisations/${organisationId}/contacts`, { key: representative.key });
                expectSame(
                  `${at}: list contacts`,
                  [contacts.status, (contacts.body?.contacts as { email: string }[] | undefined)?.map((x) => x.email)],
                  [200, [email]],
                );
              } catch (error) {
                wrong.push(`${at}: ${error instanceof Error ? error.message : String(error)}`);
              }
            }
          }),
        );

        expect(wrong).toEqual([]);
        expect(operations).toBe(clients * rounds * 8);
        const [counts] = await db.$queryRaw<{ organisations: bigint; contacts: bigint; emails: bigint; keys: bigint }[]>`
          SELECT (SELECT count(*) FROM "Organisation") AS organisations, (SELECT count(*) FROM "Contact") AS contacts,
                 (SELECT count(DISTINCT email) FROM "Contact") AS emails, (SELECT count(*) FROM "ApiKey") AS keys`;
        expect(counts).toEqual({
          organisations: BigInt(clients * rounds),
          contacts: BigInt(clients * rounds),
          emails: BigInt(clients * rounds),
          keys: BigInt(clients + clients * rounds),
        });
      } finally {
        await app.close();
        await db.$disconnect();
        await connection.close().catch(() => undefined);
      }
    },
    300_000,
  );

  it(
    'when the server is sent SIGTERM, then it and its postmaster exit, and a restart on the same directory finds the data again',
    async () => {
      const marker = await writeMarker(databaseUrl, 'written before the restart');
      const pid = postmasterPid(databaseDir)!;
      expect(alive(pid)).toBe(true);

      server!.process.kill('SIGTERM');
      expect(await server!.exited).toBe(0);
      expect(alive(pid)).toBe(false);
      expect(existsSync(path.join(databaseDir, 'postmaster.pid'))).toBe(false);

      server = startServer(databaseDir, port);
      await ready(server);
      await expectMarkerFound(databaseUrl, marker);
    },
    180_000,
  );

  it(
    'when a wrapper killed with kill -9 left its server running, then the next start stops that server, says so, and starts its own on the same data',
    async () => {
      const marker = await writeMarker(databaseUrl, 'written before the wrapper was killed');
      const orphan = postmasterPid(databaseDir)!;
      server!.process.kill('SIGKILL');
      await server!.exited;
      expect(alive(orphan)).toBe(true); // nothing is left to stop it: a wrapper cannot outlive SIGKILL

      server = startServer(databaseDir, port);
      await ready(server);
      expect(server.output.join('')).toContain(`A PostgreSQL server left running by an earlier start (pid ${orphan}) holds ${databaseDir}: stopping it`);
      expect(liveProcesses().filter((p) => p.pid === orphan)).toEqual([]); // a zombie has ended; its adopter collects it
      expect(postmasterPid(databaseDir)).not.toBe(orphan);
      await expectMarkerFound(databaseUrl, marker);
    },
    180_000,
  );
});
