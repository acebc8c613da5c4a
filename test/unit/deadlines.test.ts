import { followUpMeetings, upcomingDeadlines } from '../../domain/deadlines';
import { addMonths } from '../../domain/dates';
import { calendarLawRules, currentRules, firstRules } from '../../domain/rules';
import { initialState, type PartnershipState } from '../../domain/state';
import { defaultTiming, effectiveTiming, noticeInstant, timingOverridesSchema, timingSchema, type TimingOverrides } from '../../domain/timing';

const base = (overrides: Partial<PartnershipState>): PartnershipState => ({ ...initialState('p-1'), ...overrides });
const party = (partyId: string, kind: 'PUBLIC' | 'IDEBUREN') => ({ partyId, organisationId: partyId, kind, joinedInTerm: 1, joinedOn: null, contactIds: [], contributions: [], leftOn: null, leaveReason: null });
const implementing = base({
  phase: 'IMPLEMENTATION',
  phaseEnteredOn: '2026-04-01',
  implementation: { startDate: '2026-04-01', beforeFinal: null },
  terms: [{ term: 1, startDate: '2026-04-01', endDate: '2031-04-01' }],
});

describe('the deadlines of a partnership', () => {
  it('when the defaults are read, then they satisfy their own schema', () => {
    expect(timingSchema.parse(defaultTiming)).toEqual(defaultTiming);
  });

  it('when months are added across month ends, then the day is clamped to the last of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2031-04-01', -12)).toBe('2030-04-01');
  });

  it('when a five-year term starts, then follow-ups are monthly for six months and quarterly after, until the end', () => {
    const meetings = followUpMeetings('2026-04-01', '2031-04-01', defaultTiming);
    expect(meetings.slice(0, 8)).toEqual(['2026-05-01', '2026-06-01', '2026-07-01', '2026-08-01', '2026-09-01', '2026-10-01', '2027-01-01', '2027-04-01']);
    expect(meetings.at(-1)).toBe('2031-01-01');
    expect(meetings).toHaveLength(6 + 17);
  });

  it('when a term is implemented, then the evaluations, the three renegotiation notices and the term end are scheduled', () => {
    const deadlines = upcomingDeadlines(implementing, defaultTiming, '2026-04-01');
    const of = (kind: string) => deadlines.filter((d) => d.kind === kind).map((d) => d.dueOn);

    expect(of('EVALUATION_DUE')).toEqual(['2027-04-01', '2028-04-01', '2029-04-01', '2030-01-01']);
    expect(of('RENEGOTIATION_NOTICE')).toEqual(['2030-04-01', '2030-10-01', '2031-01-01']);
    expect(of('TERM_END')).toEqual(['2031-04-01']);
    // The next nudge, and the one after it should the silence go on.
    expect(of('SILENCE_NUDGE')).toEqual(['2026-07-30', '2026-11-27']);
    expect(of('FOLLOW_UP_REMINDER')[0]).toBe('2026-04-24');
    expect(deadlines.map((d) => d.dueOn)).toEqual([...deadlines.map((d) => d.dueOn)].sort());
  });

  it('when a follow-up is recorded, then the silence nudge moves to count from it', () => {
    const state = { ...implementing, followUps: [{ followUpId: 'f', term: 1, date: '2026-06-02', participantPartyIds: [], summary: '', keyFigures: [] }] };
    expect(upcomingDeadlines(state, defaultTiming, '2026-06-02').filter((d) => d.kind === 'SILENCE_NUDGE')).toEqual([
      { key: 'silence-nudge:1:2026-06-02:1', kind: 'SILENCE_NUDGE', dueOn: '2026-09-30', partyId: null },
      { key: 'silence-nudge:1:2026-06-02:2', kind: 'SILENCE_NUDGE', dueOn: '2027-01-28', partyId: null },
    ]);
  });

  it('when a follow-up is recorded months late, then no nudge is planned in the past: the next comes after a further period of silence', () => {
    const state = { ...implementing, followUps: [{ followUpId: 'f', term: 1, date: '2026-06-15', participantPartyIds: [], summary: '', keyFigures: [] }] };
    const late = { ...state, followUps: [{ ...state.followUps[0]!, date: '2026-01-15' }], terms: [{ term: 1, startDate: '2025-12-01', endDate: '2030-11-30' }] };
    const nudges = upcomingDeadlines(late, defaultTiming, '2026-06-15').filter((d) => d.kind === 'SILENCE_NUDGE');
    expect(nudges.map((d) => [d.key, d.dueOn])).toEqual([
      ['silence-nudge:1:2026-01-15:2', '2026-09-12'],
      ['silence-nudge:1:2026-01-15:3', '2027-01-10'],
    ]);
    expect(upcomingDeadlines(late, defaultTiming, '2026-06-15').every((d) => d.dueOn >= '2026-06-15')).toBe(true);
  });

  it('when the term is in EVALUATION or RENEGOTIATION, then follow-up meetings and nudges go on until it ends; the first rules stopped them', () => {
    for (const phase of ['EVALUATION', 'RENEGOTIATION'] as const) {
      const kinds = upcomingDeadlines({ ...implementing, phase }, defaultTiming, '2030-01-02').map((d) => d.kind);
      expect(kinds).toEqual(expect.arrayContaining(['FOLLOW_UP_MEETING', 'FOLLOW_UP_REMINDER', 'SILENCE_NUDGE', 'RENEGOTIATION_NOTICE', 'TERM_END']));
      expect(kinds).not.toContain('EVALUATION_DUE');
      const before = upcomingDeadlines({ ...implementing, phase }, defaultTiming, '2030-01-02', firstRules).map((d) => d.kind);
      expect(before).not.toContain('FOLLOW_UP_MEETING');
      expect(before).not.toContain('SILENCE_NUDGE');
    }
  });

  it('when no new term is agreed, then the coordinator is reminded before the last day; when one is, then it starts on its first day instead', () => {
    const renegotiating = { ...implementing, phase: 'RENEGOTIATION' as const };
    expect(upcomingDeadlines(renegotiating, defaultTiming, '2031-01-02').filter((d) => d.kind.startsWith('TERM_END') || d.kind === 'NEW_TERM_START').map((d) => [d.kind, d.dueOn])).toEqual([
      ['TERM_END_REMINDER', '2031-03-02'],
      ['TERM_END', '2031-04-01'],
    ]);
    const agreed = {
      ...renegotiating,
      renegotiations: [{ term: 1, outcome: 'CONTINUE' as const, consents: [], note: '', nextTerm: { startDate: '2031-04-02', endDate: '2036-04-01', backTo: 'FORMULATION' as const } }],
    };
    expect(upcomingDeadlines(agreed, defaultTiming, '2031-01-02').filter((d) => d.kind.startsWith('TERM_END') || d.kind === 'NEW_TERM_START').map((d) => [d.kind, d.dueOn])).toEqual([
      ['TERM_END', '2031-04-01'],
      ['NEW_TERM_START', '2031-04-02'],
    ]);
  });

  it('when the term end is changed, then every notice moves with it', () => {
    const longer = { ...implementing, terms: [{ term: 1, startDate: '2026-04-01', endDate: '2032-04-01' }] };
    expect(upcomingDeadlines(longer, defaultTiming, '2026-04-01').filter((d) => d.kind === 'RENEGOTIATION_NOTICE').map((d) => d.dueOn)).toEqual([
      '2031-04-01',
      '2031-10-01',
      '2032-01-01',
    ]);
  });

  it('when a review waits, then a reminder comes after two weeks and an escalation after four', () => {
    const state = base({ phase: 'LEGAL_REVIEW', phaseEnteredOn: '2026-02-02', legalReviews: [{ round: 1, agreementVersion: 1, answers: [], conclusion: null, note: null }] });
    expect(upcomingDeadlines(state, defaultTiming, '2026-02-02').map((d) => [d.kind, d.dueOn])).toEqual([
      ['REVIEW_REMINDER', '2026-02-16'],
      ['REVIEW_ESCALATION', '2026-03-02'],
    ]);
  });

  it('when a public yes has been posted, then it becomes final the day after its last day to appeal, unless appealed', () => {
    const decision = {
      partyId: 'kommun', agreementVersion: 1, outcome: 'YES' as const, decidingBody: 'KS', decidingBodyKind: 'STYRELSE' as const, meetingDate: '2026-03-01',
      paragraph: null, minutesReference: null, approvalDate: null, postingDate: '2026-03-04', appealWindowEnds: '2026-03-25', appealed: false, final: false,
    };
    const state = base({ phase: 'DECISION', phaseEnteredOn: '2026-02-20', submittedVersion: 1, parties: [party('kommun', 'PUBLIC')], decisions: [decision] });
    expect(upcomingDeadlines(state, defaultTiming, '2026-03-05')).toEqual([{ key: 'decision-final:1:1:kommun', kind: 'DECISION_FINAL', dueOn: '2026-03-26', partyId: 'kommun' }]);
    expect(upcomingDeadlines({ ...state, decisions: [{ ...decision, appealed: true }] }, defaultTiming, '2026-03-05')).toEqual([]);
  });

  it('when a partnership overrides part of its timing, then the rest follows the defaults', () => {
    const timing = effectiveTiming({ followUp: { denseMonths: 0, denseEveryMonths: 1, thenEveryMonths: 6, remindDaysBefore: 14 } });
    expect(timing.remindAfterDays).toBe(defaultTiming.remindAfterDays);
    const reminders = upcomingDeadlines(implementing, timing, '2026-04-01').filter((d) => d.kind === 'FOLLOW_UP_REMINDER');
    expect(reminders.slice(0, 2).map((d) => [d.dueOn, d.eventOn])).toEqual([
      ['2026-09-17', '2026-10-01'],
      ['2027-03-18', '2027-04-01'],
    ]);
  });

  it('when an override names an unknown duration or a bad time of day, then it is rejected', () => {
    expect(timingOverridesSchema.safeParse({ remindAfterDayz: 3 }).success).toBe(false);
    expect(timingOverridesSchema.safeParse({ noticeTimeUtc: '25:00' }).success).toBe(false);
  });

  it("when a day's notices go out, then it is at 08:00 in Sweden in winter and in summer, or at the partnership's own time", () => {
    const at = (dueOn: string, overrides: TimingOverrides | undefined, rules = currentRules) => new Date(noticeInstant(dueOn, overrides, rules)).toISOString();
    expect(at('2027-01-04', undefined)).toBe('2027-01-04T07:00:00.000Z');
    expect(at('2027-07-05', undefined)).toBe('2027-07-05T06:00:00.000Z');
    expect(at('2027-07-05', { noticeTime: '06:30' })).toBe('2027-07-05T04:30:00.000Z');
    // Set as UTC before noticeTime existed: kept as it was set.
    expect(at('2027-07-05', { noticeTimeUtc: '05:45' })).toBe('2027-07-05T05:45:00.000Z');
    expect(at('2027-07-05', { noticeTimeUtc: '05:45', noticeTime: '09:00' })).toBe('2027-07-05T07:00:00.000Z');
    // A run begun before the correction keeps 07:00 UTC.
    expect(at('2027-07-05', undefined, calendarLawRules)).toBe('2027-07-05T07:00:00.000Z');
  });

  it('when a partnership is terminated, then nothing is pending', () => {
    expect(upcomingDeadlines({ ...implementing, phase: 'TERMINATED' }, defaultTiming, '2026-04-01')).toEqual([]);
  });
});
