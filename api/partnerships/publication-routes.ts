// A partnership's place in the public register (api/register/): what the register shows of it, and
// the administrators' exceptions to the publication policy (domain/publication.ts): publishing it
// before every decision is final, and withholding it, or a field of it, on a ground of
// offentlighets- och sekretesslagen. Each change is audited with who made it and on what ground.
import { z } from 'zod';
import { areaCodes } from '../../domain/areas';
import { wholePartnership, withholdableFields, withholdingGround } from '../../domain/publication';
import { registerEntry } from '../../records/register';
import type { Database } from '../../platform/database';
import type { Principal } from '../auth/principal';
import { problems } from '../http/problem';
import type { RouteTable } from '../http/route';
import { partnershipIdParams } from './schemas';

const withholdingTargets = [wholePartnership, ...withholdableFields] as const;

const publicationSchema = z
  .object({
    appears: z.boolean().meta({ description: 'Whether the public register shows it now' }),
    area: z.enum(areaCodes).nullable().meta({ description: 'Its area of work (verksamhetsområde), by which the register filters and counts' }),
    publishedEarly: z.object({ publishedAt: z.iso.datetime() }).nullable().meta({ description: 'Published by an administrator before every decision was final' }),
    withholdings: z.array(z.object({ field: z.enum(withholdingTargets), ground: z.string(), withheldAt: z.iso.datetime() })),
    register: z.string().nullable().meta({ description: 'Its page in the public register, while it appears there' }),
  })
  .meta({ id: 'Publication', description: 'A partnership in the public register' });

const withholdingParams = partnershipIdParams.extend({ field: z.enum(withholdingTargets).meta({ description: '`partnership` for all of it, or one of its fields' }) }).strict();

const withholdingRequest = z
  .object({
    ground: z
      .string()
      .regex(withholdingGround, 'must be a chapter and section of offentlighets- och sekretesslagen, as "21 kap. 7 §"')
      .meta({ description: 'The ground in offentlighets- och sekretesslagen (2009:400): chapter and section', example: '21 kap. 7 §' }),
  })
  .strict()
  .meta({ id: 'Withholding' });

const areaRequest = z.object({ area: z.enum(areaCodes) }).strict().meta({ id: 'PartnershipArea' });

const responses = { 200: { description: 'The partnership in the register now', schema: publicationSchema }, 404: { description: 'No such partnership' } };

export function partnershipPublicationRoutes(routes: RouteTable, basePath: string, db: Database): void {
  async function publication(id: string) {
    const partnership = await db.partnership.findUnique({ where: { id }, select: { area: true } });
    if (!partnership) throw problems.notFound('No such partnership');
    const [early, withholdings, entry] = await Promise.all([
      db.earlyPublication.findUnique({ where: { partnershipId: id } }),
      db.withholding.findMany({ where: { partnershipId: id }, orderBy: { field: 'asc' } }),
      registerEntry(db, id),
    ]);
    return {
      status: 200,
      body: {
        appears: entry !== null,
        area: partnership.area as (typeof areaCodes)[number] | null,
        publishedEarly: early ? { publishedAt: early.publishedAt.toISOString() } : null,
        withholdings: withholdings.map((w) => ({ field: w.field as (typeof withholdingTargets)[number], ground: w.ground, withheldAt: w.withheldAt.toISOString() })),
        register: entry ? `/register/sv/partnerships/${id}` : null,
      },
    };
  }

  /** Runs a change of the partnership's publication with its audit row, in one transaction; 404 when there is none. */
  async function change(id: string, principal: Principal, requestId: string, action: string, details: Record<string, string>, apply: (tx: Transaction) => Promise<unknown>) {
    await db.$transaction(async (tx) => {
      // The entry changed for the register's feed, whatever the change shows or hides.
      const { count } = await tx.partnership.updateMany({ where: { id }, data: { updatedAt: new Date() } });
      if (count === 0) throw problems.notFound('No such partnership');
      await apply(tx);
      await tx.auditEvent.create({ data: { actorType: principal.type, actorId: principal.keyId, actorRole: principal.role, action, partnershipId: id, requestId, details } });
    });
    return publication(id);
  }

  routes.add(basePath, {
    method: 'get',
    path: '/partnerships/:id/publication',
    operationId: 'getPublication',
    summary: 'What the public register shows of the partnership, and why',
    tags: ['Public register'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    responses,
    handler: ({ params }) => publication(params.id),
  });

  routes.add(basePath, {
    method: 'put',
    path: '/partnerships/:id/publication/early',
    operationId: 'publishEarly',
    summary: 'Publish the partnership in the register before every decision is final',
    tags: ['Public register'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    responses,
    handler: ({ params, principal, requestId }) =>
      change(params.id, principal!, requestId, 'partnership.publishedEarly', {}, (tx) =>
        tx.earlyPublication.upsert({ where: { partnershipId: params.id }, create: { partnershipId: params.id }, update: {} }),
      ),
  });

  routes.add(basePath, {
    method: 'delete',
    path: '/partnerships/:id/publication/early',
    operationId: 'withdrawEarlyPublication',
    summary: 'Withdraw an early publication: the partnership appears once every decision is final',
    tags: ['Public register'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    responses,
    handler: ({ params, principal, requestId }) =>
      change(params.id, principal!, requestId, 'partnership.earlyPublicationWithdrawn', {}, (tx) => tx.earlyPublication.deleteMany({ where: { partnershipId: params.id } })),
  });

  routes.add(basePath, {
    method: 'put',
    path: '/partnerships/:id/publication/withholdings/:field',
    operationId: 'withhold',
    summary: 'Withhold the partnership, or one of its fields, from the register on a ground of offentlighets- och sekretesslagen',
    tags: ['Public register'],
    access: 'api-key',
    owner: 'partnership',
    params: withholdingParams,
    body: withholdingRequest,
    responses,
    handler: ({ params, body, principal, requestId }) =>
      change(params.id, principal!, requestId, 'partnership.withheld', { field: params.field, ground: body.ground }, (tx) =>
        tx.withholding.upsert({
          where: { partnershipId_field: { partnershipId: params.id, field: params.field } },
          create: { partnershipId: params.id, field: params.field, ground: body.ground },
          update: { ground: body.ground },
        }),
      ),
  });

  routes.add(basePath, {
    method: 'delete',
    path: '/partnerships/:id/publication/withholdings/:field',
    operationId: 'liftWithholding',
    summary: 'Lift a withholding: the register shows what the policy publishes again',
    tags: ['Public register'],
    access: 'api-key',
    owner: 'partnership',
    params: withholdingParams,
    responses,
    handler: ({ params, principal, requestId }) =>
      change(params.id, principal!, requestId, 'partnership.withholdingLifted', { field: params.field }, (tx) =>
        tx.withholding.deleteMany({ where: { partnershipId: params.id, field: params.field } }),
      ),
  });

  routes.add(basePath, {
    method: 'put',
    path: '/partnerships/:id/area',
    operationId: 'setArea',
    summary: 'Set the partnership’s area of work (verksamhetsområde), by which the register filters and counts',
    tags: ['Public register'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    body: areaRequest,
    responses,
    handler: ({ params, body, principal, requestId }) =>
      change(params.id, principal!, requestId, 'partnership.areaSet', { area: body.area }, (tx) => tx.partnership.update({ where: { id: params.id }, data: { area: body.area } })),
  });
}

type Transaction = Parameters<Parameters<Database['$transaction']>[0]>[0];
