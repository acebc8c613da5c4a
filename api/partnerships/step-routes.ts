import { randomUUID } from 'node:crypto';
import { etagOf, expectedRevisions } from '../http/conditional';
import { z } from 'zod';
import { stepPayloadSchemas, stepTypes, kebab, stepSummaries } from '../../domain/steps';
import type { RouteResult, RouteTable } from '../http/route';
import { partnershipIdParams, partnershipSchema } from './schemas';
import type { PartnershipService, StepOutcome } from './service';
import { partnershipAsSeenBy } from './views';
import type { Scope } from '../../domain/policy';
import type { Principal } from '../auth/principal';
import { DatabaseUnavailable } from '../../platform/database-errors';

export const acceptedSchema = z
  .object({
    status: z.literal('ACCEPTED'),
    stepId: z.string().meta({ description: "The step's id; its outcome is at the Location" }),
  })
  .meta({ id: 'StepAccepted' });

const stepOutcomeParams = partnershipIdParams.extend({ stepId: z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/) }).strict();

export const outcomeUrl = (basePath: string, id: string, stepId: string) => `${basePath}/partnerships/${id}/step-outcomes/${encodeURIComponent(stepId)}`;

/** Taken: the partnership as the caller may see it, read from the records. Still open: 202 and where to look. */
async function answer(basePath: string, service: PartnershipService, id: string, outcome: StepOutcome, scope: Scope | undefined, principal: Principal | undefined): Promise<RouteResult> {
  const accepted = (stepId: string): RouteResult => ({
    status: 202,
    body: { status: 'ACCEPTED', stepId },
    headers: { Location: outcomeUrl(basePath, id, stepId), 'Retry-After': '2' },
  });
  if ('accepted' in outcome) return accepted(outcome.accepted);
  let found;
  try {
    found = await service.find(id);
  } catch (error) {
    // Taken, but its record cannot be read now: never an error for a step that was applied.
    if (error instanceof DatabaseUnavailable) return accepted(outcome.stepId);
    throw error;
  }
  return { status: 200, body: partnershipAsSeenBy(found, scope, principal), headers: { 'Content-Location': `${basePath}/partnerships/${id}`, ETag: etagOf(found.revision) } };
}

const stepResponses = {
  200: { description: 'The step was taken; the partnership as the caller may see it', schema: partnershipSchema },
  202: {
    description: 'The workflow accepted the step and is still recording it: it will be taken. Read its outcome at the Location, or send the request again with the same Idempotency-Key',
    schema: acceptedSchema,
    headers: { Location: "Where the step's outcome can be read", 'Retry-After': 'Seconds to wait before asking' },
  },
  403: { description: 'The role may not take this step, or a representative acted for another party; `reason` is FORBIDDEN or NOT_YOUR_PARTY' },
  404: { description: 'No such partnership (`not-found`), or an organisation the step names is not registered (`reference-not-found`, naming the field)' },
  409: { description: "The workflow refused the step; `reason` is its typed reason" },
  412: { description: 'If-Match named a revision the partnership is no longer at; nothing changed. Read it again and decide anew' },
  503: { description: 'The workflow engine or the database is unreachable, or did not answer in time; nothing changed. `Retry-After` says when to try again' },
};

/** One POST route per step, each validated by the step's own schema. */
export function partnershipStepRoutes(routes: RouteTable, basePath: string, service: PartnershipService): void {
  for (const type of stepTypes) {
    routes.add(basePath, {
      method: 'post',
      path: `/partnerships/:id/actions/${kebab(type)}`,
      operationId: type,
      summary: stepSummaries[type],
      tags: ['Partnership steps'],
      access: 'api-key',
      owner: 'partnership',
      idempotent: true,
      params: partnershipIdParams,
      body: stepPayloadSchemas[type] as z.ZodType,
      responses: stepResponses,
      handler: async ({ params, body, principal, requestId, reservedId, scope, req }) => {
        const outcome = await service.act(params.id, type, body as never, principal!, requestId, reservedId ?? randomUUID(), expectedRevisions(req));
        return answer(basePath, service, params.id, outcome, scope, principal);
      },
    });
  }

  routes.add(basePath, {
    method: 'get',
    path: '/partnerships/:id/step-outcomes/:stepId',
    operationId: 'getStepOutcome',
    summary: 'The outcome of a step that was answered 202 Accepted',
    tags: ['Partnership steps'],
    access: 'api-key',
    owner: 'partnership',
    params: stepOutcomeParams,
    responses: {
      200: { description: 'The step was taken; the partnership as the caller may see it', schema: partnershipSchema },
      202: stepResponses[202],
      404: { description: 'No such partnership, or no such step' },
      409: { description: 'The workflow refused the step; `reason` is its typed reason' },
    },
    handler: async ({ params, principal, scope }) => answer(basePath, service, params.id, await service.stepOutcome(params.id, params.stepId), scope, principal),
  });
}
