// E-service forms: each step's payload as a JSON Schema (draft 2020-12), from the same zod
// declaration that validates the step and writes the OpenAPI document. A form built from it sends
// what the API accepts.
import { z } from 'zod';
import { stepPayloadSchemas, stepTypes, kebab, stepSummaries, type StepType } from '../../domain/steps';
import type { RouteTable } from '../http/route';
import { importPartnershipRequest } from '../partnerships/schemas';

const stepNames = stepTypes.map(kebab) as [string, ...string[]];
const formSchemaBody = z.record(z.string(), z.unknown()).meta({ id: 'FormSchema' });
const typeOf = new Map(stepTypes.map((type) => [kebab(type), type]));

/** The schema of what a client sends: defaults may be left out, as the API fills them in. */
export function formSchema(type: StepType): Record<string, unknown> {
  return {
    ...z.toJSONSchema(stepPayloadSchemas[type], { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }),
    title: stepSummaries[type],
  };
}

export function formRoutes(routes: RouteTable, basePath: string): void {
  // Before /forms/:step, which would take its name for a step's.
  routes.add(basePath, {
    method: 'get',
    path: '/forms/partnership-import',
    operationId: 'getImportForm',
    summary: 'What POST /partnership-imports takes, as a JSON Schema (draft 2020-12): the case and where its lifecycle stands',
    tags: ['Forms'],
    access: 'api-key',
    responses: { 200: { description: 'The JSON Schema', schema: formSchemaBody } },
    handler: async () => ({
      status: 200,
      body: { ...z.toJSONSchema(importPartnershipRequest, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }), title: 'Bring in a running partnership' },
    }),
  });

  routes.add(basePath, {
    method: 'get',
    path: '/forms',
    operationId: 'listForms',
    summary: 'The steps an e-service form can take, each with the URL of its JSON Schema',
    tags: ['Forms'],
    access: 'api-key',
    responses: {
      200: {
        description: 'Every step',
        schema: z.object({ forms: z.array(z.object({ step: z.string(), summary: z.string(), schema: z.string() })) }).meta({ id: 'FormList' }),
      },
    },
    handler: async () => ({
      status: 200,
      body: { forms: stepTypes.map((type) => ({ step: kebab(type), summary: stepSummaries[type], schema: `${basePath}/forms/${kebab(type)}` })) },
    }),
  });

  routes.add(basePath, {
    method: 'get',
    path: '/forms/:step',
    operationId: 'getForm',
    summary: "A step's payload as a JSON Schema (draft 2020-12), for building its form",
    tags: ['Forms'],
    access: 'api-key',
    params: z.object({ step: z.enum(stepNames).meta({ description: 'The step, as in its action URL', example: 'record-follow-up' }) }).strict(),
    responses: {
      200: { description: 'The JSON Schema', schema: formSchemaBody },
    },
    handler: async ({ params }) => ({ status: 200, body: formSchema(typeOf.get(params.step)!) }),
  });
}
