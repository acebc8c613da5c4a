import { z } from 'zod';
import { afterParameter, cursorCodec, cursorParts } from '../http/cursor';
import type { Database } from '../../platform/database';
import { problems } from '../http/problem';
import type { RouteTable } from '../http/route';
import { partnershipIdParams } from './schemas';

const notificationSchema = z
  .object({
    kind: z.string().meta({ description: 'partnership-registered, or the kind of deadline the notice was for (REVIEW_REMINDER, …)' }),
    dueOn: z.string().meta({ format: 'date' }).nullable().meta({ description: "The day the deadline fell due; null for a message that answers a step" }),
    recipient: z.string(),
    status: z.enum(['PENDING', 'SENT', 'FAILED']).meta({ description: 'FAILED: the SMTP server refused the address for good (5xx); not retried, and a task to fix it is on the work list' }),
    attempts: z.number().int(),
    lastError: z.string().nullable().meta({ description: 'Why the last failed attempt failed; kept after a later success' }),
    sentAt: z.iso.datetime().nullable(),
    firstAttemptAt: z.iso.datetime(),
  })
  .meta({ id: 'Notification' });

const pageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    status: z.enum(['PENDING', 'SENT', 'FAILED']).optional().meta({ description: 'PENDING: what waits for the SMTP server; FAILED: refused for good' }),
    after: afterParameter,
  })
  .strict();

/** The list's order, as a key: the due day (null, a message that answers a step, comes first), when it was made, its id. */
const notificationCursor = cursorCodec(z.tuple([cursorParts.day.nullable(), cursorParts.instant, cursorParts.id]));

/** The messages after (dueOn, createdAt, id) in the list's order, where a message with no due day comes first. */
function afterMessage(dueOn: string | null, createdAt: Date, id: string) {
  const later = [{ createdAt: { gt: createdAt } }, { createdAt, id: { gt: id } }];
  return dueOn === null ? { OR: [{ dueOn: null, OR: later }, { dueOn: { not: null } }] } : { OR: [{ dueOn: { gt: dueOn } }, { dueOn, OR: later }] };
}

/**
 * What the partnership has sent, to whom, and what still waits: the record behind "did the parties
 * get the renegotiation notice?". It names recipients, so it is for those who answer for the case.
 */
export function partnershipNotificationRoutes(routes: RouteTable, basePath: string, db: Database): void {
  routes.add(basePath, {
    method: 'get',
    path: '/partnerships/:id/notifications',
    operationId: 'listNotifications',
    summary: 'The e-mails of a partnership: each notice, its recipient, attempts and last error',
    tags: ['Partnership records'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    query: pageQuery,
    responses: {
      200: {
        description: 'Soonest due first; `next` is the cursor of the next page',
        schema: z.object({ notifications: z.array(notificationSchema), next: z.string().nullable() }).meta({ id: 'NotificationList' }),
      },
      404: { description: 'No such partnership' },
    },
    handler: async ({ params, query }) => {
      if (!(await db.partnership.findUnique({ where: { id: params.id }, select: { id: true } }))) throw problems.notFound('No such partnership');
      const after = query.after ? notificationCursor.decode(query.after) : null;
      const all = await db.outboundEmail.findMany({
        where: { partnershipId: params.id, ...(query.status ? { status: query.status } : {}), ...(after ? afterMessage(after[0], new Date(after[1]), after[2]) : {}) },
        orderBy: [{ dueOn: { sort: 'asc', nulls: 'first' } }, { createdAt: 'asc' }, { id: 'asc' }],
        take: query.limit + 1,
      });
      const rows = all.slice(0, query.limit);
      return {
        status: 200,
        body: {
          notifications: rows.map((r) => ({
            kind: r.kind,
            dueOn: r.dueOn,
            recipient: r.recipient,
            status: r.status as 'PENDING' | 'SENT',
            attempts: r.attempts,
            lastError: r.lastError,
            sentAt: r.sentAt?.toISOString() ?? null,
            firstAttemptAt: r.createdAt.toISOString(),
          })),
          next: notificationCursor.next(all, query.limit, (r) => [r.dueOn, r.createdAt.toISOString(), r.id]),
        },
      };
    },
  });
}
