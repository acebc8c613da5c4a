import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Database } from '../../platform/database';
import { databaseAnswers } from '../../records/database-answers';
import type { RouteTable } from '../http/route';

const checkTimeoutMs = 2_000;

const readinessSchema = z
  .object({
    status: z.enum(['ready', 'not-ready']),
    checks: z.object({ database: z.enum(['up', 'down']), temporal: z.enum(['up', 'down']) }),
  })
  .meta({ id: 'Readiness' });

async function probe(check: () => Promise<unknown>): Promise<'up' | 'down'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), checkTimeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
    return 'up';
  } catch {
    return 'down';
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(routes: RouteTable, deps: { db: Database; temporal: Client }): void {
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
    summary: 'Ready only while PostgreSQL and Temporal are reachable',
    tags: ['Operations'],
    access: 'public',
    responses: {
      200: { description: 'Every dependency answers', schema: readinessSchema },
      503: { description: 'A dependency does not answer', schema: readinessSchema },
    },
    handler: async () => {
      const [database, temporal] = await Promise.all([
        probe(() => databaseAnswers(deps.db)),
        // The deadline ends the call itself, not only our wait for it: no retry outlives the probe.
        probe(() => deps.temporal.withDeadline(Date.now() + checkTimeoutMs, () => deps.temporal.workflowService.getSystemInfo({}))),
      ]);
      const ready = database === 'up' && temporal === 'up';
      return { status: ready ? 200 : 503, body: { status: ready ? 'ready' : 'not-ready', checks: { database, temporal } } };
    },
  });
}
