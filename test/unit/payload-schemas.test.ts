import { readFileSync } from 'node:fs';
import { validate, type JsonSchema } from '../../domain/json-schema';
import { stepPayloadSchemas } from '../../domain/steps';
import committed from '../../domain/steps/payload-schemas.json';
import { payloadSchemasFile, payloadSchemasText } from '../../scripts/payload-schemas';

const uuid = '00000000-0000-4000-8000-000000000001';
const ref = `sha256:${'ab'.repeat(32)}`;

// Payloads as the API hands them to the workflow: parsed, with defaults, long texts as references.
const valid: [keyof typeof stepPayloadSchemas, unknown][] = [
  ['describeChallenge', { challenge: ref }],
  ['addParty', { organisationId: uuid, kind: 'PUBLIC' }],
  ['recordContribution', { partyId: uuid, kind: 'MONEY', description: ref, valueSek: 1200.5 }],
  ['saveAgreementDraft', { sections: { background: ref, efforts: ref } }],
  ['recordLegalReviewItem', { item: 'STATE_AID', outcome: 'OK', note: '' }],
  ['recordDecision', { partyId: uuid, agreementVersion: 1, outcome: 'YES', decidingBody: 'Socialnämnden', decidingBodyKind: 'NAMND', meetingDate: '2026-03-12', paragraph: '§ 45', minutesReference: null, approvalDate: null, postingDate: '2026-03-16' }],
  ['recordFollowUp', { date: '2026-05-01', participantPartyIds: [uuid], summary: ref, keyFigures: [{ name: 'Deltagare', value: 40, unit: null }] }],
  ['setTiming', { remindAfterDays: 7, followUp: { denseMonths: 6, denseEveryMonths: 1, thenEveryMonths: 3, remindDaysBefore: 7 } }],
  ['startImplementation', { startDate: '2026-04-01', beforeFinal: { reason: ref } }],
  ['terminate', { reason: ref, agreementClause: '§ 12', surplus: { handling: 'REPAID', amountSek: null, note: '' } }],
];

// Every field of setTiming is optional and numeric: only an unknown one breaks it.
const broken = (type: keyof typeof stepPayloadSchemas, payload: Record<string, unknown>): [string, keyof typeof stepPayloadSchemas, unknown][] => [
  ['an unknown field', type, { ...payload, extra: 1 }],
  ...(type === 'setTiming'
    ? []
    : ([
        ['a missing field', type, Object.fromEntries(Object.entries(payload).slice(1))],
        ['a field of the wrong type', type, Object.fromEntries(Object.entries(payload).map(([k, v], i) => [k, i === 0 ? 12 : v]))],
      ] as [string, keyof typeof stepPayloadSchemas, unknown][])),
];

describe('the JSON Schemas the workflow validates payloads with', () => {
  it('when the schemas are derived from the steps again, then they equal the committed file', () => {
    expect(readFileSync(payloadSchemasFile, 'utf8')).toBe(payloadSchemasText());
  });

  it.each(valid)('when a valid %s payload is checked, then zod and the JSON Schema both accept it', (type, payload) => {
    expect(stepPayloadSchemas[type].safeParse(payload).success).toBe(true);
    expect(validate((committed as Record<string, JsonSchema>)[type]!, payload)).toBeNull();
  });

  it.each(valid.flatMap(([type, payload]) => broken(type, payload as Record<string, unknown>)))('when a payload has %s (%s), then zod and the JSON Schema both refuse it', (_what, type, payload) => {
    expect(stepPayloadSchemas[type].safeParse(payload).success).toBe(false);
    expect(validate((committed as Record<string, JsonSchema>)[type]!, payload)).not.toBeNull();
  });

  it.each([
    ['a malformed uuid', 'addParty', { organisationId: 'not-a-uuid', kind: 'PUBLIC' }],
    ['an impossible date', 'recordFollowUp', { date: '2026-02-30', participantPartyIds: [uuid], summary: ref, keyFigures: [] }],
    ['a number past 2^63', 'recordContribution', { partyId: uuid, kind: 'MONEY', description: ref, valueSek: 2 ** 64 }],
    ['a value outside the enum', 'addParty', { organisationId: uuid, kind: 'COMPANY' }],
    ['too many items', 'recordFollowUp', { date: '2026-05-01', participantPartyIds: Array(101).fill(uuid), summary: ref, keyFigures: [] }],
  ] as const)('when a payload has %s, then both refuse it', (_what, type, payload) => {
    expect(stepPayloadSchemas[type].safeParse(payload).success).toBe(false);
    expect(validate((committed as Record<string, JsonSchema>)[type]!, payload)).not.toBeNull();
  });

  it('when a schema uses a keyword the validator does not know, then it refuses rather than ignore it', () => {
    expect(validate({ type: 'string', contentEncoding: 'base64' } as JsonSchema, 'x')).toMatch(/contentEncoding/);
  });
});
