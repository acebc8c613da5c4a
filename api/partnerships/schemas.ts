import { z } from 'zod';
import { emailAddress } from '../http/formats';
import { partnershipStateSchema } from '../../domain/state';
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

const openTaskSchema = z.object({
  key: z.string(),
  kind: z.string(),
  partyId: z.string().nullable(),
  waitsOnRole: z.string().nullable(),
  dueOn: z.string().meta({ format: 'date' }).nullable(),
});

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
      .array(z.object({ version: z.number().int(), locked: z.boolean(), savedAtRevision: z.number().int() }))
      .meta({ description: 'Every version, oldest first; their texts are under …/agreement-versions' }),
    waitingOn: z.array(openTaskSchema).meta({ description: 'What the partnership waits on, and whom' }),
  })
  .meta({ id: 'Partnership', description: 'A partnership and its whole record' });

export type PartnershipView = z.infer<typeof partnershipSchema>;

