// What a cached workflow holds alive: the live JavaScript heap, after a full collection, that each
// one adds to the reusable V8 context. The resident memory of bench:memory answers a wider
// question (the whole process, V8's headroom above what is live, the SDK's core in Rust) and moves
// with when V8 last collected; this figure is the part the workflow code decides.
import v8 from 'node:v8';
import vm from 'node:vm';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { workerTracing } from '../../platform/tracing';

/** A full collection on demand, without starting the process with --expose-gc. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

function liveHeapBytes(gc: () => void): number {
  // Twice: the first pass runs finalizers whose objects the second frees.
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

export interface CachedHeapFigures {
  warmUp: number;
  measured: number;
  /** After the warm-up workflows, then after the measured ones too. */
  heapMb: [number, number];
  perWorkflowKb: number;
}

export interface CachedHeapOptions {
  connection: NativeConnection;
  taskQueue: string;
  workflowBundle: NonNullable<WorkerOptions['workflowBundle']>;
  /** Started first and not counted: the first workflows fill caches that stay (the source map's, V8's code). */
  warmUp: number;
  measured: number;
  /** Starts `count` workflows on the task queue and resolves once all are asleep on a timer. */
  startAsleep: (count: number) => Promise<void>;
}

/**
 * Runs the workflows in this process (debugMode: the SDK's reusable V8 context in the main thread,
 * as the worker thread runs it, so that this process's heap is theirs) and answers the live heap a
 * cached one adds. The cache holds every workflow started, so none is evicted while measured.
 */
export async function heapPerCachedWorkflow(options: CachedHeapOptions): Promise<CachedHeapFigures> {
  const gc = collector();
  const worker = await Worker.create({
    connection: options.connection,
    taskQueue: options.taskQueue,
    workflowBundle: options.workflowBundle,
    ...workerTracing(),
    debugMode: true,
    reuseV8Context: true,
    maxCachedWorkflows: options.warmUp + options.measured + 10,
  });
  const running = worker.run();
  try {
    await options.startAsleep(options.warmUp);
    const warm = liveHeapBytes(gc);
    await options.startAsleep(options.measured);
    const full = liveHeapBytes(gc);
    return {
      warmUp: options.warmUp,
      measured: options.measured,
      heapMb: [+(warm / 2 ** 20).toFixed(1), +(full / 2 ** 20).toFixed(1)],
      perWorkflowKb: +((full - warm) / options.measured / 1024).toFixed(1),
    };
  } finally {
    worker.shutdown();
    await running;
  }
}
