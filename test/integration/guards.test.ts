import { partnershipWorkflowId } from '../../workflows/messages';
import { refusalCodes, type RefusalCode } from '../../domain/refusals';
import { addDays, addYears } from '../../domain/dates';
import { fullAgreement, PartnershipDriver, registerOrganisation, today } from '../support/lifecycle';
import { examplePartnership, startSystem, type TestSystem } from '../support/system';

let system: TestSystem;
beforeAll(async () => {
  // One partnership per guard, registered within the minute: more than the default rate allows.
  system = await startSystem({ rateLimitPerMinute: 1_000 });
});
afterAll(() => system.stop());

type Setup = (driver: PartnershipDriver) => Promise<{ step: string; body?: unknown }>;

async function toDecision(driver: PartnershipDriver): Promise<string[]> {
  const parties = await driver.initiate();
  await driver.step('save-agreement-draft', { sections: fullAgreement });
  await driver.step('submit-for-legal-review');
  await driver.passLegalReview();
  return parties;
}

async function toLegalReview(driver: PartnershipDriver): Promise<void> {
  await driver.initiate();
  await driver.step('save-agreement-draft', { sections: fullAgreement });
  await driver.step('submit-for-legal-review');
}

const allCriteria = (holds: boolean) => ({
  agreementBetweenParties: true,
  meetingOfMinds: true,
  authorityAcquires: holds,
  supplierSelected: holds,
  paymentOfDirectEconomicInterest: holds,
  legallyBindingMutualObligations: holds,
});

/** For every reason the workflow can give, a partnership brought to where that guard holds. */
const cases: Record<RefusalCode, Setup> = {
  WRONG_PHASE: async () => ({ step: 'start-evaluation' }),
  CHALLENGE_NOT_DESCRIBED: async () => ({ step: 'complete-initiation' }),
  PARTIES_MISSING: async (d) => {
    await d.step('describe-challenge', { challenge: 'Läxhjälp' });
    return { step: 'complete-initiation' };
  },
  FORM_NOT_IOP: async (d) => {
    await d.step('describe-challenge', { challenge: 'Läxhjälp' });
    await d.step('add-party', { organisationId: await registerOrganisation(system, 'PUBLIC'), kind: 'PUBLIC' });
    await d.step('add-party', { organisationId: await registerOrganisation(system, 'IDEBUREN'), kind: 'IDEBUREN' });
    await d.step('choose-cooperation-form', { form: 'PROCUREMENT', rationale: 'Tydlig beställning' });
    return { step: 'complete-initiation' };
  },
  BAD_TIMING: async () => ({ step: 'set-timing', body: { remindAfterDays: 30, escalateAfterDays: 10 } }),
  NO_OUTCOME_CONTRACT: async () => ({ step: 'record-outcome-measurement', body: { measuredOn: today(), results: [{ metric: 'Jobb', value: '12' }] } }),
  UNKNOWN_METRIC: async (d) => {
    await d.step('record-outcome-contract', { investor: 'Stiftelsen', metrics: [{ name: 'Jobb', target: '10' }], measurementDate: addDays(today(), 60) });
    return { step: 'record-outcome-measurement', body: { measuredOn: today(), results: [{ metric: 'Bostäder', value: '3' }] } };
  },
  UNKNOWN_PARTY: async () => ({ step: 'remove-party', body: { partyId: crypto.randomUUID() } }),
  PARTY_ALREADY_ADDED: async (d) => {
    const organisationId = await registerOrganisation(system, 'PUBLIC');
    await d.step('add-party', { organisationId, kind: 'PUBLIC' });
    return { step: 'add-party', body: { organisationId, kind: 'PUBLIC' } };
  },
  NO_DRAFT: async (d) => {
    await d.initiate();
    return { step: 'submit-for-legal-review' };
  },
  DRAFT_INCOMPLETE: async (d) => {
    await d.initiate();
    await d.step('save-agreement-draft', { sections: { challenge: 'Bara utmaningen' } });
    return { step: 'submit-for-legal-review' };
  },
  LEGAL_REVIEW_INCOMPLETE: async (d) => {
    await toLegalReview(d);
    return { step: 'conclude-legal-review', body: { conclusion: 'APPROVED' } };
  },
  PUBLIC_CONTRACT_CRITERIA_MISSING: async (d) => {
    await toLegalReview(d);
    return { step: 'record-legal-review-item', body: { item: 'PUBLIC_CONTRACT', outcome: 'OK' } };
  },
  IS_PUBLIC_CONTRACT: async (d) => {
    await toLegalReview(d);
    for (const item of ['LOCAL_GOVERNMENT_ACT', 'STATE_AID', 'SGEI', 'POLITICAL_GOAL']) await d.step('record-legal-review-item', { item, outcome: 'OK' });
    await d.step('record-legal-review-item', { item: 'PUBLIC_CONTRACT', outcome: 'ISSUE', publicContractCriteria: allCriteria(true) });
    return { step: 'conclude-legal-review', body: { conclusion: 'APPROVED' } };
  },
  WRONG_AGREEMENT_VERSION: async (d) => {
    const [kommun] = await toDecision(d);
    return { step: 'record-decision', body: decisionBody(kommun!, 7) };
  },
  ALREADY_DECIDED: async (d) => {
    const [kommun] = await toDecision(d);
    await d.decide(kommun!, 1, 'YES');
    return { step: 'record-decision', body: decisionBody(kommun!, 1) };
  },
  DECISIONS_PENDING: async (d) => {
    await toDecision(d);
    return { step: 'start-implementation', body: { startDate: today() } };
  },
  DECISIONS_NOT_FINAL: async (d) => {
    const parties = await toDecision(d);
    for (const [i, party] of parties.entries()) await d.decide(party, 1, 'YES', i < 2);
    return { step: 'start-implementation', body: { startDate: today() } };
  },
  DECISION_NOT_FOUND: async (d) => {
    const [kommun] = await toDecision(d);
    return { step: 'confirm-decision-final', body: { partyId: kommun } };
  },
  APPEAL_WINDOW_OPEN: async (d) => {
    const [kommun] = await toDecision(d);
    // Posted today: the three weeks have not passed.
    await d.step('record-decision', { ...decisionBody(kommun!, 1), postingDate: today() });
    return { step: 'confirm-decision-final', body: { partyId: kommun } };
  },
  BAD_DATES: async (d) => {
    const parties = await toDecision(d);
    for (const [i, party] of parties.entries()) await d.decide(party, 1, 'YES', i < 2);
    return { step: 'start-implementation', body: { startDate: today(), endDate: addDays(today(), -30), beforeFinal: { reason: 'Brådskande' } } };
  },
  NOT_APPEALABLE: async (d) => {
    const [, , forening] = await toDecision(d);
    await d.decide(forening!, 1, 'YES', false);
    return { step: 'record-appeal', body: { partyId: forening, lodgedOn: today() } };
  },
  NOT_APPEALED: async (d) => {
    const [kommun] = await toDecision(d);
    await d.decide(kommun!, 1, 'YES');
    return { step: 'record-appeal-outcome', body: { partyId: kommun, decisionStands: true } };
  },
  DATE_IN_FUTURE: async (d) => {
    const [kommun] = await toDecision(d);
    return { step: 'record-decision', body: { ...decisionBody(kommun!, 1), meetingDate: addDays(today(), 1), postingDate: null } };
  },
  APPEAL_TOO_LATE: async (d) => {
    const [kommun] = await toDecision(d);
    await d.step('record-decision', { ...decisionBody(kommun!, 1), meetingDate: addDays(today(), -60), postingDate: addDays(today(), -55) });
    return { step: 'record-appeal', body: { partyId: kommun, lodgedOn: today() } };
  },
  ALREADY_FINAL: async (d) => {
    const [kommun] = await toDecision(d);
    await d.step('record-decision', { ...decisionBody(kommun!, 1), meetingDate: addDays(today(), -60), postingDate: addDays(today(), -55) });
    return { step: 'record-posting', body: { partyId: kommun, postingDate: addDays(today(), -50) } };
  },
  TERM_ALREADY_ENDED: async (d) => {
    const parties = await toDecision(d);
    for (const [i, party] of parties.entries()) await d.decide(party, 1, 'YES', i < 2);
    return { step: 'start-implementation', body: { startDate: addDays(today(), -30), endDate: addDays(today(), -1), beforeFinal: { reason: 'Brådskande' } } };
  },
  START_TOO_FAR_BACK: async (d) => {
    const parties = await toDecision(d);
    for (const [i, party] of parties.entries()) await d.decide(party, 1, 'YES', i < 2);
    return { step: 'start-implementation', body: { startDate: addDays(today(), -200), beforeFinal: { reason: 'Pågår sedan länge' } } };
  },
  WRONG_TERM: async () => ({ step: 'add-party', body: { organisationId: await registerOrganisation(system, 'PUBLIC'), kind: 'PUBLIC', fromTerm: 2 } }),
  PARTY_KIND_MISMATCH: async () => ({ step: 'add-party', body: { organisationId: await registerOrganisation(system, 'PUBLIC', 'Borås Stad'), kind: 'IDEBUREN' } }),
  PARTY_HAS_LEFT: async (d) => {
    const [kommun] = await d.implement();
    await d.step('record-departure', { partyId: kommun, leftOn: today(), reason: 'Kommunen lämnar enligt § 9.' });
    return { step: 'record-departure', body: { partyId: kommun, leftOn: today(), reason: 'Igen.' } };
  },
  DISPUTE_NOT_FOUND: async (d) => {
    await d.implement();
    return { step: 'resolve-dispute', body: { disputeId: crypto.randomUUID(), resolvedOn: today(), resolution: 'Förlikning.' } };
  },
  DISPUTE_SETTLED: async (d) => {
    await d.implement();
    const raised = await d.step('raise-dispute', { raisedOn: today(), description: 'Oenighet om lokalerna.' });
    const disputeId = raised.disputes[0].disputeId;
    await d.step('resolve-dispute', { disputeId, resolvedOn: today(), resolution: 'Förlikning i samrådet.' });
    return { step: 'resolve-dispute', body: { disputeId, resolvedOn: today(), resolution: 'Igen.' } };
  },
  TERM_NOT_OVER: async (d) => {
    await d.implement();
    return { step: 'expire-term' };
  },
  CONSENT_MISSING: async (d) => {
    const [kommun] = await d.implement();
    return { step: 'agree-adjustment', body: { agreedOn: today(), description: 'Nya tider', consentingPartyIds: [kommun] } };
  },
  LEARNING_GOALS_UNASSESSED: async (d) => {
    await d.implement();
    await d.step('start-evaluation');
    return { step: 'record-evaluation', body: { recordedOn: today(), learningGoalAssessments: [] } };
  },
  EVALUATION_MISSING: async (d) => {
    await d.implement();
    await d.step('start-evaluation');
    return { step: 'start-renegotiation' };
  },
  RENEGOTIATION_NOT_AGREED: async (d) => {
    await d.implement();
    await d.evaluateAndRenegotiate();
    return { step: 'start-new-term', body: { startDate: addYears(today(), 5) } };
  },
};

function decisionBody(partyId: string, agreementVersion: number) {
  return {
    partyId,
    agreementVersion,
    outcome: 'YES',
    decidingBody: 'Kommunstyrelsen',
    decidingBodyKind: 'STYRELSE',
    // Posted long ago: final at once.
    meetingDate: addDays(today(), -90),
    postingDate: addDays(today(), -85),
  };
}

describe('the challenge given at registration', () => {
  it('when a partnership is registered with its challenge, then INITIATION completes without describing it again', async () => {
    const driver = await PartnershipDriver.register(system);
    expect((await driver.state()).challenge).toBe(examplePartnership.challenge);
    await driver.step('add-party', { organisationId: await registerOrganisation(system, 'PUBLIC'), kind: 'PUBLIC' });
    await driver.step('add-party', { organisationId: await registerOrganisation(system, 'IDEBUREN'), kind: 'IDEBUREN' });
    await driver.step('choose-cooperation-form', { form: 'IOP', rationale: 'Ett gemensamt åtagande.' });
    expect(await driver.step('complete-initiation')).toMatchObject({ phase: 'FORMULATION', challenge: examplePartnership.challenge });
  });
});

/** The guards that hold whatever the payload: a read's `nextSteps` names them before the step is tried. */
const knownBeforehand: RefusalCode[] = [
  'CHALLENGE_NOT_DESCRIBED',
  'PARTIES_MISSING',
  'FORM_NOT_IOP',
  'NO_DRAFT',
  'DRAFT_INCOMPLETE',
  'DECISIONS_PENDING',
  'DECISION_NOT_FOUND',
  'NOT_APPEALABLE',
  'NOT_APPEALED',
  'ALREADY_FINAL',
  'NO_OUTCOME_CONTRACT',
  'EVALUATION_MISSING',
  'RENEGOTIATION_NOT_AGREED',
];

describe('every guard of the lifecycle, over HTTP', () => {
  it('when the list of reasons is read, then each one has a case below', () => {
    expect(Object.keys(cases).sort()).toEqual([...refusalCodes].sort());
  });

  it.each(Object.keys(cases) as RefusalCode[])(
    'when the guard %s holds, then the step is refused with it, and the state, the records, the audit trail and the history are unchanged',
    async (reason) => {
      // Registered without a challenge: the one given at registration counts, and CHALLENGE_NOT_DESCRIBED needs none.
      const { challenge: _challenge, ...withoutChallenge } = examplePartnership;
      const driver = await PartnershipDriver.register(system, system.adminKey, withoutChallenge);
      const { step, body } = await cases[reason](driver);
      const handle = system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id));
      await driver.settled();
      const before = await driver.state();
      const snapshot = async () => ({
        row: await system.db.partnership.findUniqueOrThrow({ where: { id: driver.id }, select: { phase: true, revision: true, updatedAt: true } }),
        audit: await system.db.auditEvent.count({ where: { partnershipId: driver.id } }),
        tasks: await system.db.task.findMany({ where: { partnershipId: driver.id }, orderBy: { id: 'asc' } }),
        history: (await handle.fetchHistory()).events?.length,
      });
      const recordsBefore = await snapshot();

      // The read says beforehand what the step waits on: the same reason, never another.
      const listed = (before.nextSteps as { action: string; refusal: { code: string } | null }[]).find((s) => s.action === step);
      if (listed?.refusal) expect(listed.refusal.code).toBe(reason);
      if (knownBeforehand.includes(reason)) expect(listed?.refusal?.code).toBe(reason);

      const response = await driver.attempt(step, body ?? {});

      expect(response.status).toBe(409);
      expect(response.body).toMatchObject({ type: '/problems/step-refused', reason });
      expect(await driver.state()).toEqual(before);
      expect(await snapshot()).toEqual(recordsBefore);
    },
    60_000,
  );
});
