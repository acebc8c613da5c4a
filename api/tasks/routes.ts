import { z } from 'zod';
import { taskKinds } from '../../domain/tasks';
import { freeText } from '../../domain/text';
import { afterParameter, cursorCodec, cursorParts } from '../http/cursor';
import { ProblemError, problems } from '../http/problem';
import type { Database } from '../../platform/database';
import type { RouteTable } from '../http/route';

const taskSchema = z
  .object({
    id: z.string(),
    partnershipId: z.uuid(),
    partnershipTitle: z.string(),
    kind: z.string().meta({ description: `${taskKinds.join(', ')}, or FIX_EMAIL_ADDRESS (the SMTP server refused an address for good; see the partnership's notifications)` }),
    partyId: z.string().nullable().meta({ description: 'The party it waits on' }),
    waitsOnRole: z.string().nullable().meta({ description: 'The role it waits on, when no single party owns it' }),
    dueOn: z.iso.date().nullable(),
    assignee: z.string().nullable().meta({ description: 'Who has taken the task on' }),
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
    assignee: freeText(1, 200).optional().meta({ description: 'Only the tasks this person has taken on' }),
    unassigned: z.enum(['true']).optional().meta({ description: 'Only the tasks nobody has taken on' }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    after: afterParameter,
  })
  .strict();

const taskId = z.string().min(38).max(300).regex(/^[0-9a-f-]{36}:[\x21-\x7e]+$/, "A partnership's id, a colon and the task's key");

/** The list's order, as a key: the due day (null, undated, comes last), when it opened, its position then, its id. */
const taskCursor = cursorCodec(z.tuple([cursorParts.day.nullable(), cursorParts.instant, cursorParts.count(9), taskId]));

/** The tasks after (dueOn, openedAt, openedPosition, id) in the list's order, where an undated task comes last. */
function afterTask([dueOn, opened, position, id]: ReturnType<typeof taskCursor.decode>) {
  const openedAt = new Date(opened);
  const openedPosition = Number(position);
  const later = [{ openedAt: { gt: openedAt } }, { openedAt, openedPosition: { gt: openedPosition } }, { openedAt, openedPosition, id: { gt: id } }];
  return dueOn === null
    ? { dueOn: null, OR: later }
    : { OR: [{ dueOn: { gt: dueOn } }, { dueOn: null }, { dueOn, OR: later }] };
}

type TaskRow = NonNullable<Awaited<ReturnType<Database['task']['findUnique']>>>;

const view = (r: TaskRow, partnershipTitle: string) => ({
  id: r.id,
  partnershipId: r.partnershipId,
  partnershipTitle,
  kind: r.kind,
  partyId: r.partyId,
  waitsOnRole: r.waitsOnRole,
  dueOn: r.dueOn,
  assignee: r.assignee,
  openedAt: r.openedAt.toISOString(),
  closedAt: r.closedAt?.toISOString() ?? null,
});

const taskIdParams = z.object({ id: taskId }).strict();

const assignRequest = z
  .object({ assignee: freeText(1, 200).nullable().meta({ description: 'Who takes the task on; null to leave it to anyone', example: 'anna.andersson' }) })
  .strict()
  .meta({ id: 'AssignTask' });

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
    responses: { 200: { description: 'The tasks; `next` is the cursor of the next page', schema: z.object({ tasks: z.array(taskSchema), next: z.string().nullable() }).meta({ id: 'TaskList' }) } },
    handler: async ({ query, scope, principal }) => {
      // A representative's work list holds only the partnerships its organisation is party to.
      const organisationId = principal?.organisationId;
      const own =
        scope !== 'own' ? null : organisationId ? (await db.party.findMany({ where: { organisationId }, select: { partnershipId: true } })).map((p) => p.partnershipId) : [];
      // Soonest due first, undated last, then by when they opened: the cursor is that key of the last row.
      const keyset = query.after ? afterTask(taskCursor.decode(query.after)) : {};
      const rows = await db.task.findMany({
        where: {
          ...keyset,
          ...(own ? { AND: [{ partnershipId: { in: own } }] } : {}),
          closedAt: query.status === 'open' ? null : { not: null },
          ...(query.partyId ? { partyId: query.partyId } : {}),
          ...(query.partnershipId ? { partnershipId: query.partnershipId } : {}),
          ...(query.role ? { waitsOnRole: query.role } : {}),
          ...(query.assignee ? { assignee: query.assignee } : query.unassigned ? { assignee: null } : {}),
        },
        orderBy: [{ dueOn: { sort: 'asc', nulls: 'last' } }, { openedAt: 'asc' }, { openedPosition: 'asc' }, { id: 'asc' }],
        take: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const titles = new Map(
        (await db.partnership.findMany({ where: { id: { in: [...new Set(page.map((r) => r.partnershipId))] } }, select: { id: true, title: true } })).map(
          (p) => [p.id, p.title],
        ),
      );
      return {
        status: 200,
        body: {
          tasks: page.map((r) => view(r, titles.get(r.partnershipId) ?? '')),
          next: taskCursor.next(rows, query.limit, (r) => [r.dueOn, r.openedAt.toISOString(), String(r.openedPosition), r.id]),
        },
      };
    },
  });

  routes.add(basePath, {
    method: 'put',
    path: '/tasks/:id/assignee',
    operationId: 'assignTask',
    summary: 'Give an open task to someone, or take it back: reassignment is the same call',
    tags: ['Work list'],
    access: 'api-key',
    params: taskIdParams,
    body: assignRequest,
    responses: {
      200: { description: 'The task, as assigned', schema: taskSchema },
      404: { description: 'No such task' },
      409: { description: 'The task is closed: nothing waits on anyone any more' },
    },
    handler: async ({ params, body, principal, requestId }) => {
      const task = await db.$transaction(async (tx) => {
        const assigned = await tx.task.updateMany({ where: { id: params.id, closedAt: null }, data: { assignee: body.assignee, assignedAt: body.assignee ? new Date() : null } });
        const row = await tx.task.findUnique({ where: { id: params.id } });
        if (!row) throw problems.notFound('No such task');
        if (assigned.count === 0) throw new ProblemError(409, 'task-closed', 'The task is closed', 'Nothing waits on anyone for this task any more');
        await tx.auditEvent.create({
          data: { actorType: principal!.type, actorId: principal!.keyId, actorRole: principal!.role, action: 'task.assigned', partnershipId: row.partnershipId, requestId, details: { taskId: row.id, assigned: body.assignee !== null } },
        });
        return row;
      });
      const title = (await db.partnership.findUnique({ where: { id: task.partnershipId }, select: { title: true } }))?.title ?? '';
      return { status: 200, body: view(task, title) };
    },
  });
}
