import type { Client } from '@temporalio/client';
import { z } from 'zod';
import type { Database } from '../../platform/database';
import {
  agreementHeadings,
  agreementVersionSchema,
  evaluationSchema,
  followUpSchema,
  partyDecisionSchema,
  partySchema,
  type AgreementVersion,
} from '../../domain/state';
import { problems } from '../http/problem';
import type { RouteTable } from '../http/route';
import { compareAgreementVersions } from './agreement-comparison';
import { plannedDeadlines } from './planned-deadlines';
import { partnershipIdParams } from './schemas';
import { partyView } from './views';
import { readParties } from '../../records/partnership-record';

const comparisonSchema = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    headings: z.array(
      z.object({ heading: z.enum(agreementHeadings), changed: z.boolean(), from: z.string().nullable(), to: z.string().nullable() }),
    ),
  })
  .meta({ id: 'AgreementComparison' });

const auditEventSchema = z
  .object({
    id: z.string(),
    occurredAt: z.iso.datetime(),
    actorType: z.string(),
    actorId: z.string().nullable(),
    actorRole: z.string().nullable(),
    action: z.string(),
    revision: z.number().int().nullable(),
    phaseBefore: z.string().nullable(),
    phaseAfter: z.string().nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEvent' });

const maxBigint = 2n ** 63n - 1n;

const auditPageQuery = z
  .object({
    // A case page shows the whole trail: a thousand rows in one answer.
    limit: z.coerce.number().int().min(1).max(1_000).default(50),
    // Digits, within PostgreSQL's bigint: a larger number is a bad cursor (400), never a failed query.
    after: z
      .string()
      .regex(/^\d{1,19}$/, 'must be a whole number of at most 19 digits')
      .refine((value) => !/^\d{1,19}$/.test(value) || BigInt(value) <= maxBigint, 'must be at most 9223372036854775807')
      .transform(BigInt)
      .optional()
      .meta({ description: 'The id of the last event of the previous page', example: '42' }),
  })
  .strict();

/** Reads of a partnership's record, answered from PostgreSQL (the queryable record), not the workflow. */
export function partnershipRecordRoutes(routes: RouteTable, basePath: string, db: Database, temporal: Client): void {
  const partnershipExists = async (id: string) => {
    if (!(await db.partnership.findUnique({ where: { id }, select: { id: true } }))) throw problems.notFound('No such partnership');
  };

  async function recordedAgreementVersions(id: string): Promise<AgreementVersion[]> {
    await partnershipExists(id);
    const rows = await db.agreementVersion.findMany({ where: { partnershipId: id }, orderBy: { version: 'asc' } });
    return rows.map((v) => ({ version: v.version, sections: v.sections as AgreementVersion['sections'], locked: v.locked, savedAtRevision: v.savedAtRevision }));
  }

  routes.add(basePath, {
    method: 'get',
    path: '/partnerships/:id/agreement-versions',
    operationId: 'listAgreementVersions',
    summary: 'Every version of the agreement; a version that went to review never changes',
    tags: ['Partnership records'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    responses: { 200: { description: 'The versions, oldest first', schema: z.array(agreementVersionSchema) }, 404: { description: 'No such partnership' } },
    handler: async ({ params }) => ({ status: 200, body: await recordedAgreementVersions(params.id) }),
  });

  routes.add(basePath, {
    method: 'get',
    path: '/partnerships/:id/agreement-versions/compare',
    operationId: 'compareAgreementVersions',
    summary: 'Two versions of the agreement compared heading by heading',
    tags: ['Partnership records'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    query: z.object({ from: z.coerce.number().int().min(1).max(100_000), to: z.coerce.number().int().min(1).max(100_000) }).strict(),
    responses: { 200: { description: 'The comparison', schema: comparisonSchema }, 404: { description: 'No such partnership or version' } },
    handler: async ({ params, query }) => {
      const versions = await recordedAgreementVersions(params.id);
      const from = versions.find((v) => v.version === query.from);
      const to = versions.find((v) => v.version === query.to);
      if (!from || !to) throw problems.notFound('No such agreement version');
      return { status: 200, body: { from: from.version, to: to.version, headings: compareAgreementVersions(from, to) } };
    },
  });

  routes.add(basePath, {
    method: 'get',
    path: '/partnerships/:id/audit-events',
    operationId: 'listAuditEvents',
    summary: 'The audit trail of a partnership: who did what, when, and the phase before and after',
    tags: ['Partnership records'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    query: auditPageQuery,
    responses: {
      200: {
        description: 'A page of events, oldest first',
        schema: z.object({ events: z.array(auditEventSchema), next: z.string().nullable() }).meta({ id: 'AuditEventPage' }),
      },
      404: { description: 'No such partnership' },
    },
    handler: async ({ params, query }) => {
      if (!(await db.partnership.findUnique({ where: { id: params.id }, select: { id: true } }))) throw problems.notFound('No such partnership');
      const rows = await db.auditEvent.findMany({
        where: { partnershipId: params.id, ...(query.after !== undefined ? { id: { gt: query.after } } : {}) },
        orderBy: { id: 'asc' },
        take: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      return {
        status: 200,
        body: {
          events: page.map((r) => ({
            id: r.id.toString(),
            occurredAt: r.occurredAt.toISOString(),
            actorType: r.actorType,
            actorId: r.actorId,
            actorRole: r.actorRole,
            action: r.action,
            revision: r.revision,
            phaseBefore: r.phaseBefore,
            phaseAfter: r.phaseAfter,
            requestId: r.requestId,
          })),
          next: rows.length > query.limit ? page.at(-1)!.id.toString() : null,
        },
      };
    },
  });

  routes.add(basePath, {
    method: 'get',
    path: '/partnerships/:id/parties',
    operationId: 'listParties',
    summary: 'The parties as the partnership shows them (the terms and days each joined and left, contributions, contacts), with their organisations',
    tags: ['Partnership records'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    responses: {
      200: {
        description: 'The parties, in the order they were added',
        schema: z
          .object({
            parties: z.array(
              partySchema.extend({
                organisationName: z.string().nullable(),
                organisationNumber: z.string().nullable(),
              }),
            ),
          })
          .meta({ id: 'PartyList' }),
      },
      404: { description: 'No such partnership' },
    },
    handler: async ({ params }) => {
      await partnershipExists(params.id);
      const { parties, contributions } = await readParties(db, params.id);
      const organisations = new Map(
        (await db.organisation.findMany({ where: { id: { in: parties.map((p) => p.organisationId) } } })).map((o) => [o.id, o]),
      );
      return {
        status: 200,
        body: {
          // The party as the partnership's own read shows it, and its organisation's name and number.
          parties: parties.map((p) => ({
            ...partyView(p, contributions),
            organisationName: organisations.get(p.organisationId)?.name ?? null,
            organisationNumber: organisations.get(p.organisationId)?.organisationNumber ?? null,
          })),
        },
      };
    },
  });

  routes.add(basePath, {
    method: 'get',
    path: '/partnerships/:id/decisions',
    operationId: 'listDecisions',
    summary: "Every party's decision of every round, as the minutes record them",
    tags: ['Partnership records'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    responses: {
      200: {
        description: 'The decisions',
        schema: z.object({ decisions: z.array(partyDecisionSchema.omit({ appealed: true }).extend({ term: z.number().int() })) }).meta({ id: 'DecisionList' }),
      },
      404: { description: 'No such partnership' },
    },
    handler: async ({ params }) => {
      await partnershipExists(params.id);
      const rows = await db.decision.findMany({ where: { partnershipId: params.id }, orderBy: [{ term: 'asc' }, { agreementVersion: 'asc' }, { meetingDate: 'asc' }] });
      return { status: 200, body: { decisions: rows.map(({ partnershipId: _p, appealed: _a, supersededAtRevision: _s, ...d }) => d) } };
    },
  });

  routes.add(basePath, {
    method: 'get',
    path: '/partnerships/:id/follow-ups',
    operationId: 'listFollowUps',
    summary: 'The follow-ups of every term, oldest first',
    tags: ['Partnership records'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    responses: { 200: { description: 'The follow-ups', schema: z.object({ followUps: z.array(followUpSchema) }) }, 404: { description: 'No such partnership' } },
    handler: async ({ params }) => {
      await partnershipExists(params.id);
      const rows = await db.followUp.findMany({ where: { partnershipId: params.id }, orderBy: [{ term: 'asc' }, { date: 'asc' }] });
      return { status: 200, body: { followUps: rows.map(({ partnershipId: _p, ...f }) => f) } };
    },
  });

  routes.add(basePath, {
    method: 'get',
    path: '/partnerships/:id/evaluations',
    operationId: 'listEvaluations',
    summary: 'The evaluations of every term',
    tags: ['Partnership records'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    responses: { 200: { description: 'The evaluations', schema: z.object({ evaluations: z.array(evaluationSchema) }) }, 404: { description: 'No such partnership' } },
    handler: async ({ params }) => {
      await partnershipExists(params.id);
      const rows = await db.evaluation.findMany({ where: { partnershipId: params.id }, orderBy: { term: 'asc' } });
      return { status: 200, body: { evaluations: rows.map(({ partnershipId: _p, ...e }) => e) } };
    },
  });

  routes.add(basePath, {
    method: 'get',
    path: '/partnerships/:id/deadlines',
    operationId: 'listDeadlines',
    summary: 'Every upcoming deadline: reminders, escalations, follow-up meetings, evaluations, renegotiation notices, the term end',
    tags: ['Partnership records'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    responses: {
      200: {
        description: 'Soonest first',
        schema: z
          .object({ deadlines: z.array(z.object({ key: z.string(), kind: z.string(), dueOn: z.iso.date(), partyId: z.string().nullable() })) })
          .meta({ id: 'DeadlineList' }),
      },
      404: { description: 'No such partnership' },
      503: { description: 'The workflow engine cannot be reached to tell what is planned' },
    },
    handler: async ({ params }) => ({ status: 200, body: { deadlines: (await plannedDeadlines(db, temporal, params.id)).deadlines } }),
  });
}
