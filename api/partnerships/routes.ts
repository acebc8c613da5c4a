import { stepTypes } from '../../domain/steps';
import type { RouteTable } from '../http/route';
import { createPartnershipRequest, partnershipIdParams, partnershipSchema } from './schemas';
import { encodeListCursor, listPartnerships, listPartnershipsQuery, partnershipList } from './listing';
import type { Database } from '../../platform/database';
import type { PartnershipService } from './service';
import { randomUUID } from 'node:crypto';
import { partnershipAsSeenBy } from './views';
import { etagOf, notModified } from '../http/conditional';

export function partnershipRoutes(routes: RouteTable, basePath: string, service: PartnershipService): void {
  routes.add(basePath, {
    method: 'post',
    path: '/partnerships',
    operationId: 'registerPartnership',
    summary: 'Register a partnership and start its lifecycle',
    tags: ['Partnerships'],
    access: 'api-key',
    idempotent: true,
    body: createPartnershipRequest,
    responses: {
      201: {
        description: 'Registered; the workflow runs',
        schema: partnershipSchema,
        headers: { Location: 'The URL of the new partnership' },
        // From a registration to everything that can be done with it: a client (or a fuzzer) that
        // follows the document reaches every step with a real id.
        links: Object.fromEntries(
          ['getPartnership', ...stepTypes].map((operationId) => [operationId, { operationId, parameters: { id: '$response.body#/id' } }]),
        ),
      },
      503: { description: 'The workflow engine is unreachable; nothing was stored' },
    },
    handler: async ({ body, principal, requestId, log, reservedId, scope }) => {
      const id = reservedId ?? randomUUID();
      await service.register(id, body, principal!, requestId);
      log.info({ partnershipId: id }, 'partnership registered');
      return { status: 201, body: partnershipAsSeenBy(await service.find(id), scope, principal), headers: { Location: `${basePath}/partnerships/${id}` } };
    },
  });

  routes.add(basePath, {
    method: 'get',
    path: '/partnerships/:id',
    operationId: 'getPartnership',
    summary: "A partnership's whole record",
    tags: ['Partnerships'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    responses: {
      200: { description: 'The partnership; its ETag is its revision, for If-Match on a step', schema: partnershipSchema, headers: { ETag: 'The revision, as a strong entity tag ("r12")' } },
      304: { description: 'If-None-Match named the revision the partnership is at' },
      404: { description: 'No such partnership' },
    },
    handler: async ({ params, scope, principal, req }) => {
      const found = await service.find(params.id);
      const headers = { ETag: etagOf(found.revision) };
      if (notModified(req, found.revision)) return { status: 304, headers };
      return { status: 200, body: partnershipAsSeenBy(found, scope, principal), headers };
    },
  });
}

export function partnershipListRoute(routes: RouteTable, basePath: string, db: Database): void {
  routes.add(basePath, {
    method: 'get',
    path: '/partnerships',
    operationId: 'listPartnerships',
    summary: "Find partnerships: by phase, party, term end, next deadline, any party's case number or words in the title and challenge",
    tags: ['Partnerships'],
    access: 'api-key',
    query: listPartnershipsQuery,
    responses: {
      200: { description: 'A page of partnerships, in the order asked; `next` and the `Link` header lead to the next page', schema: partnershipList, headers: { Link: 'The next page, rel="next"' } },
    },
    handler: async ({ query, scope, principal, req }) => {
      const { items, next } = await listPartnerships(db, query, scope === 'own' ? (principal?.organisationId ?? null) : undefined);
      const nextUrl = next ? `${basePath}/partnerships?${new URLSearchParams({ ...stringified(req.query), cursor: encodeListCursor(next) })}` : null;
      return { status: 200, body: { partnerships: items, next: nextUrl }, headers: nextUrl ? { Link: `<${nextUrl}>; rel="next"` } : undefined };
    },
  });
}

/** The query as it came, less the cursor: the next page asks the same question. */
function stringified(query: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([key, value]) => key !== 'cursor' && typeof value === 'string') as [string, string][]);
}
