import { partnershipWorkflowId } from '../../workflows/messages';
import { PartnershipDriver } from '../support/lifecycle';
import { api, eventually, startSystem, type TestSystem } from '../support/system';
import { stockholmDay } from '../support/swedish-days';

const coordinator = 'anna.andersson@example.se';

// Endings that people hear of: each way a partnership ends tells every party's contacts and the
// coordinator once, and an appeal tells the coordinator. Read from the record of every e-mail and
// from what the SMTP server received.
describe('endings and appeals, as the parties hear of them', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system.stop());

  /** Every party gets a contact of its own; returns the party ids and their contacts' addresses. */
  async function withContacts(driver: PartnershipDriver, parties: string[]): Promise<string[]> {
    const state = await driver.state();
    const addresses: string[] = [];
    for (const [i, partyId] of parties.entries()) {
      const organisationId = state.parties.find((p: any) => p.partyId === partyId).organisationId;
      const email = `part${i}.${driver.id.slice(0, 8)}@example.org`;
      const contact = await api(system, 'POST', `/api/v1/organisations/${organisationId}/contacts`, { key: system.adminKey, body: { name: `Kontakt ${i}`, email, language: i === 2 ? 'en' : 'sv' } });
      await driver.step('assign-contacts', { partyId, contactIds: [contact.body.id] });
      addresses.push(email);
    }
    return addresses;
  }

  async function sentOf(driver: PartnershipDriver, kind: string, expected: number) {
    return eventually(async () => {
      const rows = await system.db.outboundEmail.findMany({ where: { partnershipId: driver.id, kind } });
      return rows.length >= expected && rows.every((r) => r.status === 'SENT') ? rows.map((r) => r.recipient).sort() : undefined;
    });
  }

  const inFormulation = async () => {
    const driver = await PartnershipDriver.register(system);
    const parties = await driver.initiate();
    return { driver, parties, contacts: await withContacts(driver, parties) };
  };

  it('when a case is withdrawn before the agreement takes effect, then every party’s contact and the coordinator are told once', async () => {
    const { driver, contacts } = await inFormulation();
    await driver.step('withdraw', { reason: 'Kommunen valde ett föreningsbidrag i stället.' });

    expect(await sentOf(driver, 'WITHDRAWN', 4)).toEqual([...contacts, coordinator].sort());
    const subjects = system.smtp.messages.filter((m) => m.subject?.includes('återkallat') || m.subject?.includes('withdrawn')).filter((m) => JSON.stringify(m.to).includes(driver.id.slice(0, 8)));
    expect(subjects.map((m) => m.subject).sort()).toEqual(['The case is withdrawn: Språkvänner i Borås', 'Ärendet är återkallat: Språkvänner i Borås', 'Ärendet är återkallat: Språkvänner i Borås']);
  });

  it('when a case is closed in INITIATION, then the coordinator is told once', async () => {
    const driver = await PartnershipDriver.register(system);
    await driver.step('close', { reason: 'Ett föreningsbidrag passar bättre.', betterForm: 'OPERATING_GRANT' });
    expect(await sentOf(driver, 'CLOSED', 1)).toEqual([coordinator]);
  });

  it('when the agreement is terminated, then everyone is told once, with the clause; a retried request sends nothing more', async () => {
    const driver = await PartnershipDriver.register(system);
    const parties = await driver.implement();
    const contacts = await withContacts(driver, parties);
    const key = { 'Idempotency-Key': crypto.randomUUID() };
    const body = { reason: 'Föreningen har upplösts.', agreementClause: '§ 14 Hävning' };
    expect((await driver.attempt('terminate', body, key)).status).toBe(200);
    expect((await driver.attempt('terminate', body, key)).status).toBe(200);

    expect(await sentOf(driver, 'TERMINATED', 4)).toEqual([...contacts, coordinator].sort());
    const mail = system.smtp.messages.find((m) => JSON.stringify(m.to).includes(contacts[0]!) && m.subject?.startsWith('Överenskommelsen är hävd'));
    expect(mail?.text).toContain('med stöd av § 14 Hävning');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await system.db.outboundEmail.count({ where: { partnershipId: driver.id, kind: 'TERMINATED' } })).toBe(4);
  });

  it('when a terminated partnership has no final accounts yet, then it waits for them on the work list; once recorded, it is finished', async () => {
    const driver = await PartnershipDriver.register(system);
    await driver.implement();
    await driver.step('terminate', { reason: 'Föreningen har upplösts.', agreementClause: '§ 14 Hävning' });
    const handle = system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const tasks = async () => (await api(system, 'GET', `/api/v1/tasks?partnershipId=${driver.id}`, { key: system.adminKey })).body.tasks.map((t: any) => t.kind);
    expect(await tasks()).toEqual(['FINAL_ACCOUNTS']);
    const bad = await driver.attempt('record-final-accounts', { surplus: { handling: 'REPAID', amountSek: -5 } });
    expect(bad.status).toBe(400);

    const accounted = await driver.step('record-final-accounts', { surplus: { handling: 'REPAID', amountSek: 5000, note: 'Återbetalt till kommunen.' } });
    expect(accounted).toMatchObject({ phase: 'TERMINATED', ending: { kind: 'TERMINATED', surplus: { handling: 'REPAID', amountSek: 5000, note: 'Återbetalt till kommunen.' } } });
    await handle.result();
    expect(await tasks()).toEqual([]);
    expect((await driver.attempt('record-final-accounts', { surplus: { handling: 'NONE' } })).body).toMatchObject({ status: 409, reason: 'PARTNERSHIP_FINISHED' });
  });

  it('when the parties decide in renegotiation to end, then everyone is told once', async () => {
    const driver = await PartnershipDriver.register(system);
    const parties = await driver.implement();
    const contacts = await withContacts(driver, parties);
    await driver.evaluateAndRenegotiate();
    await driver.step('record-renegotiation-outcome', { outcome: 'END', consents: [], note: 'Målen är nådda.', surplus: { handling: 'REINVESTED', amountSek: 12000, note: 'Till nästa projekt.' } });

    expect(await sentOf(driver, 'ENDED_BY_AGREEMENT', 4)).toEqual([...contacts, coordinator].sort());
  });

  it('when a public decision is appealed, then the coordinator alone is told, naming the party', async () => {
    const driver = await PartnershipDriver.register(system);
    const [kommun] = await driver.implement();
    await driver.step('record-appeal', { partyId: kommun, lodgedOn: stockholmDay(Date.now()) });

    expect(await sentOf(driver, 'APPEAL_LODGED', 1)).toEqual([coordinator]);
    const mail = system.smtp.messages.find((m) => m.subject === 'Beslut överklagat: Språkvänner i Borås');
    expect(mail?.text).toContain('Beslutet från Organisation PUBLIC');
  });
});
