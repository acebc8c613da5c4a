// A collector's front door, as small as it can be: it takes OTLP/HTTP JSON exports at /v1/traces,
// as the OpenTelemetry exporter sends them, and keeps every span with the service that sent it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedSpan {
  service: string;
  scope: string;
  name: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  attributes: Record<string, unknown>;
}

interface ExportRequest {
  resourceSpans: {
    resource: { attributes: { key: string; value: Record<string, unknown> }[] };
    scopeSpans: { scope: { name: string }; spans: { name: string; traceId: string; spanId: string; parentSpanId?: string; attributes?: { key: string; value: Record<string, unknown> }[] }[] }[];
  }[];
}

const valueOf = (value: Record<string, unknown>) => Object.values(value)[0];

export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        if (req.url === '/v1/traces' && req.headers['content-type']?.startsWith('application/json')) this.keep(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportRequest);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  private keep(request: ExportRequest): void {
    for (const { resource, scopeSpans } of request.resourceSpans) {
      const service = String(valueOf(resource.attributes.find((a) => a.key === 'service.name')!.value));
      for (const { scope, spans } of scopeSpans) {
        for (const span of spans) {
          this.spans.push({
            service,
            scope: scope.name,
            name: span.name,
            traceId: span.traceId,
            spanId: span.spanId,
            parentSpanId: span.parentSpanId || null,
            attributes: Object.fromEntries((span.attributes ?? []).map((a) => [a.key, valueOf(a.value)])),
          });
        }
      }
    }
  }

  /** Waits until a span meets the test, and answers it. */
  async span(test: (span: ReceivedSpan) => boolean, timeoutMs = 30_000): Promise<ReceivedSpan> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.spans.find(test);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No such span among ${this.spans.length}: ${[...new Set(this.spans.map((s) => `${s.service} ${s.name}`))].join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The chain of spans from this one up to its trace's root, as far as they have arrived. */
  ancestry(span: ReceivedSpan): ReceivedSpan[] {
    const chain = [span];
    for (let at = span; at.parentSpanId; ) {
      const parent = this.spans.find((s) => s.spanId === at.parentSpanId && s.traceId === at.traceId);
      if (!parent) break;
      chain.push(parent);
      at = parent;
    }
    return chain;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
