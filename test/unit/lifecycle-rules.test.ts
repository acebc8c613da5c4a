import { decide, type Step, type StepContext } from '../../domain/decide';
import { lastDayToAppeal } from '../../domain/calendar';
import { addDays } from '../../domain/dates';
import { calendarLawRules } from '../../domain/rules';
import { agreementHeadings, initialState, type PartnershipState } from '../../domain/state';
import { swedishInstant } from '../../domain/swedish-time';

let ids = 0;
const ctx = (now = Date.parse('2026-06-01T09:00:00Z')): StepContext => ({ now, newId: () => `id-${++ids}`, actorKeyId: 'key-1' });

function apply(state: PartnershipState, ...commands: Step[]): PartnershipState {
  for (const command of commands) {
    const outcome = decide(state, command, ctx());
    if (!outcome.ok) throw new Error(`${command.type} refused: ${outcome.refusal.code}`);
    state = outcome.state;
  }
  return state;
}

function refusalOf(state: PartnershipState, command: Step, context = ctx()): string {
  const outcome = decide(state, command, context);
  if (outcome.ok) throw new Error(`${command.type} was accepted`);
  return outcome.refusal.code;
}

const municipality = '00000000-0000-4000-8000-000000000001';
const region = '00000000-0000-4000-8000-000000000002';
const association = '00000000-0000-4000-8000-000000000003';
const fullDraft = Object.fromEntries(agreementHeadings.map((h) => [h, `Text under ${h}`]));

function initiated(): PartnershipState {
  return apply(
    initialState('p-1'),
    { type: 'describeChallenge', payload: { challenge: 'Ensamhet bland äldre' } },
    { type: 'addParty', payload: { organisationId: municipality, kind: 'PUBLIC' } },
    { type: 'addParty', payload: { organisationId: region, kind: 'PUBLIC' } },
    { type: 'addParty', payload: { organisationId: association, kind: 'IDEBUREN' } },
    { type: 'chooseCooperationForm', payload: { form: 'IOP', rationale: 'Gemensamt ansvar, inte köp av tjänst' } },
  );
}

function inDecision(): PartnershipState {
  return apply(
    initiated(),
    { type: 'completeInitiation', payload: {} },
    { type: 'saveAgreementDraft', payload: { sections: fullDraft } },
    { type: 'submitForLegalReview', payload: {} },
    ...(['LOCAL_GOVERNMENT_ACT', 'STATE_AID', 'SGEI', 'POLITICAL_GOAL'] as const).map(
      (item): Step => ({ type: 'recordLegalReviewItem', payload: { item, outcome: 'OK', note: '' } }),
    ),
    {
      type: 'recordLegalReviewItem',
      payload: {
        item: 'PUBLIC_CONTRACT',
        outcome: 'OK',
        note: 'Only repayment can be demanded',
        publicContractCriteria: {
          agreementBetweenParties: true,
          meetingOfMinds: true,
          authorityAcquires: false,
          supplierSelected: false,
          paymentOfDirectEconomicInterest: false,
          legallyBindingMutualObligations: false,
        },
      },
    },
    { type: 'concludeLegalReview', payload: { conclusion: 'APPROVED', note: '' } },
  );
}

const decision = (partyId: string, outcome: 'YES' | 'NO', postingDate: string | null = '2026-05-25'): Step => ({
  type: 'recordDecision',
  payload: {
    partyId,
    agreementVersion: 1,
    outcome,
    decidingBody: 'Socialnämnden',
    decidingBodyKind: 'NAMND',
    meetingDate: '2026-03-12',
    paragraph: '§ 45',
    minutesReference: 'SN 2026-03-12',
    approvalDate: '2026-03-14',
    postingDate,
  },
});

describe('the lifecycle rules', () => {
  it('when every guard is met, then a partnership goes from INITIATION to IMPLEMENTATION with the version in force', () => {
    let state = inDecision();
    const [kommun, region, forening] = state.parties;
    state = apply(state, decision(kommun!.partyId, 'YES'), decision(region!.partyId, 'YES'), decision(forening!.partyId, 'YES'));
    expect(state.versionInForce).toBe(1);
    expect(state.decisions.map((d) => [d.final, d.appealWindowEnds])).toEqual([
      [false, '2026-06-15'],
      [false, '2026-06-15'],
      [true, null],
    ]);

    const afterAppealWindow = ctx(Date.parse('2026-06-16T08:00:00Z'));
    for (const party of [kommun!, region!]) {
      const outcome = decide(state, { type: 'confirmDecisionFinal', payload: { partyId: party.partyId } }, afterAppealWindow);
      if (!outcome.ok) throw new Error(outcome.refusal.code);
      state = outcome.state;
    }
    state = apply(state, { type: 'startImplementation', payload: { startDate: '2026-04-15', beforeFinal: null } });

    expect(state.phase).toBe('IMPLEMENTATION');
    expect(state.implementation).toEqual({ startDate: '2026-04-15', beforeFinal: null });
    expect(state.revision).toBeGreaterThan(10);
  });

  it('when a public yes is recorded after its appeal window has passed, then it is final at once; a later appeal still holds it', () => {
    let state = inDecision();
    const [kommun] = state.parties;
    state = apply(state, decision(kommun!.partyId, 'YES', '2026-03-16'));
    // Three weeks end on Easter Monday: the last day to appeal is the Tuesday after.
    expect(state.decisions[0]).toMatchObject({ final: true, appealWindowEnds: '2026-04-07' });
    state = apply(state, { type: 'recordAppeal', payload: { partyId: kommun!.partyId, lodgedOn: '2026-04-01' } } as Step);
    expect(state.decisions[0]).toMatchObject({ final: false, appealed: true });
  });

  describe('leaving INITIATION', () => {
    it('when the challenge is not described, then it is refused', () => {
      const state = apply(initialState('p'), { type: 'addParty', payload: { organisationId: municipality, kind: 'PUBLIC' } });
      expect(refusalOf(state, { type: 'completeInitiation', payload: {} })).toBe('CHALLENGE_NOT_DESCRIBED');
    });

    it('when there is no idéburen party, then it is refused', () => {
      let state = initiated();
      state = apply(state, { type: 'removeParty', payload: { partyId: state.parties[2]!.partyId } });
      expect(refusalOf(state, { type: 'completeInitiation', payload: {} })).toBe('PARTIES_MISSING');
    });

    it('when the form chosen is not IOP, then it is refused', () => {
      const state = apply(initiated(), { type: 'chooseCooperationForm', payload: { form: 'OPERATING_GRANT', rationale: 'Enklare' } });
      expect(refusalOf(state, { type: 'completeInitiation', payload: {} })).toBe('FORM_NOT_IOP');
    });
  });

  it('when the same organisation is added twice, then it is refused', () => {
    expect(refusalOf(initiated(), { type: 'addParty', payload: { organisationId: association, kind: 'IDEBUREN' } })).toBe(
      'PARTY_ALREADY_ADDED',
    );
  });

  it('when a draft lacks a heading, then it cannot go to legal review', () => {
    const { transparencyAndEquality: _left, ...partial } = fullDraft;
    const state = apply(initiated(), { type: 'completeInitiation', payload: {} }, { type: 'saveAgreementDraft', payload: { sections: partial } });
    expect(refusalOf(state, { type: 'submitForLegalReview', payload: {} })).toBe('DRAFT_INCOMPLETE');
  });

  it('when legal review asks for changes, then the reviewed version stays locked and the next draft is version 2', () => {
    let state = apply(
      initiated(),
      { type: 'completeInitiation', payload: {} },
      { type: 'saveAgreementDraft', payload: { sections: fullDraft } },
      { type: 'submitForLegalReview', payload: {} },
      { type: 'concludeLegalReview', payload: { conclusion: 'CHANGES_REQUESTED', note: 'Förtydliga hävning' } },
    );
    expect(state.phase).toBe('FORMULATION');
    state = apply(state, { type: 'saveAgreementDraft', payload: { sections: { ...fullDraft, terminationAndDisputes: 'Ny text' } } });

    expect(state.agreementVersions.map((v) => [v.version, v.locked])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(state.agreementVersions[0]!.sections.terminationAndDisputes).toBe('Text under terminationAndDisputes');
  });

  it('when the review is approved with a checklist item unanswered, then it is refused', () => {
    const state = apply(
      initiated(),
      { type: 'completeInitiation', payload: {} },
      { type: 'saveAgreementDraft', payload: { sections: fullDraft } },
      { type: 'submitForLegalReview', payload: {} },
    );
    expect(refusalOf(state, { type: 'concludeLegalReview', payload: { conclusion: 'APPROVED', note: '' } })).toBe('LEGAL_REVIEW_INCOMPLETE');
  });

  it('when the public-contract item is recorded without the six LOU criteria, then it is refused', () => {
    const state = apply(
      initiated(),
      { type: 'completeInitiation', payload: {} },
      { type: 'saveAgreementDraft', payload: { sections: fullDraft } },
      { type: 'submitForLegalReview', payload: {} },
    );
    expect(refusalOf(state, { type: 'recordLegalReviewItem', payload: { item: 'PUBLIC_CONTRACT', outcome: 'OK', note: '' } })).toBe(
      'PUBLIC_CONTRACT_CRITERIA_MISSING',
    );
  });

  it('when a party decides on another version than the one submitted, then it is refused', () => {
    const state = inDecision();
    const wrong = decision(state.parties[0]!.partyId, 'YES') as Extract<Step, { type: 'recordDecision' }>;
    expect(refusalOf(state, { ...wrong, payload: { ...wrong.payload, agreementVersion: 2 } })).toBe('WRONG_AGREEMENT_VERSION');
  });

  it('when one party says no, then the case goes back to FORMULATION and nothing is in force', () => {
    let state = inDecision();
    state = apply(state, decision(state.parties[0]!.partyId, 'YES'), decision(state.parties[2]!.partyId, 'NO'));
    expect(state.phase).toBe('FORMULATION');
    expect(state.versionInForce).toBeNull();
  });

  it('when a party has not decided, then implementation cannot start', () => {
    let state = inDecision();
    state = apply(state, decision(state.parties[0]!.partyId, 'YES'));
    expect(refusalOf(state, { type: 'startImplementation', payload: { startDate: '2026-05-01', beforeFinal: null } })).toBe('DECISIONS_PENDING');
  });

  it('when decisions are not yet final, then implementation starts only if the parties chose so, on record', () => {
    let state = inDecision();
    state = apply(state, ...state.parties.map((p) => decision(p.partyId, 'YES')));
    expect(refusalOf(state, { type: 'startImplementation', payload: { startDate: '2026-04-01', beforeFinal: null } })).toBe(
      'DECISIONS_NOT_FINAL',
    );
    state = apply(state, { type: 'startImplementation', payload: { startDate: '2026-04-01', beforeFinal: { reason: 'Sommarverksamhet' } } });
    expect(state.implementation?.beforeFinal).toEqual({ reason: 'Sommarverksamhet' });
  });

  it('when the appeal window is still open, then the decision cannot be confirmed final', () => {
    let state = inDecision();
    state = apply(state, decision(state.parties[0]!.partyId, 'YES'));
    const withinWindow = ctx(Date.parse('2026-04-05T12:00:00Z'));
    expect(refusalOf(state, { type: 'confirmDecisionFinal', payload: { partyId: state.parties[0]!.partyId } }, withinWindow)).toBe(
      'APPEAL_WINDOW_OPEN',
    );
  });

  it('when a step comes in the wrong phase, then it is refused and the state is untouched', () => {
    const state = initiated();
    const before = JSON.stringify(state);
    expect(refusalOf(state, { type: 'terminate', payload: { reason: 'Tvist', agreementClause: '§ 12', surplus: null } })).toBe('WRONG_PHASE');
    expect(refusalOf(state, { type: 'saveAgreementDraft', payload: { sections: fullDraft } })).toBe('WRONG_PHASE');
    expect(JSON.stringify(state)).toBe(before);
  });

  it('when a case is closed in INITIATION because another form fits better, then it is CLOSED saying so', () => {
    const state = apply(initiated(), { type: 'close', payload: { reason: 'Behovet är avgränsat', betterForm: 'PROJECT_FUNDS' } });
    expect(state.phase).toBe('CLOSED');
    expect(state.ending).toMatchObject({ reason: 'Behovet är avgränsat', betterForm: 'PROJECT_FUNDS' });
  });

  it('when a case is withdrawn before it takes effect, then it is CLOSED with the reason', () => {
    const state = apply(initiated(), { type: 'withdraw', payload: { reason: 'Ett föreningsbidrag passar bättre' } });
    expect(state.phase).toBe('CLOSED');
    expect(state.ending).toEqual({ kind: 'CLOSED', reason: 'Ett föreningsbidrag passar bättre', agreementClause: null, surplus: null, betterForm: null });
  });
});

describe('the lifecycle rules once the agreement is in effect', () => {
  function implementing(): PartnershipState {
    let state = inDecision();
    state = apply(state, ...state.parties.map((p) => decision(p.partyId, 'YES')));
    return apply(state, { type: 'startImplementation', payload: { startDate: '2026-04-01', beforeFinal: { reason: 'Tidig start' } } });
  }
  const everyone = (state: PartnershipState) => state.parties.map((p) => p.partyId);

  it('when implementation starts without an end date, then the term runs five years, to the day before the fifth anniversary', () => {
    expect(implementing().terms).toEqual([{ term: 1, startDate: '2026-04-01', endDate: '2031-03-31' }]);
  });

  it('when the last idéburen party that said yes would leave while the other idéburen party said no, then it is refused; a run begun before the corrections lets it go', () => {
    const other = '00000000-0000-4000-8000-000000000004';
    let state = apply(implementing(), { type: 'addParty', payload: { organisationId: other, kind: 'IDEBUREN', joinedOn: '2026-05-01' } });
    const naysayer = state.parties.at(-1)!.partyId;
    state = apply(state, decision(naysayer, 'NO', null));
    const association = state.parties.find((p) => p.kind === 'IDEBUREN')!.partyId;
    const departure: Step = { type: 'recordDeparture', payload: { partyId: association, leftOn: '2026-06-01', reason: 'Föreningen lämnar.' } };

    expect(refusalOf(state, departure)).toBe('PARTIES_MISSING');
    expect(decide(state, departure, { ...ctx(), rules: calendarLawRules }).ok).toBe(true);
    expect(decide(state, { type: 'recordDeparture', payload: { partyId: naysayer, leftOn: '2026-06-01', reason: 'Sade nej.' } }, ctx()).ok).toBe(true);
  });

  it("when an adjustment lacks a party's consent, then it is refused", () => {
    const state = implementing();
    const consenting = everyone(state).slice(1);
    expect(refusalOf(state, { type: 'agreeAdjustment', payload: { agreedOn: '2026-09-01', description: 'Fler träffar', consentingPartyIds: consenting, newTermEndDate: null } })).toBe(
      'CONSENT_MISSING',
    );
  });

  it('when every party agrees to move the end of the term, then the term ends on the new day', () => {
    const state = implementing();
    const adjusted = apply(state, {
      type: 'agreeAdjustment',
      payload: { agreedOn: '2026-09-01', description: 'Ett år till', consentingPartyIds: everyone(state), newTermEndDate: '2032-04-01' },
    });
    expect(adjusted.terms).toEqual([{ term: 1, startDate: '2026-04-01', endDate: '2032-04-01' }]);
    expect(adjusted.adjustments.at(-1)?.newTermEndDate).toBe('2032-04-01');
  });

  it('when an adjustment would end the term in the past, then it is refused and the term is unchanged', () => {
    const state = implementing();
    const payload = { agreedOn: '2026-09-01', description: 'Avsluta', consentingPartyIds: everyone(state), newTermEndDate: '2026-05-01' };
    expect(refusalOf(state, { type: 'agreeAdjustment', payload })).toBe('BAD_DATES');
  });

  it('when a partnership sets its own timing, then it is kept as overrides; an escalation before the reminder is refused', () => {
    const state = apply(implementing(), { type: 'setTiming', payload: { remindAfterDays: 7, noticeTimeUtc: '06:30' } });
    expect(state.timingOverrides).toEqual({ remindAfterDays: 7, noticeTimeUtc: '06:30' });
    expect(refusalOf(state, { type: 'setTiming', payload: { remindAfterDays: 30, escalateAfterDays: 20 } })).toBe('BAD_TIMING');
    const sparse = { denseMonths: 2, denseEveryMonths: 3, thenEveryMonths: 3, remindDaysBefore: 7 };
    expect(refusalOf(state, { type: 'setTiming', payload: { followUp: sparse } })).toBe('BAD_TIMING');
  });

  it('when an evaluation leaves a learning goal unassessed, then it is refused', () => {
    let state = apply(implementing(), { type: 'startEvaluation', payload: {} });
    state = { ...state, learningGoals: [{ learningGoalId: 'lg-1', partyId: null, description: 'Gemensamt lärande' }] };
    expect(
      refusalOf(state, { type: 'recordEvaluation', payload: { recordedOn: '2027-03-01', learningGoalAssessments: [], conflictsToPrevent: null } }),
    ).toBe('LEARNING_GOALS_UNASSESSED');
  });

  it('when renegotiation is started before this term is evaluated, then it is refused', () => {
    const state = apply(implementing(), { type: 'startEvaluation', payload: {} });
    expect(refusalOf(state, { type: 'startRenegotiation', payload: {} })).toBe('EVALUATION_MISSING');
  });

  function renegotiating(): PartnershipState {
    return apply(
      implementing(),
      { type: 'startEvaluation', payload: {} },
      { type: 'recordEvaluation', payload: { recordedOn: '2030-10-01', learningGoalAssessments: [], conflictsToPrevent: 'Otydliga roller' } },
      { type: 'startRenegotiation', payload: {} },
    );
  }

  it('when one party has not said yes to continuing, then continuing is refused: nothing renews silently', () => {
    const state = renegotiating();
    const consents = everyone(state).map((partyId, i) => ({ partyId, decision: i === 0 ? ('NO' as const) : ('YES' as const) }));
    expect(refusalOf(state, { type: 'recordRenegotiationOutcome', payload: { outcome: 'CONTINUE', consents, note: '', surplus: null } })).toBe(
      'CONSENT_MISSING',
    );
    expect(refusalOf(state, { type: 'startNewTerm', payload: { startDate: '2031-04-01', backTo: 'FORMULATION' } })).toBe(
      'RENEGOTIATION_NOT_AGREED',
    );
  });

  it('when every party agrees to continue, then a new term starts in FORMULATION with all history kept', () => {
    let state = renegotiating();
    const consents = everyone(state).map((partyId) => ({ partyId, decision: 'YES' as const }));
    state = apply(
      state,
      { type: 'recordRenegotiationOutcome', payload: { outcome: 'CONTINUE', consents, note: 'Vi fortsätter', surplus: null } },
      { type: 'startNewTerm', payload: { startDate: '2031-04-01', backTo: 'FORMULATION' } },
    );
    expect(state).toMatchObject({ phase: 'FORMULATION', term: 2, submittedVersion: null, decisions: [], versionInForce: 1 });
    expect(state.terms.map((t) => t.term)).toEqual([1, 2]);
    expect(state.evaluations).toHaveLength(1);
  });

  it('when the parties choose to end, then it is ENDED with what happens to the surplus', () => {
    const state = apply(renegotiating(), {
      type: 'recordRenegotiationOutcome',
      payload: { outcome: 'END', consents: [], note: 'Målen är nådda', surplus: { handling: 'REPAID', amountSek: 12000, note: '' } },
    });
    expect(state.phase).toBe('ENDED');
    expect(state.ending).toEqual({ kind: 'ENDED', reason: 'Målen är nådda', agreementClause: null, surplus: { handling: 'REPAID', amountSek: 12000, note: '' }, betterForm: null });
  });
});

describe('the public-contract test of the legal review', () => {
  it('when all six LOU criteria hold, then the review cannot approve: it is a public contract, not an IOP', () => {
    let state = apply(
      initiated(),
      { type: 'completeInitiation', payload: {} },
      { type: 'saveAgreementDraft', payload: { sections: fullDraft } },
      { type: 'submitForLegalReview', payload: {} },
    );
    state = apply(
      state,
      ...(['LOCAL_GOVERNMENT_ACT', 'STATE_AID', 'SGEI', 'POLITICAL_GOAL'] as const).map(
        (item): Step => ({ type: 'recordLegalReviewItem', payload: { item, outcome: 'OK', note: '' } }),
      ),
      {
        type: 'recordLegalReviewItem',
        payload: {
          item: 'PUBLIC_CONTRACT',
          outcome: 'ISSUE',
          note: 'Kommunen kan kräva prestation',
          publicContractCriteria: {
            agreementBetweenParties: true,
            meetingOfMinds: true,
            authorityAcquires: true,
            supplierSelected: true,
            paymentOfDirectEconomicInterest: true,
            legallyBindingMutualObligations: true,
          },
        },
      },
    );
    expect(refusalOf(state, { type: 'concludeLegalReview', payload: { conclusion: 'APPROVED', note: '' } })).toBe('IS_PUBLIC_CONTRACT');
    expect(apply(state, { type: 'concludeLegalReview', payload: { conclusion: 'REJECTED', note: '' } }).phase).toBe('CLOSED');
  });
});

describe('appeals and the end of a term', () => {
  function decided(): PartnershipState {
    const state = inDecision();
    return apply(state, decision(state.parties[0]!.partyId, 'YES'));
  }

  it('when an appeal is recorded, then the decision cannot become final until the appeal is decided', () => {
    const state = decided();
    const kommun = state.parties[0]!.partyId;
    const appealed = apply(state, { type: 'recordAppeal', payload: { partyId: kommun, lodgedOn: '2026-03-30' } });
    const later = ctx(Date.parse('2026-05-01T08:00:00Z'));
    expect(refusalOf(appealed, { type: 'confirmDecisionFinal', payload: { partyId: kommun } }, later)).toBe('APPEAL_WINDOW_OPEN');

    const stands = apply(appealed, { type: 'recordAppealOutcome', payload: { partyId: kommun, decisionStands: true } });
    expect(stands.decisions[0]).toMatchObject({ appealed: false, final: true });
    const annulled = apply(appealed, { type: 'recordAppealOutcome', payload: { partyId: kommun, decisionStands: false } });
    expect(annulled.decisions).toEqual([]);
  });

  it("when a board's decision is appealed, then it is refused: only a public body's decision can be", () => {
    let state = inDecision();
    const forening = state.parties[2]!.partyId;
    state = apply(state, decision(forening, 'YES', null));
    expect(refusalOf(state, { type: 'recordAppeal', payload: { partyId: forening, lodgedOn: '2026-03-30' } })).toBe('NOT_APPEALABLE');
  });

  it('when a term runs out with no agreement to continue, then the partnership ends; before that, it cannot', () => {
    let state = inDecision();
    state = apply(state, ...state.parties.map((p) => decision(p.partyId, 'YES')));
    state = apply(state, { type: 'startImplementation', payload: { startDate: '2026-04-01', endDate: '2027-04-01', beforeFinal: { reason: 'x' } } });
    expect(refusalOf(state, { type: 'expireTerm', payload: {} })).toBe('TERM_NOT_OVER');

    const outcome = decide(state, { type: 'expireTerm', payload: {} }, ctx(Date.parse('2027-04-01T07:00:00Z')));
    expect(outcome.ok && outcome.state.phase).toBe('ENDED');
    expect(outcome.ok && outcome.state.ending?.reason).toBe('The term ran out without a decision on a new term');
  });
});

describe("the workflow's today is Sweden's, at the awkward moments of the year", () => {
  const at = (date: string, time: string) => ctx(swedishInstant(date, time));
  /** A public yes posted so that three weeks end on `windowEnds`. */
  function postedToEndOn(windowEnds: string, now: StepContext): { state: PartnershipState; kommun: string; lastDay: string } {
    const state = inDecision();
    const kommun = state.parties[0]!.partyId;
    const posted = addDays(windowEnds, -21);
    const command = decision(kommun, 'YES', posted);
    if (command.type === 'recordDecision') Object.assign(command.payload, { meetingDate: addDays(posted, -3), approvalDate: addDays(posted, -1) });
    const outcome = decide(state, command, now);
    if (!outcome.ok) throw new Error(outcome.refusal.code);
    return { state: outcome.state, kommun, lastDay: lastDayToAppeal(posted) };
  }

  it.each([
    ['Christmas eve', '2027-12-24', '00:30'],
    ['New Year’s eve, late', '2027-12-31', '23:30'],
    ['29 February', '2028-02-29', '00:30'],
    ['midsummer eve', '2028-06-23', '00:30'],
    ['the night the clocks go forward, 00:30', '2028-03-26', '00:30'],
    ['the night the clocks go forward, after the change', '2028-03-26', '03:30'],
    ['the night the clocks go back, 00:30', '2028-10-29', '00:30'],
    ['the night the clocks go back, in the hour passed twice', '2028-10-29', '02:30'],
  ])('when it is %s (%s %s in Stockholm), then that day is today: it may be recorded, the next may not, and a window ending on it is still open', (_why, day, time) => {
    const now = at(day, time);
    const { state, kommun, lastDay } = postedToEndOn(day, now);
    expect(lastDay >= day).toBe(true);
    const appeal = (lodgedOn: string) => decide(state, { type: 'recordAppeal', payload: { partyId: kommun, lodgedOn } }, now);
    expect(appeal(day).ok).toBe(true);
    expect(refusalOf(state, { type: 'recordAppeal', payload: { partyId: kommun, lodgedOn: addDays(day, 1) } }, now)).toBe('DATE_IN_FUTURE');
    expect(refusalOf(state, { type: 'confirmDecisionFinal', payload: { partyId: kommun } }, now)).toBe('APPEAL_WINDOW_OPEN');
  });

  it('when an appeal dated the last day to appeal comes at 00:30 that day, then it is in time; at 00:30 the day after, it is too late, and the decision is final', () => {
    // Three weeks end on Christmas eve 2027; the last day to appeal is Monday 27 December.
    const { state, kommun, lastDay } = postedToEndOn('2027-12-24', at('2027-12-20', '12:00'));
    expect(lastDay).toBe('2027-12-27');
    const onLastDay = at(lastDay, '00:30');
    const appealed = decide(state, { type: 'recordAppeal', payload: { partyId: kommun, lodgedOn: lastDay } }, onLastDay);
    expect(appealed.ok && appealed.state.decisions[0]).toMatchObject({ appealed: true, final: false });

    const dayAfter = at(addDays(lastDay, 1), '00:30');
    expect(refusalOf(state, { type: 'recordAppeal', payload: { partyId: kommun, lodgedOn: addDays(lastDay, 1) } }, dayAfter)).toBe('APPEAL_TOO_LATE');
    const confirmed = decide(state, { type: 'confirmDecisionFinal', payload: { partyId: kommun } }, dayAfter);
    expect(confirmed.ok && confirmed.state.decisions[0]).toMatchObject({ final: true });
  });

  it('when a run begun before the correction is at 00:30 in Sweden, then it keeps UTC’s day, as it did', () => {
    const { state, kommun, lastDay } = postedToEndOn('2027-12-24', at('2027-12-20', '12:00'));
    const old = { ...at(lastDay, '00:30'), rules: calendarLawRules };
    expect(decide(state, { type: 'recordAppeal', payload: { partyId: kommun, lodgedOn: lastDay } }, old)).toMatchObject({ ok: false, refusal: { code: 'DATE_IN_FUTURE' } });
  });
});
