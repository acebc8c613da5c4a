// What operators scrape from the API (Prometheus, with prom-client): each request by its route's
// template and status, with its duration; each step taken or refused, by step and reason; the
// Idempotency-Key replays; the database pool; and the process itself. Every label comes from a
// closed set (templates, step types, reasons), never from a path or a value a caller chose.
import { timingSafeEqual } from 'node:crypto';
import type { Express, NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { stepTypes } from '../../domain/steps';
import type { PoolStatistics } from '../../platform/database';
import type { DependencyChecks } from '../health/dependencies';
import { ProblemError } from './problem';

/** What a route's handler and the problem handler leave on the response for the metrics to read. */
export interface ResponseFacts {
  /** The route's template (/api/v1/partnerships/:id), or none when no route matched. */
  route?: string;
  operationId?: string;
  /** A problem's `reason`, else its type's slug. */
  problemReason?: string;
}

const steps = new Set<string>(stepTypes);

export function serveMetrics(app: Express, options: { connections: () => PoolStatistics; dependencies: () => Promise<DependencyChecks>; token?: string }): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'iop_api_' });

  const requests = new Histogram({
    name: 'iop_http_request_duration_seconds',
    help: 'HTTP requests by method, route template and status, with how long each took to answer',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const stepsTaken = new Counter({
    name: 'iop_steps_total',
    help: 'Steps asked for over the API by step and outcome (applied, accepted, refused, failed) and, when refused, the reason',
    labelNames: ['step', 'outcome', 'reason'],
    registers: [registry],
  });
  const replays = new Counter({
    name: 'iop_idempotency_replays_total',
    help: 'Requests answered from an earlier answer under the same Idempotency-Key, by operation',
    labelNames: ['operation'],
    registers: [registry],
  });
  new Gauge({
    name: 'iop_db_pool_connections',
    help: "The database pool's connections: open in all, idle, and queries waiting for one",
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const now = options.connections();
      this.set({ state: 'total' }, now.total);
      this.set({ state: 'idle' }, now.idle);
      this.set({ state: 'waiting' }, now.waiting);
    },
  });

  new Gauge({
    name: 'iop_dependency_up',
    help: 'Whether PostgreSQL and Temporal answer the API, and a worker polls its task queue (1) or not (0), asked at each scrape',
    labelNames: ['dependency'],
    registers: [registry],
    async collect() {
      for (const [dependency, state] of Object.entries(await options.dependencies())) this.set({ dependency }, state === 'up' ? 1 : 0);
    },
  });

  app.use((req: Request, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const facts = res.locals as ResponseFacts;
      const status = String(res.statusCode);
      requests.observe({ method: req.method, route: facts.route ?? 'unmatched', status }, Number(process.hrtime.bigint() - started) / 1e9);
      const operation = facts.operationId;
      if (!operation) return;
      if (res.getHeader('Idempotent-Replayed') === 'true') {
        replays.inc({ operation });
        return;
      }
      if (steps.has(operation)) stepsTaken.inc({ step: operation, ...stepOutcome(res.statusCode, facts.problemReason) });
    });
    next();
  });

  app.get('/metrics', (req, res, next) => {
    (res.locals as ResponseFacts).route = '/metrics';
    if (options.token && !bearerMatches(req, options.token)) {
      next(new ProblemError(401, 'unauthenticated', 'Authentication required', 'The metrics are read with the bearer token METRICS_TOKEN'));
      return;
    }
    registry.metrics().then((text) => res.type(registry.contentType).send(text), next);
  });
}

function stepOutcome(status: number, reason: string | undefined): { outcome: string; reason: string } {
  if (status === 200) return { outcome: 'applied', reason: '' };
  if (status === 202) return { outcome: 'accepted', reason: '' };
  if (status < 500) return { outcome: 'refused', reason: reason ?? String(status) };
  return { outcome: 'failed', reason: reason ?? String(status) };
}

function bearerMatches(req: Request, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1] ?? '');
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}
