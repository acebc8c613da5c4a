// Pre-builds the workflow code for production images, so the worker does not bundle at start.
// `tsx scripts/bundle-workflows.ts [out file]` (default dist/workflow-bundle.js)
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowBundlerOptions, workflowsPath } from '../worker/workflow-bundle';

async function main(): Promise<void> {
  const out = path.resolve(process.argv[2] ?? path.join('dist', 'workflow-bundle.js'));
  const { code } = await bundleWorkflowCode({ workflowsPath, ...workflowBundlerOptions() });
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, code);
  console.log(`workflow bundle written to ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
