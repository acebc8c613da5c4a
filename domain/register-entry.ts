// A partnership's entry in the public register, as the open data publishes it: the zod schema gives
// the type records/register.ts reads into, the JSON Schema the register publishes, and the check of
// every entry it sends. Only what domain/publication.ts publishes is here.
import { z } from 'zod';
import { areaCodes } from './areas';
import { partnershipPhases } from './phases';
import { contributionKinds } from './state';
import { withholdableFields } from './publication';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).meta({ format: 'date' });
const partyKind = z.enum(['PUBLIC', 'IDEBUREN', 'PRIVATE']).meta({ description: 'Public body (offentlig aktör), idéburen organisation, or private company' });

export const registerParty = z.object({
  partyId: z.string(),
  organisationId: z.uuid(),
  name: z.string(),
  organisationNumber: z.string().meta({ description: 'Organisationsnummer, NNNNNN-NNNN' }),
  kind: partyKind,
  municipalityCode: z.string().nullable().meta({ description: 'A public body’s code at SCB: kommunkod (4 digits) or länskod (2 digits)' }),
  joinedInTerm: z.number().int(),
  joinedOn: day.nullable(),
  leftOn: day.nullable().meta({ description: 'The day it left the partnership (utträde), if it did' }),
});

export const registerDecision = z.object({
  partyId: z.string(),
  term: z.number().int(),
  agreementVersion: z.number().int(),
  outcome: z.enum(['YES', 'NO']),
  decidingBody: z.string().meta({ description: 'The body that decided (beslutande organ)' }),
  decidingBodyKind: z.string(),
  meetingDate: day,
  paragraph: z.string().nullable().meta({ description: 'Its paragraph (§) in the minutes' }),
  minutesReference: z.string().nullable(),
  approvalDate: day.nullable().meta({ description: 'When the minutes were approved (justering)' }),
  postingDate: day.nullable().meta({ description: 'When the approval was posted on the notice board (anslag)' }),
  appealWindowEnds: day.nullable().meta({ description: 'The last day to appeal (laglighetsprövning)' }),
  appealed: z.boolean(),
  final: z.boolean().meta({ description: 'Whether it has become final (laga kraft)' }),
  finalFrom: day.nullable().meta({ description: 'The first day it stood final' }),
});

export const registerEntrySchema = z
  .object({
    id: z.uuid().meta({ description: 'Its stable identity: its page is /register/sv/partnerships/{id}' }),
    title: z.string(),
    challenge: z.string().nullable().meta({ description: 'The societal challenge (samhällsutmaningen); null when withheld' }),
    caseNumber: z.string().nullable().meta({ description: 'The case number (diarienummer) at the public body; null when withheld or not given' }),
    area: z.enum(areaCodes).nullable().meta({ description: 'Its area of work (verksamhetsområde)' }),
    cooperationForm: z.string().nullable(),
    phase: z.enum(partnershipPhases),
    phaseEnteredOn: day.nullable(),
    term: z.number().int().meta({ description: 'The current term (avtalsperiod)' }),
    startYear: z.number().int().meta({ description: 'The year its first term began, or it was registered when no term has begun' }),
    implementationStartDate: day.nullable(),
    termEndDate: day.nullable(),
    updatedAt: z.iso.datetime(),
    publishedEarly: z.boolean().meta({ description: 'Published before every party’s decision was final' }),
    terms: z.array(z.object({ term: z.number().int(), startDate: day, endDate: day })),
    parties: z.array(registerParty),
    contributions: z
      .array(z.object({ contributionId: z.string(), partyId: z.string(), kind: z.enum(contributionKinds).meta({ description: 'MONEY, or a contribution in kind (premises, staff, volunteer work, …)' }), description: z.string(), valueSek: z.number().nullable() }))
      .nullable()
      .meta({ description: 'Each party’s contribution, in money or in kind; null when withheld' }),
    decisions: z.array(registerDecision).nullable().meta({ description: 'Each party’s current decision; null when withheld' }),
    agreement: z
      .object({ version: z.number().int(), sections: z.record(z.string(), z.string()) })
      .nullable()
      .meta({ description: 'The agreement in force, section by section; null when none is in force or it is withheld' }),
    evaluations: z
      .array(
        z.object({
          evaluationId: z.string(),
          term: z.number().int(),
          recordedOn: day.nullable(),
          conclusions: z.array(z.object({ learningGoalId: z.string(), goal: z.string().nullable(), assessment: z.string() })),
        }),
      )
      .nullable()
      .meta({ description: 'The evaluations’ conclusions, learning goal by goal; null when withheld' }),
    withheld: z
      .array(z.object({ field: z.enum(withholdableFields), ground: z.string().meta({ description: 'The ground in offentlighets- och sekretesslagen (2009:400)' }) }))
      .meta({ description: 'The fields withheld (sekretess), each with its ground' }),
  })
  .meta({ id: 'RegisterEntry', title: 'A partnership in the public register of IOPs' });

export type RegisterEntry = z.infer<typeof registerEntrySchema>;
export type RegisterParty = z.infer<typeof registerParty>;
export type RegisterDecision = z.infer<typeof registerDecision>;
