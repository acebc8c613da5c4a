import { z } from 'zod';
import { commandTypes } from '../../domain/steps';
import { freeText } from '../../domain/text';
import type { RouteTable } from '../http/route';
import { createPartnershipRequest, partnershipIdParams, partnershipSchema, partnershipSummarySchema } from './schemas';
import type { PartnershipService } from './service';
import { randomUUID } from 'node:crypto';
import { partnershipAsSeenBy } from './views';

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
          ['getPartnership', ...commandTypes].map((operationId) => [operationId, { operationId, parameters: { id: '$response.body#/id' } }]),
        ),
      },
      503: { description: 'The workflow engine is unreachable; nothing was stored' },
    },
    handler: async ({ body, principal, requestId, log, reservedId }) => {
      const id = reservedId ?? randomUUID();
      await service.register(id, body, principal!, requestId);
      log.info({ partnershipId: id }, 'partnership registered');
      return { status: 201, body: await service.find(id), headers: { Location: `${basePath}/partnerships/${id}` } };
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
      200: { description: 'The partnership', schema: partnershipSchema },
      404: { description: 'No such partnership' },
    },
    handler: async ({ params, scope, principal }) => ({ status: 200, body: partnershipAsSeenBy(await service.find(params.id), scope, principal?.organisationId) }),
  });
}

export function partnershipLookupRoute(routes: RouteTable, basePath: string, service: PartnershipService): void {
  routes.add(basePath, {
    method: 'get',
    path: '/partnerships',
    operationId: 'findPartnershipsByReference',
    summary: "Find partnerships by a case number (diarienummer) in any party's case system",
    tags: ['Partnerships'],
    access: 'api-key',
    query: z
      .object({
        reference: freeText(1, 100).meta({ example: 'KS 2026/123' }),
        system: freeText(1, 100).optional().meta({ description: 'Only references from this case system' }),
      })
      .strict(),
    responses: { 200: { description: 'The partnerships carrying the reference', schema: z.object({ partnerships: z.array(partnershipSummarySchema) }) } },
    handler: async ({ query }) => ({ status: 200, body: { partnerships: await service.findByReference(query.reference, query.system) } }),
  });
}
