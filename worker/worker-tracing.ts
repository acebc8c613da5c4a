// The worker process's first import: the tracer and its instrumentation of pg must be in place
// before pg is loaded (platform/tracing.ts).
import { startTracing } from '../platform/tracing';

startTracing('iop-worker');
