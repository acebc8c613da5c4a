// The workflow's part of a trace (platform/tracing.ts): the run, each Update it handles and each
// activity it starts become spans, the Update's caller their parent, and the activity's header
// carries the trace on to the worker's activity span. Temporal's own workflow interceptors cannot
// serve here: the histories recorded without them (test/replay/histories) replay only if the
// interceptors add no await and draw nothing from the workflow's seeded Math.random, and theirs do
// both. These call each next step synchronously and hand back its very promise, so the workflow's
// code runs tick for tick as without them, and their span ids come from the run's id and a count.
// Queries and validators get no span: neither is in the history, and what they did would differ
// between a run and its replay.
import '@temporalio/interceptors-opentelemetry/lib/workflow/runtime';
import { context as otelContext, trace, SpanKind, SpanStatusCode, type Context, type Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { BasicTracerProvider, SimpleSpanProcessor, type IdGenerator } from '@opentelemetry/sdk-trace-base';
import { extractContextFromHeaders, headersWithContext } from '@temporalio/interceptors-opentelemetry/lib/instrumentation';
import { ContextManager } from '@temporalio/interceptors-opentelemetry/lib/workflow/context-manager';
import { SpanExporter } from '@temporalio/interceptors-opentelemetry/lib/workflow/span-exporter';
import { ContinueAsNew, workflowInfo, type WorkflowInterceptors } from '@temporalio/workflow';

/** Ids from the run's id and a count: unique across runs, and the same again in a replay. */
class RunIds implements IdGenerator {
  private count = 0;
  private seed = 0;

  private next(hexDigits: number): string {
    if (this.count === 0) for (const c of workflowInfo().runId) this.seed = Math.imul(this.seed ^ c.charCodeAt(0), 16777619) >>> 0;
    let hex = '';
    for (let part = 0; hex.length < hexDigits; part++) {
      // FNV-1a over (seed, count, part): the bits of a span id, not a secret.
      let h = 2166136261 ^ this.seed;
      for (const n of [++this.count, part]) h = Math.imul(h ^ n, 16777619) >>> 0;
      hex += h.toString(16).padStart(8, '0');
    }
    return hex.slice(0, hexDigits);
  }

  generateTraceId(): string {
    return this.next(32);
  }

  generateSpanId(): string {
    return this.next(16);
  }
}

const contextManager = new ContextManager();
const provider = new BasicTracerProvider({ idGenerator: new RunIds(), spanProcessors: [new SimpleSpanProcessor(new SpanExporter())] });
provider.register({ contextManager, propagator: new W3CTraceContextPropagator() });
const tracer = provider.getTracer('@temporalio/interceptor-workflow');

/** Ends the span when the promise settles, and answers that same promise: no tick is added. */
function endWith<T>(span: Span, promise: Promise<T>, acceptable: (error: unknown) => boolean = () => false): Promise<T> {
  void promise.then(
    () => span.end(),
    (error: unknown) => {
      if (!acceptable(error)) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      span.end();
    },
  );
  return promise;
}

/** Starts a span under the given context and runs the next step in it, at once. */
function inSpan<T>(name: string, parent: Context, run: () => Promise<T>, kind = SpanKind.INTERNAL, acceptable?: (error: unknown) => boolean): Promise<T> {
  const span = tracer.startSpan(name, { kind }, parent);
  return endWith(span, otelContext.with(trace.setSpan(parent, span), run), acceptable);
}

export const interceptors = (): WorkflowInterceptors => ({
  inbound: [
    {
      execute: (input, next) =>
        inSpan(`RunWorkflow:${workflowInfo().workflowType}`, extractContextFromHeaders(input.headers) ?? otelContext.active(), () => next(input), SpanKind.SERVER, (e) => e instanceof ContinueAsNew),
      handleUpdate: (input, next) => inSpan(`HandleUpdate:${input.name}`, extractContextFromHeaders(input.headers) ?? otelContext.active(), () => next(input), SpanKind.SERVER),
    },
  ],
  outbound: [
    {
      scheduleActivity: (input, next) => inSpan(`StartActivity:${input.activityType}`, otelContext.active(), () => next({ ...input, headers: headersWithContext(input.headers) }), SpanKind.CLIENT),
      scheduleLocalActivity: (input, next) => inSpan(`StartActivity:${input.activityType}`, otelContext.active(), () => next({ ...input, headers: headersWithContext(input.headers) }), SpanKind.CLIENT),
      continueAsNew: (input, next) => next({ ...input, headers: headersWithContext(input.headers) }),
    },
  ],
});
