// A partnership's whole record as the views read it, in one statement, with each row typed from
// the generated rows and narrowed, once, to the domain's types that its text and JSON columns hold
// (the recording writes only what the workflow decided, so a row holds nothing else).
import type { AgreementHeading, PartnershipState } from '../domain/state';
import type { Database } from '../platform/database';
import type { Narrowed, Table } from './row-types';

type S = PartnershipState;
type Answer = S['legalReviews'][number]['answers'][number];
type Ending = NonNullable<S['ending']>;
type Contract = NonNullable<S['outcomeContract']>;

/** Dates and times arrive as JSON text. */
type Times<K extends string> = { [C in K]: string };

export type PartyRow = Narrowed<'Party', { kind: S['parties'][number]['kind']; contactIds: string[] }>;
export type ContributionRow = Narrowed<'Contribution', { kind: S['parties'][number]['contributions'][number]['kind'] }>;

export interface StoredRecord {
  row: Narrowed<
    'Partnership',
    Times<'createdAt' | 'updatedAt'> & {
      phase: S['phase'];
      cooperationForm: NonNullable<S['cooperationForm']>['chosen'] | null;
      timingOverrides: S['timingOverrides'];
    }
  >;
  parties: PartyRow[];
  contributions: ContributionRow[];
  goals: Narrowed<'LearningGoal'>[];
  versions: { version: number; locked: boolean; savedAtRevision: number; headings: AgreementHeading[] }[];
  reviews: Narrowed<'LegalReview', { conclusion: S['legalReviews'][number]['conclusion'] }>[];
  answers: Narrowed<'LegalReviewAnswer', { item: Answer['item']; outcome: Answer['outcome']; publicContractCriteria: Record<string, boolean> | null }>[];
  decisions: Narrowed<'Decision', { outcome: S['decisions'][number]['outcome']; decidingBodyKind: S['decisions'][number]['decidingBodyKind'] }>[];
  terms: Narrowed<'PartnershipTerm'>[];
  followUps: Narrowed<'FollowUp', { participantPartyIds: string[]; keyFigures: S['followUps'][number]['keyFigures'] }>[];
  deviations: Narrowed<'Deviation'>[];
  adjustments: Narrowed<'Adjustment', { consentingPartyIds: string[] }>[];
  disputes: Narrowed<'Dispute', { outcome: S['disputes'][number]['outcome'] }>[];
  evaluations: Narrowed<'Evaluation', { learningGoalAssessments: S['evaluations'][number]['learningGoalAssessments'] }>[];
  renegotiations: Narrowed<
    'Renegotiation',
    { outcome: S['renegotiations'][number]['outcome']; consents: S['renegotiations'][number]['consents']; nextTerm: S['renegotiations'][number]['nextTerm'] }
  >[];
  levels: Narrowed<'ParticipationLevel', { phase: keyof S['participationLevels']; level: NonNullable<S['participationLevels'][keyof S['participationLevels']]> }>[];
  principles: Narrowed<'PrincipleAssessment', { principle: S['principlesAssessment'][number]['principle'] }>[];
  contract: Narrowed<'OutcomeContract', { metrics: Contract['metrics']; measurements: Contract['measurements'] }> | null;
  references: Narrowed<'ExternalReference'>[];
  ending: Narrowed<
    'PartnershipEnding',
    { kind: Ending['kind']; surplusHandling: NonNullable<Ending['surplus']>['handling'] | null; betterForm: Ending['betterForm'] }
  > | null;
  tasks: Narrowed<'Task', Times<'openedAt'> & { closedAt: string | null }>[];
}

/** A list of a partnership's rows, as JSON, in the given order. */
const rowsOf = (table: Table, order: string, extra = '') =>
  `(SELECT coalesce(jsonb_agg(to_jsonb(x) ORDER BY ${order}), '[]'::jsonb) FROM "${table}" x WHERE x."partnershipId" = p.id ${extra})`;
const rowOf = (table: Table) => `(SELECT to_jsonb(x) FROM "${table}" x WHERE x."partnershipId" = p.id)`;

/**
 * The whole record in one statement, every list built by PostgreSQL as JSON: a step's answer is read
 * on every step, and 19 queries (each compiled by Prisma) cost more than the step itself. Column
 * names are the Prisma fields' (the schema maps none), so each row reads as Prisma would give it.
 */
export const recordQuery = `SELECT jsonb_build_object(
  'row', to_jsonb(p),
  'parties', ${rowsOf('Party', 'x."recordedAtRevision", x."recordedPosition"')},
  'contributions', ${rowsOf('Contribution', 'x."recordedAtRevision", x."recordedPosition"')},
  'goals', ${rowsOf('LearningGoal', 'x."recordedAtRevision", x."recordedPosition"')},
  'versions', (SELECT coalesce(jsonb_agg(jsonb_build_object('version', x.version, 'locked', x.locked, 'savedAtRevision', x."savedAtRevision",
                 'headings', (SELECT coalesce(jsonb_agg(s.key ORDER BY s.key), '[]'::jsonb) FROM jsonb_each_text(x.sections) s WHERE s.value <> '')) ORDER BY x.version), '[]'::jsonb)
               FROM "AgreementVersion" x WHERE x."partnershipId" = p.id),
  'reviews', ${rowsOf('LegalReview', 'x.round')},
  'answers', ${rowsOf('LegalReviewAnswer', 'x."recordedAtRevision", x.item')},
  'decisions', ${rowsOf('Decision', 'x."recordedAtRevision", x."recordedPosition"', 'AND x.term = p.term AND x."agreementVersion" = coalesce(p."submittedVersion", -1) AND x."supersededAtRevision" IS NULL')},
  'terms', ${rowsOf('PartnershipTerm', 'x.term')},
  'followUps', ${rowsOf('FollowUp', 'x.term, x.date')},
  'deviations', ${rowsOf('Deviation', 'x.term, x."raisedOn"')},
  'adjustments', ${rowsOf('Adjustment', 'x.term, x."agreedOn"')},
  'disputes', ${rowsOf('Dispute', 'x.term, x."raisedOn", x."disputeId"')},
  'evaluations', ${rowsOf('Evaluation', 'x.term')},
  'renegotiations', ${rowsOf('Renegotiation', 'x.term')},
  'levels', ${rowsOf('ParticipationLevel', 'x.phase')},
  'principles', ${rowsOf('PrincipleAssessment', 'x."recordedAtRevision", x.principle')},
  'contract', ${rowOf('OutcomeContract')},
  'references', ${rowsOf('ExternalReference', 'x."recordedAtRevision", x.key')},
  'ending', ${rowOf('PartnershipEnding')},
  'tasks', ${rowsOf('Task', 'x."openedAt", x."openedPosition", x.id', 'AND x."closedAt" IS NULL')}
) AS record
FROM "Partnership" p WHERE p.id = $1::uuid`;

/** The partnership's whole record, or null when there is none. */
export async function readPartnershipRecord(db: Database, id: string): Promise<StoredRecord | null> {
  // Named: each connection plans its twenty lists once, not on every read.
  const { rows } = await db.pool.query<{ record: StoredRecord | string }>({ name: 'partnership-record', text: recordQuery, values: [id] });
  if (rows.length === 0) return null;
  const { record } = rows[0]!;
  return typeof record === 'string' ? (JSON.parse(record) as StoredRecord) : record;
}

/** Party rows in the order the steps added them, as the partnership's record lists them. */
const partyOrder = [{ recordedAtRevision: 'asc' as const }, { recordedPosition: 'asc' as const }];

/** A partnership's parties and their contributions, as its list of parties shows them. */
export async function readParties(db: Database, id: string): Promise<{ parties: PartyRow[]; contributions: ContributionRow[] }> {
  const [parties, contributions] = await Promise.all([
    db.party.findMany({ where: { partnershipId: id }, orderBy: partyOrder }),
    db.contribution.findMany({ where: { partnershipId: id }, orderBy: partyOrder }),
  ]);
  return { parties: parties as PartyRow[], contributions: contributions as ContributionRow[] };
}
