// Replays every recorded history in test/replay/histories against the current workflow code and
// exits non-zero if any of them no longer replays. `npm run replay [bundle path]`.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DefaultLogger, Runtime, Worker, type ReplayWorkerOptions } from '@temporalio/worker';
import { workerTracing } from '../platform/tracing';
import { workflowBundlerOptions, workflowsPath, workflowTracingModule } from '../worker/workflow-bundle';

const historiesDir = path.resolve(__dirname, '..', 'test', 'replay', 'histories');

async function main(): Promise<number> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  // A pre-built bundle (.js), another workflows folder (to prove a change is caught), or the source.
  const source = process.argv[2];
  // The workflow's tracing calls its sink in a replay too; the sink sends nothing then.
  const { sinks } = workerTracing();
  const options: ReplayWorkerOptions = source?.endsWith('.js')
    ? { workflowBundle: { codePath: source }, sinks }
    : { workflowsPath: source ? path.resolve(source) : workflowsPath, bundlerOptions: workflowBundlerOptions(), interceptors: { workflowModules: [workflowTracingModule] }, sinks };
  let failures = 0;
  const files = readdirSync(historiesDir).filter((f) => f.endsWith('.json')).sort();
  if (files.length === 0) {
    console.log(`FAILED: no recorded histories in ${historiesDir}`);
    return 1;
  }
  for (const file of files) {
    const history: unknown = JSON.parse(readFileSync(path.join(historiesDir, file), 'utf8'));
    try {
      await Worker.runReplayHistory(options, history, file);
      console.log(`replayed ${file}`);
    } catch (error) {
      failures += 1;
      console.log(`FAILED ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
