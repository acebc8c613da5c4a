import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { temporalCliPath } from '../../platform/temporal-binaries';
import { partnershipWorkflowId } from '../../workflows/messages';
import { testRun } from './run-config';

/**
 * With RECORD_HISTORIES=<label> (say r3), saves a partnership's workflow history as a replay
 * fixture named after the day, the label and the path. Run it when a path is new or the workflow
 * has changed (through patching), and commit the new files beside the old ones.
 */
export function recordHistoryIfAsked(partnershipId: string, name: string): void {
  const label = process.env.RECORD_HISTORIES;
  if (!label) return;
  const cli = temporalCliPath();
  if (!cli) throw new Error('RECORD_HISTORIES needs the Temporal CLI');
  const shown = spawnSync(
    cli,
    ['workflow', 'show', '--address', testRun().temporalAddress, '-w', partnershipWorkflowId(partnershipId), '--output', 'json'],
    { encoding: 'utf8' },
  );
  if (shown.status !== 0) throw new Error(shown.stderr);
  const day = new Date().toISOString().slice(0, 10);
  writeFileSync(path.join(__dirname, '..', 'replay', 'histories', `${day}-${label}-${name}.json`), shown.stdout);
}

/**
 * The same for one run of a workflow on any server the client reaches (the time-skipping test
 * server has no CLI access): a history that continued as new is recorded run by run.
 */
export async function recordRunHistoryIfAsked(client: Client, partnershipId: string, runId: string, name: string): Promise<void> {
  const label = process.env.RECORD_HISTORIES;
  if (!label) return;
  const history = await client.workflow.getHandle(partnershipWorkflowId(partnershipId), runId).fetchHistory();
  const day = new Date().toISOString().slice(0, 10);
  writeFileSync(path.join(__dirname, '..', 'replay', 'histories', `${day}-${label}-${name}.json`), historyToJSON(history));
}

/** The same for any workflow, by its id (a webhook's delivery workflow, say). */
export async function recordWorkflowHistoryIfAsked(client: Client, workflowId: string, name: string): Promise<void> {
  const label = process.env.RECORD_HISTORIES;
  if (!label) return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  const day = new Date().toISOString().slice(0, 10);
  writeFileSync(path.join(__dirname, '..', 'replay', 'histories', `${day}-${label}-${name}.json`), historyToJSON(history));
}
