import { openTasks } from '../../domain/tasks';
import { initialState, type PartnershipState } from '../../domain/state';

const base = (overrides: Partial<PartnershipState>): PartnershipState => ({ ...initialState('p-1'), ...overrides });
const party = (partyId: string, kind: 'PUBLIC' | 'IDEBUREN') => ({ partyId, organisationId: partyId, kind, joinedInTerm: 1, contactIds: [], contributions: [] });

describe('the work list', () => {
  it('when a case is being formulated, then nothing waits on anyone', () => {
    expect(openTasks(base({ phase: 'FORMULATION', phaseEnteredOn: '2026-01-10' }))).toEqual([]);
  });

  it('when the draft is under legal review, then one task waits on a legal reviewer, due 30 days after submission', () => {
    const state = base({ phase: 'LEGAL_REVIEW', phaseEnteredOn: '2026-01-10', legalReviews: [{ round: 1, agreementVersion: 1, answers: [], conclusion: null, note: null }] });
    expect(openTasks(state)).toEqual([{ key: 'legal-review:1:1', kind: 'LEGAL_REVIEW', partyId: null, waitsOnRole: 'LEGAL_REVIEWER', dueOn: '2026-02-09' }]);
  });

  it('when some parties have decided, then the others have a decision task and a public yes waits for its appeal window', () => {
    const state = base({
      phase: 'DECISION',
      phaseEnteredOn: '2026-02-01',
      submittedVersion: 1,
      parties: [party('kommun', 'PUBLIC'), party('forening', 'IDEBUREN')],
      decisions: [
        {
          partyId: 'kommun', agreementVersion: 1, outcome: 'YES', decidingBody: 'KS', decidingBodyKind: 'STYRELSE', meetingDate: '2026-03-01',
          paragraph: '§ 4', minutesReference: null, approvalDate: '2026-03-03', postingDate: '2026-03-04', appealWindowEnds: '2026-03-25', appealed: false, final: false,
        },
      ],
    });
    expect(openTasks(state).map((t) => [t.kind, t.partyId, t.dueOn])).toEqual([
      ['PARTY_DECISION', 'forening', '2026-04-02'],
      ['DECISION_FINALITY', 'kommun', '2026-03-26'],
    ]);
  });

  it('when a case is implemented, then the next follow-up is due a month after the last one', () => {
    const state = base({
      phase: 'IMPLEMENTATION',
      phaseEnteredOn: '2026-04-01',
      implementation: { startDate: '2026-04-01', beforeFinal: null },
      followUps: [{ followUpId: 'f1', term: 1, date: '2026-05-02', participantPartyIds: [], summary: '', keyFigures: [] }],
    });
    expect(openTasks(state)).toEqual([{ key: 'follow-up:1:2', kind: 'FOLLOW_UP', partyId: null, waitsOnRole: 'CASE_OFFICER', dueOn: '2026-06-01' }]);
  });
});
