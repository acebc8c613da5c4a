import { addDays } from '../../domain/dates';
import { registerOrganisation } from '../support/lifecycle';
import { api } from '../support/system';
import { recordRunHistoryIfAsked } from '../support/record-history';
import { TimeSkippingSystem } from '../support/time-skipping';

// Parties that come and go (parter ansluter löpande, utträde) and disputes (tvist), over the API.
describe('parties that come and go', () => {
  let timers: TimeSkippingSystem;

  beforeAll(async () => {
    timers = await TimeSkippingSystem.start();
  });
  afterEach(() => timers.terminateLeftovers());
  afterAll(() => timers.stop());

  const tasksOf = async (id: string) => (await api(timers.system, 'GET', `/api/v1/tasks?partnershipId=${id}`, { key: timers.system.adminKey })).body.tasks as any[];

  it('when a party joins during the term, then it is dated, decides on the agreement in force, and may leave while the others go on as long as an IOP remains', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const { parties, start } = await timers.implementing(driver, 2);
      const [kommun, region, forening] = parties;
      await timers.sleepUntil(addDays(start, 40));
      const joinedOn = addDays(start, 38);

      const joined = await driver.step('add-party', { organisationId: await registerOrganisation(timers.system, 'IDEBUREN', 'Studieförbundet'), kind: 'IDEBUREN', joinedOn });
      const newcomer = joined.parties.at(-1);
      expect(newcomer).toMatchObject({ joinedOn, joinedInTerm: 1, leftOn: null });
      expect((await tasksOf(driver.id)).filter((t) => t.kind === 'PARTY_DECISION').map((t) => [t.partyId, t.dueOn])).toEqual([[newcomer.partyId, addDays(joinedOn, 28)]]);

      const wrongVersion = await driver.attempt('record-decision', { partyId: newcomer.partyId, agreementVersion: 2, outcome: 'YES', decidingBody: 'Styrelsen', decidingBodyKind: 'BOARD', meetingDate: joinedOn });
      expect(wrongVersion.body).toMatchObject({ status: 409, reason: 'WRONG_AGREEMENT_VERSION' });
      const decided = await driver.step('record-decision', { partyId: newcomer.partyId, agreementVersion: 1, outcome: 'YES', decidingBody: 'Styrelsen', decidingBodyKind: 'BOARD', meetingDate: joinedOn });
      expect(decided.phase).toBe('IMPLEMENTATION');
      expect(decided.decisions.find((d: any) => d.partyId === newcomer.partyId)).toMatchObject({ outcome: 'YES', final: true });
      expect((await tasksOf(driver.id)).filter((t) => t.kind === 'PARTY_DECISION')).toEqual([]);

      const future = await driver.attempt('record-departure', { partyId: region, leftOn: addDays(start, 41), reason: 'Regionen lämnar.' });
      expect(future.body).toMatchObject({ status: 409, reason: 'DATE_IN_FUTURE' });
      const left = await driver.step('record-departure', { partyId: newcomer.partyId, leftOn: addDays(start, 39), reason: 'Studieförbundet avvecklar verksamheten i kommunen (§ 9 utträde).' });
      expect(left.parties.find((p: any) => p.partyId === newcomer.partyId)).toMatchObject({ leftOn: addDays(start, 39), leaveReason: 'Studieförbundet avvecklar verksamheten i kommunen (§ 9 utträde).' });
      expect(left.phase).toBe('IMPLEMENTATION');
      // The rest agree among themselves: the party that left is not asked.
      await driver.step('agree-adjustment', { agreedOn: addDays(start, 40), description: 'Nya tider.', consentingPartyIds: [kommun, region, forening] });
      // Without the last idéburen party it would no longer be an IOP.
      const lastIdeburen = await driver.attempt('record-departure', { partyId: forening, leftOn: addDays(start, 40), reason: 'Föreningen lämnar.' });
      expect(lastIdeburen.body).toMatchObject({ status: 409, reason: 'PARTIES_MISSING' });
      const regionLeaves = await driver.step('record-departure', { partyId: region, leftOn: addDays(start, 40), reason: 'Regionen prioriterar om.' });
      expect(regionLeaves.parties.filter((p: any) => !p.leftOn).map((p: any) => p.partyId)).toEqual([kommun, forening]);
      await recordRunHistoryIfAsked(timers.env.client, driver.id, (await timers.handle(driver).describe()).runId, 'parties-join-decide-and-leave');
    });
  }, 180_000);

  it('when the last idéburen party that said yes would leave while the only other idéburen party said no, then the departure is refused with PARTIES_MISSING, and the one that said no may leave', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const { parties, start } = await timers.implementing(driver, 2);
      const forening = parties[2];
      const today = addDays(start, 10);
      await timers.sleepUntil(today);
      const joined = await driver.step('add-party', { organisationId: await registerOrganisation(timers.system, 'IDEBUREN', 'Fritidsföreningen') });
      const naysayer = joined.parties.at(-1).partyId;
      await driver.step('record-decision', { partyId: naysayer, agreementVersion: 1, outcome: 'NO', decidingBody: 'Styrelsen', decidingBodyKind: 'BOARD', meetingDate: today });
      const before = await driver.state();

      // Starting implementation waits for every party's yes; the partnership stands on the same count.
      const lastYes = await driver.attempt('record-departure', { partyId: forening, leftOn: today, reason: 'Föreningen lämnar.' });
      expect(lastYes.body).toMatchObject({ status: 409, type: '/problems/step-refused', reason: 'PARTIES_MISSING' });
      expect(await driver.state()).toEqual(before);

      const left = await driver.step('record-departure', { partyId: naysayer, leftOn: today, reason: 'Föreningen sade nej till överenskommelsen.' });
      expect(left.parties.filter((p: any) => !p.leftOn).map((p: any) => p.partyId)).toEqual(parties);
      expect(left.phase).toBe('IMPLEMENTATION');
      await recordRunHistoryIfAsked(timers.env.client, driver.id, (await timers.handle(driver).describe()).runId, 'departure-counts-the-yes');
    });
  }, 180_000);

  it("when the parties are listed, then each is the party of the partnership's own read, with the days it joined and left, and its organisation", async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const { parties, start } = await timers.implementing(driver, 2);
      const region = parties[1];
      await timers.sleepUntil(addDays(start, 5));
      await driver.step('record-contribution', { partyId: region, kind: 'PREMISES', description: 'Lokaler på biblioteket.', valueSek: 12_000 });
      const read = await driver.step('record-departure', { partyId: region, leftOn: addDays(start, 4), reason: 'Regionen prioriterar om.' });

      const listed = (await api(timers.system, 'GET', `/api/v1/partnerships/${driver.id}/parties`, { key: timers.system.adminKey })).body.parties;
      expect(listed.map(({ organisationName: _n, organisationNumber: _o, ...party }: any) => party)).toEqual(read.parties);
      expect(listed[1]).toMatchObject({ partyId: region, joinedOn: start, leftOn: addDays(start, 4), organisationName: 'Organisation PUBLIC' });
      expect(listed[1].organisationNumber).toMatch(/^\d{6}-\d{4}$/);
    });
  }, 180_000);

  it('when a party joins in renegotiation for the next term, then it counts from that term: it says yes to continuing and decides in the next round', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const { parties, end } = await timers.implementing(driver, 1);
      await driver.evaluateAndRenegotiate();
      const joined = await driver.step('add-party', { organisationId: await registerOrganisation(timers.system, 'PUBLIC', 'Grannkommunen'), kind: 'PUBLIC', fromTerm: 2 });
      const newcomer = joined.parties.at(-1);
      expect(newcomer).toMatchObject({ joinedInTerm: 2, joinedOn: await timers.today() });
      // It takes no part in this term: nobody asks it to decide on the agreement in force.
      expect((await tasksOf(driver.id)).filter((t) => t.kind === 'PARTY_DECISION')).toEqual([]);

      const without = await driver.attempt('record-renegotiation-outcome', { outcome: 'CONTINUE', consents: parties.map((partyId) => ({ partyId, decision: 'YES' })) });
      expect(without.body).toMatchObject({ status: 409, reason: 'CONSENT_MISSING' });
      await driver.step('record-renegotiation-outcome', { outcome: 'CONTINUE', consents: [...parties, newcomer.partyId].map((partyId) => ({ partyId, decision: 'YES' })) });

      await timers.sleepUntil(addDays(end, 2));
      const second = await driver.state();
      expect(second).toMatchObject({ term: 2, phase: 'FORMULATION' });
      expect(second.parties.map((p: any) => p.joinedInTerm)).toEqual([1, 1, 1, 2]);
    });
  }, 180_000);

  it('when a dispute is raised, then it is on the record and the work list until resolved; one that ends the agreement is settled by terminating it', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const { parties, start } = await timers.implementing(driver, 2);
      const forening = parties[2];
      await timers.sleepUntil(addDays(start, 10));
      const raised = await driver.step('raise-dispute', { raisedOn: addDays(start, 9), raisedByPartyId: forening, description: 'Oenighet om vem som bär lokalkostnaden.', agreementClause: '§ 15 Tvist' });
      const dispute = raised.disputes[0];
      expect(dispute).toMatchObject({ raisedOn: addDays(start, 9), raisedByPartyId: forening, agreementClause: '§ 15 Tvist', outcome: null });
      expect((await tasksOf(driver.id)).filter((t) => t.kind === 'DISPUTE').map((t) => t.dueOn)).toEqual([addDays(start, 9 + 28)]);

      const resolved = await driver.step('resolve-dispute', { disputeId: dispute.disputeId, resolvedOn: addDays(start, 10), resolution: 'Kommunen bär kostnaden under det första året.' });
      expect(resolved.disputes[0]).toMatchObject({ outcome: 'RESOLVED', resolvedOn: addDays(start, 10), resolution: 'Kommunen bär kostnaden under det första året.' });
      expect((await tasksOf(driver.id)).filter((t) => t.kind === 'DISPUTE')).toEqual([]);

      const second = (await driver.step('raise-dispute', { raisedOn: addDays(start, 10), description: 'Parterna är oense om målgruppen.' })).disputes[1];
      const ended = await driver.step('terminate', { reason: 'Tvisten kunde inte lösas.', agreementClause: '§ 14 Hävning', disputeId: second.disputeId });
      expect(ended.phase).toBe('TERMINATED');
      expect(ended.disputes[1]).toMatchObject({ outcome: 'TERMINATED', resolvedOn: addDays(start, 10), resolution: 'Tvisten kunde inte lösas.' });
      await recordRunHistoryIfAsked(timers.env.client, driver.id, (await timers.handle(driver).describe()).runId, 'dispute-ends-in-termination');
    });
  }, 180_000);
});
