import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What the global setup made for this test run: its own database, a Temporal server, a workflow bundle. */
export interface TestRun {
  databaseUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
}

export const testRunDir = path.resolve(__dirname, '..', '..', '.data', 'test');
export const testRunFile = path.join(testRunDir, 'run.json');

export function testRun(): TestRun {
  return JSON.parse(readFileSync(testRunFile, 'utf8')) as TestRun;
}
