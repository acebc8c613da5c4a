// The API process's first import: the tracer and its instrumentations must be in place before
// http, express and pg are loaded (platform/tracing.ts).
import { startTracing } from '../platform/tracing';

startTracing('iop-api');
