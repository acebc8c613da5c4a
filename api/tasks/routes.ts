import { z } from 'zod';
import type { Database } from '../../platform/database';
import type { RouteTable } from '../http/route';

const taskSchema = z
  .object({
    id: z.string(),
    partnershipId: z.uuid(),
    partnershipTitle: z.string(),
    kind: z.string().meta({ description: 'LEGAL_REVIEW, PARTY_DECISION, DECISION_FINALITY, START_IMPLEMENTATION, FOLLOW_UP, EVALUATION, RENEGOTIATION, OUTCOME_MEASUREMENT, or FIX_EMAIL_ADDRESS (the SMTP server refused an address for good; see the partnership\'s notifications)' }),
    partyId: z.string().nullable().meta({ description: 'The party it waits on' }),
    waitsOnRole: z.string().nullable().meta({ description: 'The role it waits on, when no single party owns it' }),
    dueOn: z.string().nullable(),
    openedAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'Task' });

const taskQuery = z
  .object({
    status: z.enum(['open', 'closed']).default('open'),
    partyId: z.uuid().optional(),
    partnershipId: z.uuid().optional(),
    role: z.enum(['LEGAL_REVIEWER', 'CASE_OFFICER']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/** The work list across partnerships: what an administrator or a case officer opens in the morning. */
export function taskRoutes(routes: RouteTable, basePath: string, db: Database): void {
  routes.add(basePath, {
    method: 'get',
    path: '/tasks',
    operationId: 'listTasks',
    summary: 'Steps waiting on a person, soonest due first; by party, role or partnership',
    tags: ['Work list'],
    access: 'api-key',
    query: taskQuery,
    responses: { 200: { description: 'The tasks', schema: z.object({ tasks: z.array(taskSchema) }).meta({ id: 'TaskList' }) } },
    handler: async ({ query, scope, principal }) => {
      // A representative's work list holds only the partnerships its organisation is party to.
      const organisationId = principal?.organisationId;
      const own =
        scope !== 'own' ? null : organisationId ? (await db.party.findMany({ where: { organisationId }, select: { partnershipId: true } })).map((p) => p.partnershipId) : [];
      const rows = await db.task.findMany({
        where: {
          ...(own ? { AND: [{ partnershipId: { in: own } }] } : {}),
          closedAt: query.status === 'open' ? null : { not: null },
          ...(query.partyId ? { partyId: query.partyId } : {}),
          ...(query.partnershipId ? { partnershipId: query.partnershipId } : {}),
          ...(query.role ? { waitsOnRole: query.role } : {}),
        },
        orderBy: [{ dueOn: { sort: 'asc', nulls: 'last' } }, { openedAt: 'asc' }],
        take: query.limit,
      });
      const titles = new Map(
        (await db.partnership.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.partnershipId))] } }, select: { id: true, title: true } })).map(
          (p) => [p.id, p.title],
        ),
      );
      return {
        status: 200,
        body: {
          tasks: rows.map((r) => ({
            id: r.id,
            partnershipId: r.partnershipId,
            partnershipTitle: titles.get(r.partnershipId) ?? '',
            kind: r.kind,
            partyId: r.partyId,
            waitsOnRole: r.waitsOnRole,
            dueOn: r.dueOn,
            openedAt: r.openedAt.toISOString(),
            closedAt: r.closedAt?.toISOString() ?? null,
          })),
        },
      };
    },
  });
}
