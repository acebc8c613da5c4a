import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as workflows from '../../workflows';
import { storedHistoryText } from '../support/history-text';
import { testRun, testRunDir } from '../support/run-config';

const projectRoot = path.resolve(__dirname, '..', '..');
const historiesDir = path.join(__dirname, 'histories');
const files = readdirSync(historiesDir).filter((file) => file.endsWith('.json')).sort();

// Replay runs in a process of its own: Jest's module sandbox breaks the SDK's protobuf types.
function replay(source: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/replay-histories.ts', source], { cwd: projectRoot, encoding: 'utf8' });
}

describe('histories recorded from earlier versions', () => {
  it('when the fixtures are listed, then there are some, and every workflow type the worker registers has one', () => {
    expect(files.length).toBeGreaterThan(0);
    const types = new Set(
      files.map(
        (file) =>
          JSON.parse(readFileSync(path.join(historiesDir, file), 'utf8')).events[0].workflowExecutionStartedEventAttributes
            .workflowType.name,
      ),
    );
    expect([...types].sort()).toEqual(Object.keys(workflows).sort());
  });

  it('when the recorded histories are scanned, then they hold no e-mail address, phone number, API key or bearer token', () => {
    for (const file of files) {
      const text = storedHistoryText(readFileSync(path.join(historiesDir, file), 'utf8'));
      // Decoded, so the check below reads the payloads: every workflow carries one of these ids, and
      // a retention run, which has no input, its schedule's id in its search attributes.
      expect(text).toMatch(/partnershipId|subscriptionId|"retention-/);
      expect({ file, found: text.match(/[\w.+-]+@[\w-]+\.[a-z]{2,}|iop_[0-9a-f-]{36}_|Bearer |\+46[ 0-9]{7,}/gi) }).toEqual({ file, found: null });
    }
  });

  it('when every recorded history is replayed against the current workflow code, then each replays without non-determinism', () => {
    const result = replay(testRun().workflowBundlePath);

    expect(result.stdout.trim().split('\n')).toEqual(files.map((file) => `replayed ${file}`));
    expect(result.status).toBe(0);
  }, 120_000);

  it('when the workflow is changed in place (a timer before the first e-mail), then the replay catches it', () => {
    const changed = path.join(testRunDir, 'changed-workflows');
    rmSync(changed, { recursive: true, force: true });
    cpSync(path.join(projectRoot, 'workflows'), changed, { recursive: true });
    const file = path.join(changed, 'partnership.ts');
    const source = `import { sleep } from '@temporalio/workflow';\n${readFileSync(file, 'utf8')}`
      .replace('  const registered = ', "  await sleep('1 day');\n  const registered = ");
    expect(source).toContain("await sleep('1 day')");
    writeFileSync(file, source);
    // The copy lives two folders deeper: every module's imports from outside workflows/ are moved with it.
    for (const other of readdirSync(changed).filter((name) => name.endsWith('.ts'))) {
      const otherFile = path.join(changed, other);
      writeFileSync(otherFile, readFileSync(otherFile, 'utf8').replaceAll("from '../activities'", "from '../../../activities'").replaceAll("from '../domain/", "from '../../../domain/"));
    }

    const result = replay(changed);

    expect(result.stdout).toMatch(/FAILED .*nondeterminism/i);
    expect(result.status).toBe(1);
  }, 120_000);
});
