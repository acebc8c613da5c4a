// A contact person's rights over their data (GDPR articles 16 and 17): correction replaces what is
// stored, erasure removes the person, and the partnership's audit trail, which names no one, stays whole.
import { PartnershipDriver, registerOrganisation } from '../support/lifecycle';
import { api, startSystem, type TestSystem } from '../support/system';

let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
});
afterAll(() => system.stop());

async function contactOf(organisationId: string, name = 'Karin Lund') {
  const added = await api(system, 'POST', `/api/v1/organisations/${organisationId}/contacts`, { key: system.adminKey, body: { name, email: 'karin.lund@forening.example' } });
  expect(added.status).toBe(201);
  return added.body.id as string;
}

describe("a contact person's rights", () => {
  it('when a contact person is corrected, then the stored name and address are the new ones, and an empty correction changes nothing', async () => {
    const organisation = await registerOrganisation(system, 'IDEBUREN');
    const contact = await contactOf(organisation);
    const corrected = await api(system, 'PATCH', `/api/v1/organisations/${organisation}/contacts/${contact}`, { key: system.adminKey, body: { name: 'Karin Lund-Berg', email: 'karin@forening.example' } });
    expect(corrected.status).toBe(200);
    expect(corrected.body).toMatchObject({ name: 'Karin Lund-Berg', email: 'karin@forening.example' });
    const listed = await api(system, 'GET', `/api/v1/organisations/${organisation}/contacts`, { key: system.adminKey });
    expect(listed.body.contacts.map((c: { email: string }) => c.email)).toEqual(['karin@forening.example']);

    const empty = await api(system, 'PATCH', `/api/v1/organisations/${organisation}/contacts/${contact}`, { key: system.adminKey, body: {} });
    expect(empty.status).toBe(200);
    expect((await system.db.contact.findUniqueOrThrow({ where: { id: contact } })).name).toBe('Karin Lund-Berg');
  });

  it('when a contact person assigned to a party is erased, then no trace of the person is left in the register, the audit trail is unchanged, and erasing again is the same', async () => {
    const driver = await PartnershipDriver.register(system);
    const organisation = await registerOrganisation(system, 'IDEBUREN');
    const state = await driver.step('add-party', { organisationId: organisation, kind: 'IDEBUREN' });
    const partyId = state.parties[0].partyId;
    const contact = await contactOf(organisation, 'Olle Raderas');
    await driver.step('assign-contacts', { partyId, contactIds: [contact] });
    const trailBefore = await system.db.auditEvent.findMany({ where: { partnershipId: driver.id }, orderBy: { id: 'asc' } });

    for (let time = 0; time < 2; time++) {
      const erased = await api(system, 'DELETE', `/api/v1/organisations/${organisation}/contacts/${contact}`, { key: system.adminKey });
      expect(erased.status).toBe(204);
    }
    expect(await system.db.contact.findUnique({ where: { id: contact } })).toBeNull();
    expect(JSON.stringify(await system.db.contact.findMany({ where: { organisationId: organisation } }))).not.toContain('Olle Raderas');
    expect(await system.db.auditEvent.findMany({ where: { partnershipId: driver.id }, orderBy: { id: 'asc' } })).toEqual(trailBefore);
    // The party's record still reads: the id names no one now.
    const read = await api(system, 'GET', `/api/v1/partnerships/${driver.id}`, { key: system.adminKey });
    expect(read.status).toBe(200);
  });

  it("when another organisation's representative tries to correct or erase a contact person, then it is told there is no such organisation and nothing changes", async () => {
    const organisation = await registerOrganisation(system, 'IDEBUREN');
    const stranger = await registerOrganisation(system, 'IDEBUREN');
    const contact = await contactOf(organisation);
    const key = (await system.newKey('ORGANISATION_REPRESENTATIVE', stranger)).key;
    expect((await api(system, 'PATCH', `/api/v1/organisations/${organisation}/contacts/${contact}`, { key, body: { name: 'Kapad' } })).status).toBe(404);
    expect((await api(system, 'DELETE', `/api/v1/organisations/${organisation}/contacts/${contact}`, { key })).status).toBe(404);
    expect((await system.db.contact.findUniqueOrThrow({ where: { id: contact } })).name).toBe('Karin Lund');
  });
});
