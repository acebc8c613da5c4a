import { initialState, type Party, type PartnershipState } from '../../domain/state';
import { partnershipSearchAttributes, searchAttributesOf } from '../../workflows/search-attributes';

const valueOf = (state: PartnershipState, name: keyof typeof partnershipSearchAttributes, caseNumber: string | null = null, next: string | null = null) =>
  searchAttributesOf(state, caseNumber, next).find((a) => a.key === partnershipSearchAttributes[name])!.value;

const party = (organisationId: string, leftOn: string | null = null): Party => ({ partyId: `p-${organisationId}`, organisationId, kind: 'PUBLIC', joinedInTerm: 1, joinedOn: null, contactIds: [], contributions: [], leftOn, leaveReason: null });

describe('the search attributes of a partnership', () => {
  it('when nothing is known yet, then the phase is set and every other attribute is removed rather than left stale', () => {
    const state = initialState('p1');
    expect(valueOf(state, 'phase')).toBe('INITIATION');
    for (const name of ['organisations', 'caseNumbers', 'termEnd', 'nextDeadline'] as const) expect(valueOf(state, name)).toBeNull();
  });

  it('when a party has left, then it is not among the organisations, and a case number given twice is listed once', () => {
    const state: PartnershipState = {
      ...initialState('p1'),
      parties: [party('o1'), party('o2', '2026-10-01')],
      externalReferences: [{ system: 'Public 360°', partyId: null, reference: 'KS 2026/1' }],
    };
    expect(valueOf(state, 'organisations')).toEqual(['o1']);
    expect(valueOf(state, 'caseNumbers', 'KS 2026/1')).toEqual(['KS 2026/1']);
  });

  it('when days are given, then each is the instant the day begins in Sweden, in summer and in winter time', () => {
    const state: PartnershipState = { ...initialState('p1'), terms: [{ term: 1, startDate: '2026-07-01', endDate: '2031-06-30' }] };
    expect((valueOf(state, 'termEnd') as Date).toISOString()).toBe('2031-06-29T22:00:00.000Z');
    expect((valueOf(state, 'nextDeadline', null, '2026-12-24') as Date).toISOString()).toBe('2026-12-23T23:00:00.000Z');
  });

  it('when a partnership holds hundreds of references, one of them 250 kB long, then the list stays within what Temporal accepts', () => {
    const references = Array.from({ length: 300 }, (_, i) => ({ system: 'x', partyId: null, reference: `REF-${i}` }));
    references.unshift({ system: 'x', partyId: null, reference: 'Å'.repeat(250_000) });
    const caseNumbers = valueOf({ ...initialState('p1'), externalReferences: references }, 'caseNumbers', 'KS 1') as string[];
    expect(caseNumbers).toHaveLength(50);
    expect(caseNumbers[0]).toBe('KS 1');
    expect(caseNumbers.every((c) => c.length <= 200)).toBe(true);
    expect(JSON.stringify(caseNumbers).length).toBeLessThan(40_000);
  });
});
