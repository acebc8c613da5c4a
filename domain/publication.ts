// What the public register of IOPs shows (issue "The public register"), declared once, field by
// field, for every record a partnership is made of. Under offentlighetsprincipen the parties'
// decisions and the agreement are public documents; people, drafts and the legal review's working
// notes are not published, and an administrator may withhold more on a ground of
// offentlighets- och sekretesslagen (OSL). A record or field not in this table is never published:
// test/unit/publication-policy.test.ts holds every column of the records to an entry here.

/** Published, or never; `why` is for the next reader and the register's own documentation. */
export type Publication = { published: true; why: string } | { published: false; why: string };

const shown = (why: string): Publication => ({ published: true, why });
const kept = (why: string): Publication => ({ published: false, why });
const bookkeeping = kept('the records’ own bookkeeping');

/** Every column of every record a partnership is read from, by record (the Prisma model) and column. */
export const publicationPolicy = {
  Partnership: {
    id: shown('the stable address of its page'),
    title: shown('what the partnership is called'),
    challenge: shown('the societal challenge (samhällsutmaningen)'),
    caseNumber: shown('the municipality’s diarienummer: public, and how a request for the documents names the case'),
    coordinatorName: kept('a person'),
    coordinatorEmail: kept('a person'),
    createdAt: bookkeeping,
    createdByKeyId: kept('who registered it: a key or a person'),
    phase: shown('where it stands'),
    phaseEnteredOn: shown('since when'),
    term: shown('which term (avtalsperiod)'),
    revision: bookkeeping,
    cooperationForm: shown('that it is an IOP'),
    cooperationRationale: kept('the case officer’s working reasoning, before the decision'),
    submittedVersion: kept('a draft’s number'),
    versionInForce: shown('which version of the agreement is in force'),
    implementationStartDate: shown('when the work began'),
    beforeFinalReason: kept('the case officer’s working reasoning'),
    timingOverrides: bookkeeping,
    updatedAt: shown('when the entry last changed, for the feed'),
    termEndDate: shown('when the term ends'),
    nextDeadlineOn: kept('the case officers’ planning'),
    area: shown('its area of work (verksamhetsområde), for the filters'),
  },
  Organisation: {
    id: shown('the party’s stable identity'),
    name: shown('who the party is'),
    organisationNumber: shown('who the party is, unambiguously'),
    kind: shown('public body, idéburen organisation or company'),
    createdAt: bookkeeping,
    municipalityCode: shown('the municipality or region it is, and so its county'),
  },
  Party: {
    partnershipId: bookkeeping,
    partyId: shown('to tie decisions and contributions to the party'),
    organisationId: shown('the organisation that is the party'),
    kind: shown('public body, idéburen organisation or company'),
    joinedInTerm: shown('from which term it takes part'),
    joinedOn: shown('since when'),
    contactIds: kept('people'),
    leftOn: shown('that it left, and when'),
    leaveReason: kept('a document of the case, which may name people'),
    recordedAtRevision: bookkeeping,
    recordedPosition: bookkeeping,
  },
  Contribution: {
    partnershipId: bookkeeping,
    contributionId: shown('its stable identity'),
    partyId: shown('whose contribution'),
    kind: shown('money or in kind'),
    description: shown('what is contributed'),
    valueSek: shown('how much'),
    recordedAtRevision: bookkeeping,
    recordedPosition: bookkeeping,
  },
  Decision: {
    partnershipId: bookkeeping,
    partyId: shown('whose decision'),
    term: shown('for which term'),
    agreementVersion: shown('on which version'),
    outcome: shown('yes or no'),
    decidingBody: shown('which body decided'),
    decidingBodyKind: shown('council, board, committee, …'),
    meetingDate: shown('the day of the decision'),
    paragraph: shown('its paragraph (§) in the minutes'),
    minutesReference: shown('where the minutes are kept'),
    approvalDate: shown('when the minutes were approved (justering)'),
    postingDate: shown('when it was posted (anslag)'),
    appealWindowEnds: shown('the last day to appeal'),
    appealed: shown('that it was appealed'),
    final: shown('that it has become final (laga kraft)'),
    supersededAtRevision: bookkeeping,
    recordedAtRevision: bookkeeping,
    recordedPosition: bookkeeping,
  },
  LearningGoal: {
    partnershipId: bookkeeping,
    learningGoalId: shown('its stable identity'),
    partyId: shown('whose goal, when it is one party’s'),
    description: shown('the goal, as the agreement states it: what the evaluation concludes on'),
    recordedAtRevision: bookkeeping,
    recordedPosition: bookkeeping,
  },
  AgreementVersion: {
    partnershipId: bookkeeping,
    version: shown('its number'),
    sections: shown('the agreement’s text, only for the version in force: drafts are never shown'),
    locked: bookkeeping,
    savedAtRevision: bookkeeping,
  },
  PartnershipTerm: {
    partnershipId: bookkeeping,
    term: shown('its number'),
    startDate: shown('when it began'),
    endDate: shown('when it ends'),
  },
  Evaluation: {
    partnershipId: bookkeeping,
    evaluationId: shown('its stable identity'),
    term: shown('of which term'),
    recordedOn: shown('when it was concluded'),
    learningGoalAssessments: shown('the evaluation’s conclusions, goal by goal'),
    conflictsToPrevent: kept('the parties’ internal working notes'),
  },
} as const satisfies Record<string, Record<string, Publication>>;

export type PublishedRecord = keyof typeof publicationPolicy;

/** The columns of a record that the register shows. */
export function publishedColumns<R extends PublishedRecord>(record: R): (keyof (typeof publicationPolicy)[R] & string)[] {
  const table: Record<string, Publication> = publicationPolicy[record];
  return Object.keys(table).filter((column) => table[column]!.published) as (keyof (typeof publicationPolicy)[R] & string)[];
}

/**
 * What an administrator can withhold (sekretess) from a partnership's public entry, besides the whole
 * partnership: each is a part of the entry that a ground of OSL can cover. Its name, its parties and
 * its phase are what the entry is, and are withheld only with the whole partnership.
 */
export const withholdableFields = ['challenge', 'caseNumber', 'contributions', 'decisions', 'agreement', 'evaluations'] as const;

export type WithholdableField = (typeof withholdableFields)[number];

/** The whole partnership, as a withholding names it. */
export const wholePartnership = 'partnership';

/**
 * A ground for withholding (sekretess), as OSL cites itself: a chapter and a section, with a letter
 * where the section has one ("21 kap. 7 §", "31 kap. 16 §", "18 kap. 8 a §").
 */
export const withholdingGround = /^(\d{1,2}) kap\. (\d{1,3})(?: ([a-h]))? §$/;

/** The facts of a partnership's decisions that decide whether it may appear by itself. */
export interface DecisionFacts {
  /** The parties taking part in the current term. */
  partyIds: string[];
  /** Their current decisions (not superseded), on the version in force or the one submitted. */
  decisions: { partyId: string; outcome: 'YES' | 'NO'; final: boolean }[];
  /** An administrator published it before every decision was final. */
  publishedEarly: boolean;
  /** An administrator withheld it, on a ground of OSL. */
  withheld: boolean;
}

/**
 * Whether the register shows a partnership: once every party has decided yes and every one of those
 * decisions is final (laga kraft), or earlier when an administrator publishes it; never while it is
 * withheld.
 */
export function appearsInRegister(facts: DecisionFacts): boolean {
  if (facts.withheld) return false;
  if (facts.publishedEarly) return true;
  if (facts.partyIds.length === 0) return false;
  return facts.partyIds.every((partyId) => facts.decisions.some((d) => d.partyId === partyId && d.outcome === 'YES' && d.final));
}
