import { z } from 'zod';
import { afterParameter } from '../http/cursor';
import { emailAddress } from '../http/formats';
import { municipalityCodePattern } from '../../domain/counties';
import { freeText } from '../../domain/text';
import { parseOrganisationNumber } from './organisation-number';

export const organisationKinds = ['PUBLIC', 'IDEBUREN', 'PRIVATE'] as const;

// The public register counts partnerships by county from it (domain/counties.ts).
const municipalityCode = z
  .string()
  .regex(municipalityCodePattern, 'must be a kommunkod (4 digits) or a länskod (2 digits) of a county that exists')
  .meta({ description: 'A public body’s code at SCB: a municipality’s kommunkod (4 digits) or a region’s länskod (2 digits)', example: '1490' });

export const createOrganisationRequest = z
  .object({
    name: freeText(2, 300).meta({ example: 'Borås Stad' }),
    organisationNumber: z
      .string()
      // What the parser reads, as the document states it; only the check digit is beyond a pattern.
      // Explicit digits and spaces: \d and \s mean more in the Python and Rust that read the document.
      .regex(/^ *(?:16)?[0-9]{2}[2-9][0-9]{3}-?[0-9]{4} *$/, 'must be NNNNNN-NNNN, NNNNNNNNNN or 16NNNNNNNNNN')
      .meta({ format: 'se-organisation-number', description: 'Organisationsnummer: 10 digits (or 12 with the prefix 16), the last a Luhn check digit' })
      .transform((value, ctx) => {
        const parsed = parseOrganisationNumber(value);
        if (parsed.ok) return parsed.normalised;
        ctx.addIssue({ code: 'custom', message: parsed.problem });
        return z.NEVER;
      })
      .meta({ description: 'Organisationsnummer, NNNNNN-NNNN (or 12 digits with the prefix 16)', example: '212000-1355' }),
    kind: z.enum(organisationKinds),
    municipalityCode: municipalityCode.optional(),
  })
  .strict()
  .meta({ id: 'CreateOrganisationRequest' });

export const organisationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    organisationNumber: z.string(),
    kind: z.enum(organisationKinds),
    municipalityCode: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'Organisation' });

export const organisationIdParams = z.object({ id: z.uuid() }).strict();

/**
 * Either, both or neither: the number as any accepted form of it, normalised; a part of the name, in
 * any case. With neither, the register page by page: a rule that one be given was one the published
 * parameters cannot state, and a client that followed them was refused.
 */
export const findOrganisationsQuery = z
  .object({
    organisationNumber: createOrganisationRequest.shape.organisationNumber.optional(),
    name: freeText(2, 100).optional().meta({ description: 'A part of the name, in any case', example: 'Borås' }),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    after: afterParameter,
  })
  .strict();

export const createContactRequest = z
  .object({
    name: freeText(1, 200).meta({ example: 'Karin Lund' }),
    role: freeText(1, 200).nullable().default(null).meta({ example: 'Verksamhetschef' }),
    email: emailAddress(),
    phone: z.string().regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number').nullable().default(null),
    language: z.enum(['sv', 'en']).default('sv').meta({ description: 'The language of the e-mail this person receives' }),
  })
  .strict()
  .meta({ id: 'CreateContactRequest' });

/** A correction (GDPR article 16): the fields given replace the stored ones. */
export const correctContactRequest = z
  .object({
    name: freeText(1, 200).optional(),
    role: freeText(1, 200).nullable().optional(),
    email: emailAddress().optional(),
    phone: z.string().regex(/^\+?[0-9 ()-]{6,20}$/, 'must be a phone number').nullable().optional(),
    language: z.enum(['sv', 'en']).optional(),
  })
  .strict()
  .meta({ id: 'CorrectContactRequest', description: 'Only the fields given change; an empty correction changes nothing' });

export const contactParams = z.object({ id: z.uuid(), contactId: z.uuid() }).strict();

export const contactSchema = z
  .object({
    id: z.uuid(),
    organisationId: z.uuid(),
    name: z.string(),
    role: z.string().nullable(),
    email: z.string(),
    phone: z.string().nullable(),
    language: z.enum(['sv', 'en']),
  })
  .meta({ id: 'Contact' });
