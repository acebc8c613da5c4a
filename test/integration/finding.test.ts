import { addDays, addYears } from '../../domain/dates';
import { PartnershipDriver, registerOrganisation, today } from '../support/lifecycle';
import { api, examplePartnership, startSystem, type TestSystem } from '../support/system';

// Finding partnerships over HTTP, as an integrator that created none of them would. Every query
// names this run's own token, so partnerships of other test files never enter the answer.
describe('finding partnerships', () => {
  let system: TestSystem;
  const token = `Sökord${crypto.randomUUID().slice(0, 8)}`;
  const ids: Record<string, string> = {};
  let organisation: string;

  const list = async (query: string, key = system.adminKey) => api(system, 'GET', `/api/v1/partnerships?q=${token}&${query}`, { key });
  const found = async (query: string, key = system.adminKey) => {
    const response = await list(query, key);
    expect(response.status).toBe(200);
    return (response.body.partnerships as { id: string }[]).map((p) => p.id).sort();
  };

  beforeAll(async () => {
    system = await startSystem({ rateLimitPerMinute: 1_000 });
    const register = async (title: string, extra: object = {}) =>
      PartnershipDriver.register(system, system.adminKey, { ...examplePartnership, title: `${title} ${token}`, ...extra });
    const initiation = await register('Läxhjälp i Norrby', { challenge: 'Unga som behöver stöd med 100% av läxorna.' });
    ids.initiation = initiation.id;
    const implementing = await register('Språkvänner i Hässleholmen', { caseNumber: `KS ${token}/1` });
    const parties = await implementing.implement();
    organisation = (await implementing.state()).parties.find((p: any) => p.partyId === parties[2]).organisationId;
    await implementing.step('record-external-reference', { system: 'Föreningens diarium', partyId: parties[2], reference: `F-${token}` });
    ids.implementing = implementing.id;
    const withPrivate = await register('Arbetsträning med näringslivet');
    await withPrivate.step('add-party', { organisationId: await registerOrganisation(system, 'PRIVATE'), kind: 'PRIVATE' });
    ids.withPrivate = withPrivate.id;
  }, 120_000);
  afterAll(() => system.stop());

  it('when each filter is asked, then it finds exactly the partnerships that meet it', async () => {
    expect(await found('')).toEqual([ids.initiation, ids.implementing, ids.withPrivate].sort());
    expect(await found('phase=IMPLEMENTATION')).toEqual([ids.implementing]);
    expect(await found('phase=INITIATION')).toEqual([ids.initiation, ids.withPrivate].sort());
    expect(await found(`organisationId=${organisation}`)).toEqual([ids.implementing]);
    expect(await found('partyKind=PRIVATE')).toEqual([ids.withPrivate]);
    const lastDay = addDays(addYears(today(), 5), -1);
    expect(await found(`termEndsBefore=${addDays(lastDay, 1)}`)).toEqual([ids.implementing]);
    expect(await found(`termEndsBefore=${lastDay}`)).toEqual([]);
    expect(await found(`termEndsAfter=${addDays(lastDay, -1)}`)).toEqual([ids.implementing]);
    expect(await found(`nextDeadlineBefore=${addDays(today(), 60)}`)).toEqual([ids.implementing]);
    expect(await found(`reference=F-${token}`)).toEqual([ids.implementing]);
    expect(await found(`reference=${encodeURIComponent(`KS ${token}/1`)}`)).toEqual([ids.implementing]);
    expect(await found(`reference=F-${token}&system=${encodeURIComponent('Annat system')}`)).toEqual([]);
    // Words in the challenge; `%` and `_` stand for themselves, not for any text.
    const search = async (q: string) => (await api(system, 'GET', `/api/v1/partnerships?q=${encodeURIComponent(q)}&limit=200`, { key: system.adminKey })).body.partnerships.map((p: any) => p.id);
    expect(await search('100% av läxorna')).toContain(ids.initiation);
    expect(await search('%')).toContain(ids.initiation);
    expect(await search('%')).not.toContain(ids.implementing);
    expect(await search('_')).not.toContain(ids.implementing);
    const listed = (await list('phase=IMPLEMENTATION')).body.partnerships[0];
    expect(listed).toMatchObject({ id: ids.implementing, phase: 'IMPLEMENTATION', term: 1, termEndDate: lastDay, caseNumber: `KS ${token}/1` });
    expect(listed.nextDeadlineOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("when a representative filters by another party's case number, then it finds nothing, as its view of the partnership hides that number; by its own or the partnership's, then it finds it", async () => {
    const state = (await api(system, 'GET', `/api/v1/partnerships/${ids.implementing}`, { key: system.adminKey })).body;
    const kommun = state.parties.find((p: any) => p.kind === 'PUBLIC').partyId;
    const recorded = await api(system, 'POST', `/api/v1/partnerships/${ids.implementing}/actions/record-external-reference`, {
      key: system.adminKey,
      body: { system: 'Public 360° Hässleholm', partyId: kommun, reference: `KS-${token}-77` },
    });
    expect(recorded.status).toBe(200);
    const representative = (await system.newKey('ORGANISATION_REPRESENTATIVE', organisation)).key;
    const seen = (await api(system, 'GET', `/api/v1/partnerships/${ids.implementing}`, { key: representative })).body;
    expect(seen.externalReferences.map((r: any) => r.reference)).not.toContain(`KS-${token}-77`);

    expect(await found(`reference=KS-${token}-77`)).toEqual([ids.implementing]);
    expect(await found(`reference=KS-${token}-77`, representative)).toEqual([]);
    expect(await found(`reference=KS-${token}-77&system=${encodeURIComponent('Public 360° Hässleholm')}`, representative)).toEqual([]);
    expect(await found(`reference=F-${token}`, representative)).toEqual([ids.implementing]);
    expect(await found(`reference=${encodeURIComponent(`KS ${token}/1`)}`, representative)).toEqual([ids.implementing]);
  });

  it('when pages are followed by their next link, then every partnership comes once, in the order asked', async () => {
    const titles: string[] = [];
    let next: string | null = `/api/v1/partnerships?q=${token}&sort=-title&limit=1`;
    while (next) {
      const response = await api(system, 'GET', next, { key: system.adminKey });
      expect(response.status).toBe(200);
      if (response.body.next) expect(response.headers.get('link')).toBe(`<${response.body.next}>; rel="next"`);
      titles.push(...response.body.partnerships.map((p: any) => p.title));
      next = response.body.next;
    }
    expect(titles).toHaveLength(3);
    expect(titles).toEqual([...titles].sort().reverse());
    const byEnd = (await list('sort=termEndDate')).body.partnerships.map((p: any) => p.id);
    expect(byEnd[0]).toBe(ids.implementing);
  });

  it('when a cursor is forged or belongs to another sort, then the answer is 400 naming it', async () => {
    for (const cursor of ['bm90LWEtY3Vyc29y', Buffer.from(JSON.stringify(['title', 'x', crypto.randomUUID()])).toString('base64url')]) {
      const response = await list(`cursor=${cursor}`);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('cursor');
    }
  });

  it("when a representative lists, then it finds only its organisation's partnerships, and only its own party's case numbers", async () => {
    const representative = (await system.newKey('ORGANISATION_REPRESENTATIVE', organisation)).key;
    expect(await found('', representative)).toEqual([ids.implementing]);
    const seen = (await list('', representative)).body.partnerships[0];
    expect(seen.externalReferences.map((r: any) => r.reference)).toEqual([`F-${token}`]);
    const stranger = (await system.newKey('ORGANISATION_REPRESENTATIVE', await registerOrganisation(system, 'IDEBUREN'))).key;
    expect(await found('', stranger)).toEqual([]);
  });
});
