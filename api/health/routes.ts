import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Database } from '../../platform/database';
import type { RouteTable } from '../http/route';
import { checkDependencies } from './dependencies';

const upOrDown = z.enum(['up', 'down']);

const readinessSchema = z
  .object({
    status: z.enum(['ready', 'not-ready']),
    checks: z.object({
      database: upOrDown,
      temporal: upOrDown,
      worker: upOrDown.meta({ description: 'Whether a worker has polled the task queue in the last 90 s; reported, not required: the API serves reads and accepts steps without one' }),
    }),
  })
  .meta({ id: 'Readiness' });

export function healthRoutes(routes: RouteTable, deps: { db: Database; temporal: Client; taskQueue: string }): void {
  routes.add('', {
    method: 'get',
    path: '/healthz',
    operationId: 'liveness',
    summary: 'Answers while the process is up',
    tags: ['Operations'],
    access: 'public',
    responses: { 200: { description: 'Alive', schema: z.object({ status: z.literal('ok') }) } },
    handler: async () => ({ status: 200, body: { status: 'ok' } }),
  });

  routes.add('', {
    method: 'get',
    path: '/readyz',
    operationId: 'readiness',
    summary: 'Ready only while PostgreSQL and Temporal are reachable; tells whether a worker is polling',
    tags: ['Operations'],
    access: 'public',
    responses: {
      200: { description: 'PostgreSQL and Temporal answer', schema: readinessSchema },
      503: { description: 'PostgreSQL or Temporal does not answer', schema: readinessSchema },
    },
    handler: async () => {
      const checks = await checkDependencies(deps);
      // A missing worker does not take the API out of rotation: every API process would go at
      // once, and the reads and the accepted steps with them. The alert IopNoWorkerPolling tells.
      const ready = checks.database === 'up' && checks.temporal === 'up';
      return { status: ready ? 200 : 503, body: { status: ready ? 'ready' : 'not-ready', checks } };
    },
  });
}
