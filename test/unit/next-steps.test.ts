import { decide, type Step, type StepContext } from '../../domain/decide';
import { nextSteps, type NextStepCaller } from '../../domain/next-steps';
import { agreementHeadings, initialState, type PartnershipState } from '../../domain/state';

let ids = 0;
const ctx = (): StepContext => ({ now: Date.parse('2026-06-01T09:00:00Z'), newId: () => `id-${++ids}`, actorKeyId: 'key-1' });

function apply(state: PartnershipState, ...list: Step[]): PartnershipState {
  for (const step of list) {
    const outcome = decide(state, step, ctx());
    if (!outcome.ok) throw new Error(`${step.type} refused: ${outcome.refusal.code}`);
    state = outcome.state;
  }
  return state;
}

const municipality = '00000000-0000-4000-8000-000000000001';
const association = '00000000-0000-4000-8000-000000000003';
const officer: NextStepCaller = { role: 'CASE_OFFICER', ownPartyIds: new Set() };
const reviewer: NextStepCaller = { role: 'LEGAL_REVIEWER', ownPartyIds: new Set() };

const next = (state: PartnershipState, caller: NextStepCaller) => new Map(nextSteps(state, caller, ctx()).map((s) => [s.type, s]));
const refusalCode = (state: PartnershipState, caller: NextStepCaller, type: Step['type']) => next(state, caller).get(type)?.refusal?.code ?? null;

function withParties(): PartnershipState {
  return apply(
    initialState('p-1'),
    { type: 'addParty', payload: { organisationId: municipality, kind: 'PUBLIC' } },
    { type: 'addParty', payload: { organisationId: association, kind: 'IDEBUREN' } },
  );
}

describe('what can happen next', () => {
  it('when a new case lacks its challenge, then completing initiation is listed as waiting on CHALLENGE_NOT_DESCRIBED, as the workflow would refuse it', () => {
    const state = initialState('p-1');
    expect(refusalCode(state, officer, 'completeInitiation')).toBe('CHALLENGE_NOT_DESCRIBED');
    const outcome = decide(state, { type: 'completeInitiation', payload: {} }, ctx());
    expect(outcome.ok ? null : outcome.refusal.code).toBe('CHALLENGE_NOT_DESCRIBED');
  });

  it('when each condition of initiation is met in turn, then the reason moves on and ends in a step that may be taken', () => {
    let state = apply(initialState('p-1'), { type: 'describeChallenge', payload: { challenge: 'Ensamhet bland äldre' } });
    expect(refusalCode(state, officer, 'completeInitiation')).toBe('PARTIES_MISSING');
    state = apply(state, { type: 'addParty', payload: { organisationId: municipality, kind: 'PUBLIC' } }, { type: 'addParty', payload: { organisationId: association, kind: 'IDEBUREN' } });
    expect(refusalCode(state, officer, 'completeInitiation')).toBe('FORM_NOT_IOP');
    state = apply(state, { type: 'chooseCooperationForm', payload: { form: 'IOP', rationale: 'Gemensamt ansvar' } });
    const step = next(state, officer).get('completeInitiation');
    expect(step).toEqual({ type: 'completeInitiation', action: 'complete-initiation', refusal: null });
  });

  it('when a step belongs to another phase or the role has no right to it, then it is not listed', () => {
    const state = withParties();
    const officerSteps = next(state, officer);
    expect(officerSteps.has('submitForLegalReview')).toBe(false);
    expect(officerSteps.has('addParty')).toBe(true);
    expect([...next(state, reviewer).keys()]).toEqual([]);
  });

  it('when a representative reads, then only the steps for its own party are listed, and none when its organisation is no party', () => {
    const state = withParties();
    const association_party = state.parties.find((p) => p.organisationId === association)!.partyId;
    const representative: NextStepCaller = { role: 'ORGANISATION_REPRESENTATIVE', ownPartyIds: new Set([association_party]) };
    expect([...next(state, representative).keys()].sort()).toEqual(['addLearningGoal', 'assignContacts', 'recordContribution', 'recordExternalReference']);
    expect([...next(state, { role: 'ORGANISATION_REPRESENTATIVE', ownPartyIds: new Set() }).keys()]).toEqual([]);
  });

  it('when the draft lacks a heading, then submitting it waits on DRAFT_INCOMPLETE; with every heading, it may be taken', () => {
    let state = apply(
      withParties(),
      { type: 'describeChallenge', payload: { challenge: 'Ensamhet bland äldre' } },
      { type: 'chooseCooperationForm', payload: { form: 'IOP', rationale: 'Gemensamt ansvar' } },
      { type: 'completeInitiation', payload: {} },
    );
    expect(refusalCode(state, officer, 'submitForLegalReview')).toBe('NO_DRAFT');
    state = apply(state, { type: 'saveAgreementDraft', payload: { sections: { [agreementHeadings[0]]: 'Text' } } });
    expect(refusalCode(state, officer, 'submitForLegalReview')).toBe('DRAFT_INCOMPLETE');
    state = apply(state, { type: 'saveAgreementDraft', payload: { sections: Object.fromEntries(agreementHeadings.map((h) => [h, `Text under ${h}`])) } });
    expect(next(state, officer).get('submitForLegalReview')?.refusal).toBeNull();
    state = apply(state, { type: 'submitForLegalReview', payload: {} });
    expect(state.phase).toBe('LEGAL_REVIEW');
    expect([...next(state, reviewer).keys()].sort()).toEqual(['concludeLegalReview', 'recordLegalReviewItem']);
  });

  it('when the system takes a step (a term running out) or it only begins a case (an import), then it is never offered', () => {
    const admin: NextStepCaller = { role: 'ADMINISTRATOR', ownPartyIds: new Set() };
    const offered = next(initialState('p-1'), admin);
    expect(offered.has('importRunningPartnership')).toBe(false);
    expect(offered.has('expireTerm')).toBe(false);
  });
});
