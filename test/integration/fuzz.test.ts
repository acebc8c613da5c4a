import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../support/run-command';
import { startSystem, type TestSystem } from '../support/system';

// Schemathesis from PyPI (scripts/fuzz-tools.txt), installed by `node scripts/setup.mjs --test`.
const st = path.resolve(__dirname, '..', '..', '.tools', 'schemathesis', 'bin', 'st');

describe('the API under a fuzzer', () => {
  let system: TestSystem;
  let reports: string;
  beforeAll(async () => {
    system = await startSystem({ rateLimitPerMinute: 1_000_000 });
    reports = mkdtempSync(path.join(os.tmpdir(), 'iop-fuzz-'));
  });
  afterAll(async () => {
    await system.stop();
    rmSync(reports, { recursive: true, force: true });
  });

  it('when schemathesis sends valid and invalid data to every operation, then no answer is a 5xx and every answer fits its published schema', async () => {
    if (!existsSync(st)) throw new Error(`schemathesis is not installed at ${st}: run \`node scripts/setup.mjs --test\` (it needs Python 3)`);
    const junit = path.join(reports, 'schemathesis.xml');
    const { status: code, output } = await runCommand(st, [
      'run',
      `${system.baseUrl}/api/v1/openapi.json`,
      '--url',
      system.baseUrl,
      '--header',
      `X-API-Key: ${system.adminKey}`,
      '--checks',
      'not_a_server_error,response_schema_conformance',
      '--phases',
      'examples,coverage,fuzzing,stateful',
      '--max-examples',
      '10',
      // One worker: with two threads, this machine's Python 3.11.7 can fail hypothesis's parse of a
      // filter with "AST constructor recursion depth mismatch" (CPython gh-106905, seen in threaded
      // programs), a crash of the tool that failed this test on clean clones with every case passed.
      '--workers',
      '1',
      // A fixed seed: a failure found here is found again by the next run, and by `st run --seed`.
      '--seed',
      '20261128',
      '--report-junit-path',
      junit,
    ], {
      // In a directory of the test's own: schemathesis keeps its state in `.schemathesis/` there.
      cwd: reports,
      env: { ...process.env, NO_COLOR: '1' },
    });
    const summary = output.slice(output.lastIndexOf('SUMMARY'));
    // The failures themselves, not the warnings after them.
    // Enough to see every failing operation's first case and the summary: a rare failure is read from CI's log alone.
    const failuresAt = output.indexOf('FAILURES');
    const failures = failuresAt >= 0 ? `${output.slice(failuresAt, failuresAt + 20_000)}\n…\n${summary.slice(0, 4000)}` : output.slice(-20_000);
    if (code !== 0) throw new Error(`schemathesis found failures (exit ${code}):\n${failures}`);
    // It ran, and it ran wide: every operation, and well over a thousand requests.
    expect(summary).toMatch(/Tested: (\d+)/);
    expect(Number(/Tested: (\d+)/.exec(summary)![1])).toBeGreaterThan(50);
    expect(Number(/(\d+) generated/.exec(summary)?.[1] ?? 0)).toBeGreaterThan(1000);
    expect(readFileSync(junit, 'utf8')).not.toMatch(/<failure/);
  }, 600_000);
});
