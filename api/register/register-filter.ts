// What a reader narrows the register by, from a query string: the pages' filter form and the open
// data's lists take the same parameters, and a wrong one is refused naming it.
import { z } from 'zod';
import { areaCodes } from '../../domain/areas';
import { partnershipPhases } from '../../domain/phases';
import type { RegisterFilter } from '../../records/register';
import { problems, toFieldErrors } from '../http/problem';

/** What the register's list and data are narrowed by, from the query. */
const registerFilterQuery = z
  .object({
    organisation: z
      .string()
      .regex(/^[0-9]{6}-[0-9]{4}$/, 'must be an organisation number, NNNNNN-NNNN')
      .optional()
      .meta({ description: 'A party’s organisation number: the municipality or region taking part' }),
    area: z.enum(areaCodes).optional(),
    phase: z.enum(partnershipPhases).optional(),
    year: z
      .string()
      .regex(/^(19|20)[0-9]{2}$/, 'must be a year, YYYY')
      .transform(Number)
      .optional()
      .meta({ description: 'The year its first term began' }),
  })
  .strict();

/** A query's filter, or a 400 naming the offending parameter; empty values are no filter (a form's "all"). */
export function filterOf(query: unknown, extra: z.ZodRawShape = {}): RegisterFilter & Record<string, unknown> {
  const given = Object.fromEntries(Object.entries((query ?? {}) as Record<string, unknown>).filter(([, v]) => v !== ''));
  const parsed = registerFilterQuery.extend(extra).safeParse(given);
  if (!parsed.success) throw problems.validation(toFieldErrors('query', parsed.error));
  return parsed.data as RegisterFilter & Record<string, unknown>;
}
