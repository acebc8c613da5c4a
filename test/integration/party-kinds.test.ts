import { randomUUID } from 'node:crypto';
import { addDays } from '../../domain/dates';
import { PartnershipDriver, registerOrganisation, runningPartnershipBody, today } from '../support/lifecycle';
import { api, startSystem, type TestSystem } from '../support/system';

// The IOP guards count the parties' kinds ("at least one public and one idéburen party"): a party's
// kind is its organisation's registered kind, whatever the caller says.
describe("a party is of its organisation's registered kind", () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system.stop());

  it('when a public organisation is added as idéburen, then the step is refused with PARTY_KIND_MISMATCH, nothing changes, and two public bodies do not pass initiation', async () => {
    const driver = await PartnershipDriver.register(system);
    await driver.step('add-party', { organisationId: await registerOrganisation(system, 'PUBLIC', 'Kommunen'), kind: 'PUBLIC' });
    const before = await driver.state();

    const boras = await registerOrganisation(system, 'PUBLIC', 'Borås Stad');
    const disguised = await driver.attempt('add-party', { organisationId: boras, kind: 'IDEBUREN' });
    expect(disguised.status).toBe(409);
    expect(disguised.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(disguised.body).toMatchObject({ type: '/problems/step-refused', reason: 'PARTY_KIND_MISMATCH' });
    expect(disguised.body.detail).toContain('registered as PUBLIC');
    expect(await driver.state()).toEqual(before);

    await driver.step('add-party', { organisationId: boras, kind: 'PUBLIC' });
    await driver.step('choose-cooperation-form', { form: 'IOP', rationale: 'Ett gemensamt åtagande.' });
    expect((await driver.attempt('complete-initiation')).body).toMatchObject({ status: 409, reason: 'PARTIES_MISSING' });
  });

  it('when a party is added without its kind, then it takes its organisation’s registered kind', async () => {
    const driver = await PartnershipDriver.register(system);
    const forening = await registerOrganisation(system, 'IDEBUREN', 'Språkföreningen');
    const added = await driver.step('add-party', { organisationId: forening });
    expect(added.parties).toEqual([expect.objectContaining({ organisationId: forening, kind: 'IDEBUREN' })]);
  });

  it('when a running partnership is brought in with a public organisation named idéburen, then it is refused with PARTY_KIND_MISMATCH and nothing is stored; without kinds, each party takes its registered one', async () => {
    const kommun = await registerOrganisation(system, 'PUBLIC', 'Kommunen');
    const boras = await registerOrganisation(system, 'PUBLIC', 'Borås Stad');
    const forening = await registerOrganisation(system, 'IDEBUREN', 'Språkföreningen');
    const running = (parties: { organisationId: string; kind?: string }[]) =>
      runningPartnershipBody(
        today(),
        (start) => ({
          parties,
          decisions: parties.map(({ organisationId }) => ({ organisationId, decidingBody: 'Styrelsen', decidingBodyKind: 'STYRELSE', meetingDate: addDays(start, -40), postingDate: addDays(start, -35) })),
        }),
        `Import ${randomUUID()}`,
      );

    const disguised = running([
      { organisationId: kommun, kind: 'PUBLIC' },
      { organisationId: boras, kind: 'IDEBUREN' },
    ]);
    const refused = await api(system, 'POST', '/api/v1/partnership-imports', { key: system.adminKey, body: disguised });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ type: '/problems/step-refused', reason: 'PARTY_KIND_MISMATCH' });
    expect(refused.body.detail).toContain('partnership.parties.1');
    expect(await system.db.partnership.count({ where: { title: disguised.title } })).toBe(0);

    const unnamed = running([{ organisationId: kommun }, { organisationId: forening }]);
    const imported = await api(system, 'POST', '/api/v1/partnership-imports', { key: system.adminKey, body: unnamed });
    expect(imported.status).toBe(201);
    expect(imported.body.parties.map((p: any) => [p.organisationId, p.kind])).toEqual([
      [kommun, 'PUBLIC'],
      [forening, 'IDEBUREN'],
    ]);
  });
});
