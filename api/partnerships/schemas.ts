import { z } from 'zod';
import { emailAddress } from '../http/formats';
import { refusalCodes } from '../../domain/refusals';
import { agreementHeadings, partnershipStateSchema } from '../../domain/state';
import { steps, stepTypes } from '../../domain/steps';
import { freeText } from '../../domain/text';

export const partnershipIdParams = z
  .object({ id: z.uuid().meta({ description: 'The partnership id', example: '0b7e6c38-3a2b-4c1e-9a51-2f4f0f1f8a10' }) })
  .strict();

export const createPartnershipRequest = z
  .object({
    title: freeText(3, 200).meta({ example: 'Språkvänner i Borås' }),
    challenge: freeText(0, 10_000)
      .optional()
      .meta({ description: 'The societal challenge (samhällsutmaning), as far as it is known yet' }),
    caseNumber: freeText(1, 100)
      .optional()
      .meta({ description: "The municipality's case number (diarienummer), opaque", example: 'KS 2026/123' }),
    coordinator: z
      .object({
        name: freeText(1, 200).meta({ example: 'Anna Andersson' }),
        email: emailAddress().meta({ example: 'anna.andersson@example.se' }),
      })
      .strict()
      .meta({ description: 'The person who coordinates the case (samordnare) and receives its e-mail' }),
  })
  .strict()
  .meta({ id: 'CreatePartnershipRequest' });

export type CreatePartnershipRequest = z.infer<typeof createPartnershipRequest>;

export const importPartnershipRequest = createPartnershipRequest
  .omit({ challenge: true })
  .extend({ partnership: steps.importRunningPartnership.payload })
  .strict()
  .meta({ id: 'ImportPartnershipRequest', description: 'A running partnership: its case, and where its lifecycle stands today' });

const openTaskSchema = z.object({
  key: z.string(),
  kind: z.string(),
  partyId: z.string().nullable(),
  waitsOnRole: z.string().nullable(),
  dueOn: z.string().meta({ format: 'date' }).nullable(),
});

const nextStepSchema = z
  .object({
    type: z.enum(stepTypes).meta({ description: "The step, by its Update's name and operationId" }),
    action: z.string().meta({ description: 'Its URL: POST /partnerships/{id}/actions/{action}' }),
    refusal: z
      .object({ code: z.enum(refusalCodes), message: z.string() })
      .nullable()
      .meta({ description: 'Why the step would be refused now, whatever its payload; null when it may be taken' }),
  })
  .meta({ id: 'NextStep' });

/**
 * A partnership as callers see it, read from the records (never from the workflow): the lifecycle's
 * fields with their texts in full, less the agreement's texts, which are read version by version.
 */
export const partnershipSchema = partnershipStateSchema
  .omit({ partnershipId: true, agreementVersions: true })
  .extend({
    id: z.uuid(),
    title: z.string(),
    caseNumber: z.string().nullable(),
    coordinator: z.object({ name: z.string(), email: z.string() }),
    createdAt: z.iso.datetime(),
    workflowId: z.string(),
    agreementVersions: z
      .array(
        z.object({
          version: z.number().int(),
          locked: z.boolean(),
          savedAtRevision: z.number().int(),
          headings: z.array(z.enum(agreementHeadings)).meta({ description: 'The headings under which this version has text' }),
        }),
      )
      .meta({ description: 'Every version, oldest first; their texts are under …/agreement-versions' }),
    waitingOn: z.array(openTaskSchema).meta({ description: 'What the partnership waits on, and whom' }),
    nextSteps: z
      .array(nextStepSchema)
      .meta({
        description:
          'The steps the caller may take now, each with `refusal` set when a guard refuses it whatever its payload (the step waits on what the reason names). Steps of other phases, or that the caller has no right to, are not listed',
      }),
  })
  .meta({ id: 'Partnership', description: 'A partnership and its whole record' });

export type PartnershipView = z.infer<typeof partnershipSchema>;

