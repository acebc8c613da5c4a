import { upcomingDeadlines } from '../../domain/deadlines';
import { openTasks } from '../../domain/tasks';
import { effectiveTiming } from '../../domain/timing';
import { initialState, type PartnershipState } from '../../domain/state';

const base = (overrides: Partial<PartnershipState>): PartnershipState => ({ ...initialState('p-1'), ...overrides });
const party = (partyId: string, kind: 'PUBLIC' | 'IDEBUREN', contactIds = [`${partyId}-contact`]) => ({ partyId, organisationId: partyId, kind, joinedInTerm: 1, joinedOn: null, contactIds, contributions: [], leftOn: null, leaveReason: null });

describe('the work list', () => {
  it('when a case is initiated or formulated, then a case officer has it on the list', () => {
    expect(openTasks(base({}))).toEqual([{ key: 'initiation:1', kind: 'COMPLETE_INITIATION', partyId: null, waitsOnRole: 'CASE_OFFICER', dueOn: null }]);
    expect(openTasks(base({ phase: 'FORMULATION', phaseEnteredOn: '2026-01-10' }))).toEqual([
      { key: 'formulation:1:0', kind: 'SUBMIT_AGREEMENT', partyId: null, waitsOnRole: 'CASE_OFFICER', dueOn: null },
    ]);
  });

  it('when the draft is under legal review, then one task waits on a legal reviewer, due the day it would be escalated', () => {
    const state = base({ phase: 'LEGAL_REVIEW', phaseEnteredOn: '2026-01-10', legalReviews: [{ round: 1, agreementVersion: 1, answers: [], conclusion: null, note: null }] });
    expect(openTasks(state)).toEqual([{ key: 'legal-review:1:1', kind: 'LEGAL_REVIEW', partyId: null, waitsOnRole: 'LEGAL_REVIEWER', dueOn: '2026-02-07' }]);
  });

  it('when a partnership has its own timing, then every task falls due on the day of its deadline', () => {
    const timingOverrides = { escalateAfterDays: 40, remindAfterDays: 10, termEndReminderDaysBefore: 60, followUp: { denseMonths: 0, denseEveryMonths: 1, thenEveryMonths: 2, remindDaysBefore: 7 } };
    const timing = effectiveTiming(timingOverrides);
    const deadline = (state: PartnershipState, kind: string, today: string) => upcomingDeadlines(state, timing, today).find((d) => d.kind === kind)?.dueOn;
    const task = (state: PartnershipState, kind: string) => openTasks(state).find((t) => t.kind === kind)?.dueOn;

    const review = base({ timingOverrides, phase: 'LEGAL_REVIEW', phaseEnteredOn: '2026-01-10', legalReviews: [{ round: 1, agreementVersion: 1, answers: [], conclusion: null, note: null }] });
    expect(task(review, 'LEGAL_REVIEW')).toBe(deadline(review, 'REVIEW_ESCALATION', '2026-01-10'));
    const deciding = base({ timingOverrides, phase: 'DECISION', phaseEnteredOn: '2026-02-01', submittedVersion: 1, parties: [party('kommun', 'PUBLIC')] });
    expect(task(deciding, 'PARTY_DECISION')).toBe(deadline(deciding, 'DECISION_ESCALATION', '2026-02-01'));
    const terms = [{ term: 1, startDate: '2026-04-01', endDate: '2028-03-31' }];
    const implementing = base({ timingOverrides, phase: 'IMPLEMENTATION', phaseEnteredOn: '2026-04-01', terms, followUps: [{ followUpId: 'f1', term: 1, date: '2026-06-03', participantPartyIds: [], summary: '', keyFigures: [] }] });
    expect(task(implementing, 'FOLLOW_UP')).toBe(deadline(implementing, 'FOLLOW_UP_MEETING', '2026-06-04'));
    const renegotiating = base({ timingOverrides, phase: 'RENEGOTIATION', phaseEnteredOn: '2027-10-01', terms });
    expect(task(renegotiating, 'RENEGOTIATION')).toBe(deadline(renegotiating, 'TERM_END_REMINDER', '2027-10-01'));
    expect(task(renegotiating, 'RENEGOTIATION')).toBe('2028-01-31');
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
      ['PARTY_DECISION', 'forening', '2026-03-01'],
      ['DECISION_FINALITY', 'kommun', '2026-03-26'],
    ]);
  });

  it('when a case is implemented, then the next follow-up is due on the next meeting after the last one', () => {
    const state = base({
      phase: 'IMPLEMENTATION',
      phaseEnteredOn: '2026-04-01',
      implementation: { startDate: '2026-04-01', beforeFinal: null },
      terms: [{ term: 1, startDate: '2026-04-01', endDate: '2031-03-31' }],
      followUps: [{ followUpId: 'f1', term: 1, date: '2026-05-02', participantPartyIds: [], summary: '', keyFigures: [] }],
    });
    expect(openTasks(state)).toEqual([{ key: 'follow-up:1:2', kind: 'FOLLOW_UP', partyId: null, waitsOnRole: 'CASE_OFFICER', dueOn: '2026-06-01' }]);
  });

  it('when a party has no contact person, then it is on the list until one is named, while the partnership is open and the party in it', () => {
    const parties = [party('kommun', 'PUBLIC'), party('forening', 'IDEBUREN', []), { ...party('region', 'PUBLIC', []), leftOn: '2026-01-05' }];
    expect(openTasks(base({ parties })).filter((t) => t.kind === 'CONTACTS_MISSING')).toEqual([
      { key: 'contacts:forening', kind: 'CONTACTS_MISSING', partyId: 'forening', waitsOnRole: null, dueOn: null },
    ]);
    expect(openTasks(base({ parties, phase: 'CLOSED' })).filter((t) => t.kind === 'CONTACTS_MISSING')).toEqual([]);
  });
});
