// The baseline worker of bench/memory.ts and bench/lateness.ts: bare Temporal in a process of its
// own, compiled and with the product worker's cache size and sticky queue timeout, as the product's
// worker runs (bench/support/services.ts). bench/memory.ts sets its resident memory beside the
// product's; bench/lateness.ts its reminders' lateness.
import { writeFileSync } from 'node:fs';
import { NativeConnection, Worker } from '@temporalio/worker';

// Part 3: when each reminder was done, kept in memory and written once, to BARE_DONE_FILE, when
// BARE_REMINDERS have been: writing as they come would be work the product's worker does not do.
const expected = Number(process.env.BARE_REMINDERS ?? 0);
const doneAt: Record<string, number> = {};
let done = 0;

async function remind(id: string): Promise<void> {
  doneAt[id] = Date.now();
  if (++done === expected) writeFileSync(process.env.BARE_DONE_FILE!, JSON.stringify(doneAt));
}

async function main(): Promise<void> {
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const worker = await Worker.create({
    connection,
    taskQueue: process.env.TEMPORAL_TASK_QUEUE!,
    workflowsPath: require.resolve('./workflows'),
    activities: { noop: async () => undefined, remind },
    // The product worker's settings and defaults (platform/config.ts), so that the two differ only in their code.
    maxCachedWorkflows: Number(process.env.WORKER_MAX_CACHED_WORKFLOWS ?? 500),
    stickyQueueScheduleToStartTimeout: `${Number(process.env.WORKER_STICKY_QUEUE_TIMEOUT_SECONDS ?? 30)} seconds`,
  });
  console.log('"worker running"');
  await worker.run();
  await connection.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
