// OpenTelemetry traces, from an HTTP request through the Temporal Update, the workflow and its
// activities to each SQL statement and e-mail. The standard OTEL_* variables configure it: with an
// OTLP endpoint (or OTEL_TRACES_EXPORTER=otlp) spans are exported; without, spans are still made,
// so that every log line in a request, step or activity carries its trace id, but none leaves the
// process. OTEL_SDK_DISABLED=true makes none at all.
//
// Started by a process's first import (api/api-tracing.ts, worker/worker-tracing.ts): the
// instrumentations patch http and pg as they are loaded, so they must be in place first. Express 5
// has no instrumentation yet: the API names its request's span by route itself (nameRequestSpan).
import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { envDetectorSync, Resource } from '@opentelemetry/resources';
import { AlwaysOffSampler, BatchSpanProcessor, NoopSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { OpenTelemetryActivityInboundInterceptor, OpenTelemetryWorkflowClientInterceptor, makeWorkflowExporter } from '@temporalio/interceptors-opentelemetry';
import type { WorkerOptions } from '@temporalio/worker';

interface Tracing {
  resource: Resource;
  processor: SpanProcessor;
  provider: NodeTracerProvider;
}

let started: Tracing | null = null;

/** Whether spans leave the process, by the OTEL_* variables' own rules. */
export function exportsTraces(env: NodeJS.ProcessEnv = process.env): boolean {
  const exporters = (env.OTEL_TRACES_EXPORTER ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  if (exporters.length > 0) return exporters.includes('otlp');
  return !!(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/** Makes the process's tracer provider and its instrumentations; once per process. */
export function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): void {
  if (started || env.OTEL_SDK_DISABLED === 'true') return;
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES, where set, name it instead.
  const resource = Resource.default().merge(new Resource({ 'service.name': serviceName })).merge(envDetectorSync.detect());
  // The exporter reads its endpoint, headers, timeout and compression from OTEL_EXPORTER_OTLP_*.
  const exporting = exportsTraces(env);
  const processor = exporting ? new BatchSpanProcessor(new OTLPTraceExporter()) : new NoopSpanProcessor();
  // With nothing to send, no span is recorded: each still has its ids, which the log lines and the
  // Temporal headers carry, at the cost of an object rather than of its attributes and events.
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor], ...(exporting ? {} : { sampler: new AlwaysOffSampler() }) });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Probes and scrapes are asked every few seconds and say nothing about a case.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => /^\/(healthz|readyz|metrics)\b/.test(request.url ?? '') }),
      // The statement's text, never its values: those are names, addresses and texts.
      // Statements outside a request or an activity (the pool's own, the webhook waker's) start no trace.
      new PgInstrumentation({ enhancedDatabaseReporting: false, requireParentSpan: true }),
    ],
  });
  started = { resource, processor, provider };
}

/** Sends what is buffered, at a process's end. */
export async function stopTracing(): Promise<void> {
  await started?.provider.shutdown();
}

/** The Temporal client's interceptor: an Update or a start carries the caller's trace into the workflow. */
export function clientTracingInterceptors() {
  return started ? { workflow: [new OpenTelemetryWorkflowClientInterceptor()] } : {};
}

/**
 * What a worker adds: the activities' spans as children of the workflow's, and the workflow's own
 * spans, made in its sandbox, sent out through a sink. The sink is given whether or not tracing
 * runs, because the workflow code always calls it; without tracing, its spans go nowhere.
 */
export function workerTracing(): Pick<WorkerOptions, 'sinks'> & { interceptors: Pick<NonNullable<WorkerOptions['interceptors']>, 'activity'> } {
  const resource = started?.resource ?? Resource.empty();
  const processor = started?.processor ?? new NoopSpanProcessor();
  return {
    sinks: { exporter: makeWorkflowExporter(processor, resource) },
    interceptors: { activity: started ? [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx) })] : [] },
  };
}

/** The trace and span of the active span, for a log line; none outside one. */
export function traceFields(): { trace_id: string; span_id: string } | Record<string, never> {
  const span: Span | undefined = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/**
 * Runs work in a span of its own, a child of the active one: for what no instrumentation sees, such
 * as handing a message to SMTP. Attributes carry kinds and ids, never addresses or texts.
 */
export function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return trace.getTracer('iop-lifecycle').startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Names the request's span by its route template, never its path: an id is no name. */
export function nameRequestSpan(method: string, route: string): void {
  const span = trace.getActiveSpan();
  span?.updateName(`${method} ${route}`);
  span?.setAttribute('http.route', route);
}
