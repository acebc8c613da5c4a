import { finalFrom, lastDayToAppeal } from '../../domain/calendar';
import { addDays, addMonths, addYears } from '../../domain/dates';
import { partnershipWorkflowId } from '../../workflows/messages';
import { expectRecordsMatch } from '../support/records';
import { fullAgreement, PartnershipDriver, registerOrganisation } from '../support/lifecycle';
import { recordHistoryIfAsked } from '../support/record-history';
import { api, startSystem, type TestSystem } from '../support/system';
import { stockholmDay } from '../support/swedish-days';

async function historyLength(driver: PartnershipDriver): Promise<number> {
  const history = await driver.system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id)).fetchHistory();
  return history.events?.length ?? 0;
}

/** Notes the path's history size, and saves it as a replay fixture when asked to. */
async function finishPath(driver: PartnershipDriver, name: string, sizes: Record<string, number>): Promise<void> {
  sizes[name] = await historyLength(driver);
  recordHistoryIfAsked(driver.id, name);
}


// Decisions are posted today in these tests: public ones may be appealed for three weeks, and are final the day after.
const today = stockholmDay(Date.now());
const appealEnds = lastDayToAppeal(today);
const finalOn = finalFrom(today);

describe('a partnership walked through its lifecycle over HTTP', () => {
  let system: TestSystem;
  const historyEvents: Record<string, number> = {};
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(async () => {
    console.log(`history events per path: ${JSON.stringify(historyEvents)}`);
    await system.stop();
  });

  it('when legal review asks for changes and every party then says yes, then implementation starts on version 2', async () => {
    const driver = await PartnershipDriver.register(system);
    const [kommun, region, forening] = await driver.initiate();

    await driver.step('save-agreement-draft', { sections: fullAgreement });
    await driver.step('submit-for-legal-review');
    let state = await driver.step('conclude-legal-review', { conclusion: 'CHANGES_REQUESTED', note: 'Förtydliga hävningsklausulen.' });
    expect(state.phase).toBe('FORMULATION');
    await driver.step('save-agreement-draft', { sections: { ...fullAgreement, terminationAndDisputes: 'Ny hävningsklausul.' } });
    state = await driver.step('submit-for-legal-review');
    expect(state.submittedVersion).toBe(2);
    await driver.passLegalReview();

    expect((await driver.decide(kommun!, 1, 'YES')).body.reason).toBe('WRONG_AGREEMENT_VERSION');
    for (const [party, isPublic] of [[kommun, true], [region, true], [forening, false]] as const) {
      expect((await driver.decide(party!, 2, 'YES', isPublic)).status).toBe(200);
    }
    const waiting = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}`, { key: system.adminKey })).body.waitingOn;
    expect(waiting.map((t: any) => [t.kind, t.dueOn])).toEqual([
      // Named since each party was added, none having a contact person.
      ['CONTACTS_MISSING', null],
      ['CONTACTS_MISSING', null],
      ['CONTACTS_MISSING', null],
      ['DECISION_FINALITY', finalOn],
      ['DECISION_FINALITY', finalOn],
      ['START_IMPLEMENTATION', expect.any(String)],
    ]);
    const early = await driver.attempt('start-implementation', { startDate: today });
    expect(early).toMatchObject({ status: 409, body: { reason: 'DECISIONS_NOT_FINAL' } });
    state = await driver.step('start-implementation', { startDate: today, beforeFinal: { reason: 'Verksamheten startar före sommaren.' } });

    expect(state).toMatchObject({ phase: 'IMPLEMENTATION', versionInForce: 2, implementation: { startDate: today } });
    expect(state.agreementVersions.map((v: any) => [v.version, v.locked])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(state.decisions.map((d: any) => d.appealWindowEnds)).toEqual([appealEnds, appealEnds, null]);
    await expectRecordsMatch(driver);

    const comparison = await api(system, 'GET', `/api/v1/partnerships/${driver.id}/agreement-versions/compare?from=1&to=2`, { key: system.adminKey });
    expect(comparison.status).toBe(200);
    expect(comparison.body.headings.filter((h: any) => h.changed)).toEqual([
      { heading: 'terminationAndDisputes', changed: true, from: fullAgreement.terminationAndDisputes, to: 'Ny hävningsklausul.' },
    ]);
    const firstPage = await api(system, 'GET', `/api/v1/partnerships/${driver.id}/audit-events?limit=5`, { key: system.adminKey });
    expect(firstPage.body.events.map((e: any) => e.action)).toEqual([
      'partnership.registered',
      'partnership.describeChallenge',
      'partnership.addParty',
      'partnership.addParty',
      'partnership.addParty',
    ]);
    const rest = await api(system, 'GET', `/api/v1/partnerships/${driver.id}/audit-events?limit=200&after=${firstPage.body.next}`, { key: system.adminKey });
    expect(rest.body.next).toBeNull();
    expect(rest.body.events.at(-1)).toMatchObject({ action: 'partnership.startImplementation', phaseBefore: 'DECISION', phaseAfter: 'IMPLEMENTATION', revision: state.revision });
    await finishPath(driver, 'changes-requested-then-implementation', historyEvents);
  });

  it('when a case waits on people, then the work list shows whom, by party and role, and closes each task when done', async () => {
    const driver = await PartnershipDriver.register(system);
    const [kommun, region, forening] = await driver.initiate();
    await driver.step('save-agreement-draft', { sections: fullAgreement });
    await driver.step('submit-for-legal-review');
    const tasks = async (query: string) =>
      (await api(system, 'GET', `/api/v1/tasks?partnershipId=${driver.id}${query}`, { key: system.adminKey })).body.tasks;

    const review = await tasks('&role=LEGAL_REVIEWER');
    expect(review).toEqual([expect.objectContaining({ kind: 'LEGAL_REVIEW', waitsOnRole: 'LEGAL_REVIEWER', partnershipTitle: expect.any(String) })]);
    expect(review[0].dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await driver.passLegalReview();
    // Dated tasks first; a party without a contact person is on the list, undated, until one is named.
    expect((await tasks('')).map((t: any) => [t.kind, t.partyId])).toEqual([
      ['PARTY_DECISION', kommun],
      ['PARTY_DECISION', region],
      ['PARTY_DECISION', forening],
      ['CONTACTS_MISSING', kommun],
      ['CONTACTS_MISSING', region],
      ['CONTACTS_MISSING', forening],
    ]);
    await driver.decide(kommun!, 1, 'YES');
    expect((await api(system, 'GET', `/api/v1/tasks?partyId=${kommun}`, { key: system.adminKey })).body.tasks).toEqual([
      expect.objectContaining({ kind: 'DECISION_FINALITY', dueOn: finalOn }),
      expect.objectContaining({ kind: 'CONTACTS_MISSING', dueOn: null }),
    ]);
    expect((await tasks('&status=closed')).map((t: any) => t.kind)).toEqual(expect.arrayContaining(['LEGAL_REVIEW', 'PARTY_DECISION']));
  });

  it("when parties' case systems assign their own case numbers later, then the partnership is found by any of them", async () => {
    const driver = await PartnershipDriver.register(system);
    const [kommun, region] = await driver.initiate();
    await driver.step('record-external-reference', { system: 'Public 360° Borås', partyId: kommun, reference: 'KS 2026/00412' });
    await driver.step('record-external-reference', { system: 'Diabas VGR', partyId: region, reference: 'RS 2026-01877' });
    const state = await driver.step('record-external-reference', { system: 'Public 360° Borås', partyId: kommun, reference: 'KS 2026/00413' });
    expect(state.externalReferences).toHaveLength(2);

    const find = (query: string) => api(system, 'GET', `/api/v1/partnerships?${query}`, { key: system.adminKey });
    expect((await find('reference=RS%202026-01877')).body.partnerships.map((p: any) => p.id)).toEqual([driver.id]);
    expect((await find(`reference=${encodeURIComponent('KS 2026/00413')}&system=${encodeURIComponent('Public 360° Borås')}`)).body.partnerships).toHaveLength(1);
    expect((await find(`reference=${encodeURIComponent('KS 2026/00412')}`)).body.partnerships).toEqual([]);
    expect((await find('reference=RS%202026-01877&system=Ciceron')).body.partnerships).toEqual([]);
  });

  it("when a party's contact persons are named, then the workflow holds their ids only, and another organisation's contact is refused", async () => {
    const driver = await PartnershipDriver.register(system);
    const organisationId = await registerOrganisation(system, 'IDEBUREN', 'Stadsmissionen');
    const otherOrganisation = await registerOrganisation(system, 'PUBLIC', 'Grannkommunen');
    const addContact = async (orgId: string, name: string, email: string) =>
      (await api(system, 'POST', `/api/v1/organisations/${orgId}/contacts`, { key: system.adminKey, body: { name, email, phone: '+46 33 35 70 00', language: 'en' } })).body;
    const karin = await addContact(organisationId, 'Karin Lund', 'karin.lund@stadsmissionen.example');
    const stranger = await addContact(otherOrganisation, 'Per Berg', 'per.berg@grannkommunen.example');
    const state = await driver.step('add-party', { organisationId, kind: 'IDEBUREN' });
    const partyId = state.parties[0].partyId;

    const refused = await driver.attempt('assign-contacts', { partyId, contactIds: [karin.id, stranger.id] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'contactIds' })]);
    const assigned = await driver.step('assign-contacts', { partyId, contactIds: [karin.id] });

    expect(assigned.parties[0].contactIds).toEqual([karin.id]);
    const history = JSON.stringify(await system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id)).fetchHistory());
    const decoded = Buffer.from(history).toString() + [...history.matchAll(/"data":"([A-Za-z0-9+/=]+)"/g)].map((m) => Buffer.from(m[1]!, 'base64').toString()).join('\n');
    expect(decoded).toContain(karin.id);
    for (const secret of ['karin.lund@stadsmissionen.example', 'Karin Lund', '+46 33 35 70 00']) expect(decoded).not.toContain(secret);
  });

  it('when a party says no, then the case goes back to FORMULATION with the no on record', async () => {
    const driver = await PartnershipDriver.register(system);
    const [kommun, , forening] = await driver.initiate();
    await driver.step('save-agreement-draft', { sections: fullAgreement });
    await driver.step('submit-for-legal-review');
    await driver.passLegalReview();

    await driver.decide(kommun!, 1, 'YES');
    const no = await driver.decide(forening!, 1, 'NO', false);

    expect(no.status).toBe(200);
    expect(no.body).toMatchObject({ phase: 'FORMULATION', versionInForce: null });
    expect(no.body.decisions.map((d: any) => d.outcome)).toEqual(['YES', 'NO']);
    await expectRecordsMatch(driver);

    // A new round clears the decisions from the state; the record keeps the first round's.
    await driver.step('save-agreement-draft', { sections: { ...fullAgreement, efforts: 'Fler insatser för unga vuxna.' } });
    await driver.step('submit-for-legal-review');
    await driver.passLegalReview();
    const again = await driver.decide(kommun!, 2, 'YES');
    expect(again.body.decisions).toHaveLength(1);
    const recorded = await system.db.decision.findMany({ where: { partnershipId: driver.id }, orderBy: [{ agreementVersion: 'asc' }, { outcome: 'asc' }] });
    expect(recorded.map((d) => [d.agreementVersion, d.outcome])).toEqual([
      [1, 'NO'],
      [1, 'YES'],
      [2, 'YES'],
    ]);
    await expectRecordsMatch(driver);
    await finishPath(driver, 'party-says-no', historyEvents);
  });

  it('when the case is withdrawn in FORMULATION, then it is CLOSED, its workflow completes, and further steps get 409', async () => {
    const driver = await PartnershipDriver.register(system);
    await driver.initiate();
    const state = await driver.step('withdraw', { reason: 'Ett verksamhetsbidrag passar bättre.' });

    expect(state).toMatchObject({ phase: 'CLOSED', ending: { kind: 'CLOSED', reason: 'Ett verksamhetsbidrag passar bättre.' } });
    const handle = system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id));
    await handle.result();
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    const after = await driver.attempt('describe-challenge', { challenge: 'Något nytt' });
    expect(after).toMatchObject({ status: 409, body: { reason: 'PARTNERSHIP_FINISHED' } });
    await expectRecordsMatch(driver);
    await finishPath(driver, 'withdrawn-in-formulation', historyEvents);
  });

  it('when the agreement is terminated in IMPLEMENTATION, then it is TERMINATED with the reason and clause', async () => {
    const driver = await PartnershipDriver.register(system);
    const parties = await driver.initiate();
    await driver.step('save-agreement-draft', { sections: fullAgreement });
    await driver.step('submit-for-legal-review');
    await driver.passLegalReview();
    for (const [i, party] of parties.entries()) await driver.decide(party, 1, 'YES', i < 2);
    await driver.step('start-implementation', { startDate: today, beforeFinal: { reason: 'Brådskande behov.' } });

    const before = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}/deadlines`, { key: system.adminKey })).body.deadlines;
    const lastDay = addDays(addYears(today, 5), -1);
    expect(before.filter((d: any) => d.kind === 'RENEGOTIATION_NOTICE').map((d: any) => d.dueOn)).toEqual([12, 6, 3].map((m) => addMonths(lastDay, -m)));
    expect(before.at(-1)).toMatchObject({ kind: 'TERM_END', dueOn: lastDay });

    const state = await driver.step('terminate', { reason: 'Föreningen har upplösts.', agreementClause: '§ 14 Hävning' });
    // A termination cancels everything pending.
    expect((await api(system, 'GET', `/api/v1/partnerships/${driver.id}/deadlines`, { key: system.adminKey })).body.deadlines).toEqual([]);

    expect(state).toMatchObject({ phase: 'TERMINATED', ending: { kind: 'TERMINATED', agreementClause: '§ 14 Hävning' } });
    await expectRecordsMatch(driver);
    await finishPath(driver, 'terminated-in-implementation', historyEvents);
  });

  it('when a party joins during the term and all agree after the evaluation, then a second term starts with the history kept', async () => {
    const driver = await PartnershipDriver.register(system);
    const first = await driver.implement();
    await driver.step('record-follow-up', {
      date: today,
      participantPartyIds: first,
      summary: 'Första samrådet: 14 träffar, 120 deltagare.',
      keyFigures: [{ name: 'deltagare', value: 120, unit: 'personer' }],
    });
    let state = await driver.step('add-party', { organisationId: await registerOrganisation(system, 'IDEBUREN'), kind: 'IDEBUREN' });
    const joined = state.parties.at(-1);
    expect(joined).toMatchObject({ joinedInTerm: 1, joinedOn: today });
    await driver.step('set-participation-level', { phase: 'IMPLEMENTATION', level: 'PARTNERSHIP' });
    await driver.step('raise-deviation', { raisedOn: today, raisedByPartyId: first[2], description: 'Färre volontärer än planerat under sommaren.' });
    await driver.step('agree-adjustment', {
      agreedOn: today,
      description: 'Den nya föreningen ansvarar för helgträffarna.',
      consentingPartyIds: [...first, joined.partyId],
    });
    await driver.evaluateAndRenegotiate();

    const partial = await driver.attempt('record-renegotiation-outcome', {
      outcome: 'CONTINUE',
      consents: first.map((partyId) => ({ partyId, decision: 'YES' })),
    });
    expect(partial).toMatchObject({ status: 409, body: { reason: 'CONSENT_MISSING' } });
    await driver.step('record-renegotiation-outcome', {
      outcome: 'CONTINUE',
      consents: [...first, joined.partyId].map((partyId) => ({ partyId, decision: 'YES' })),
      note: 'Alla parter vill fortsätta, med fler regionala insatser.',
    });
    const secondStart = addYears(today, 5);
    state = await driver.step('start-new-term', { startDate: secondStart, backTo: 'FORMULATION' });

    expect(state).toMatchObject({ phase: 'FORMULATION', term: 2, versionInForce: 1, submittedVersion: null });
    expect(state.parties).toHaveLength(4);
    expect(state.terms.map((t: any) => [t.term, t.startDate, t.endDate])).toEqual([
      [1, today, addDays(secondStart, -1)],
      [2, secondStart, addDays(addYears(secondStart, 5), -1)],
    ]);
    expect(state.followUps).toHaveLength(1);
    expect(state.evaluations).toHaveLength(1);
    expect(state.evaluations[0].learningGoalAssessments).toHaveLength(1);
    await expectRecordsMatch(driver);

    const read = async (what: string) => (await api(system, 'GET', `/api/v1/partnerships/${driver.id}/${what}`, { key: system.adminKey })).body;
    const { parties } = await read('parties');
    expect(parties).toHaveLength(4);
    expect(parties.find((p: any) => p.partyId === joined.partyId)).toMatchObject({ kind: 'IDEBUREN', joinedInTerm: 1, organisationName: 'Organisation IDEBUREN' });
    expect((await read('decisions')).decisions.map((d: any) => [d.term, d.agreementVersion, d.outcome])).toEqual([
      [1, 1, 'YES'],
      [1, 1, 'YES'],
      [1, 1, 'YES'],
    ]);
    expect((await read('follow-ups')).followUps).toEqual([expect.objectContaining({ term: 1, date: today, keyFigures: [{ name: 'deltagare', value: 120, unit: 'personer' }] })]);
    expect((await read('evaluations')).evaluations).toEqual([expect.objectContaining({ term: 1, conflictsToPrevent: expect.stringContaining('rollfördelning') })]);
    await finishPath(driver, 'renegotiated-into-second-term', historyEvents);
  });

  it('when the parties choose to end at renegotiation, then it is ENDED with the surplus on record and the workflow completes', async () => {
    const driver = await PartnershipDriver.register(system);
    await driver.implement();
    await driver.evaluateAndRenegotiate();

    const state = await driver.step('record-renegotiation-outcome', {
      outcome: 'END',
      consents: [],
      note: 'Målen är nådda; kommunen tar över verksamheten.',
      surplus: { handling: 'REINVESTED', amountSek: 35000, note: 'Återinvesteras i föreningens verksamhet.' },
    });

    expect(state).toMatchObject({ phase: 'ENDED', ending: { kind: 'ENDED', surplus: { handling: 'REINVESTED', amountSek: 35000 } } });
    await system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id)).result();
    await expectRecordsMatch(driver);
    await finishPath(driver, 'renegotiation-ends', historyEvents);
  });

  it('when a guard refuses a step, then the answer is 409 with its reason and the state, the records and the audit trail are unchanged', async () => {
    const driver = await PartnershipDriver.register(system);
    await driver.step('describe-challenge', { challenge: 'Barn som saknar läxhjälp.' });
    // Let the registration e-mail finish first, so that only the refused step could add history.
    await driver.settled();
    const before = await driver.state();
    const auditBefore = await system.db.auditEvent.count({ where: { partnershipId: driver.id } });
    const historyBefore = await historyLength(driver);

    const refused = await driver.attempt('complete-initiation');

    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(refused.body).toMatchObject({ type: '/problems/step-refused', reason: 'PARTIES_MISSING' });
    expect(await driver.state()).toEqual(before);
    expect(await system.db.auditEvent.count({ where: { partnershipId: driver.id } })).toBe(auditBefore);
    await expectRecordsMatch(driver);
    // A refused Update never reaches the history.
    expect(await historyLength(driver)).toBe(historyBefore);
  });

  it('when a step is taken, then its audit row lists what it changed, by type and key', async () => {
    const driver = await PartnershipDriver.register(system);
    const organisationId = await registerOrganisation(system, 'PUBLIC');
    const view = await driver.step('add-party', { organisationId, kind: 'PUBLIC' });
    const partyId = view.parties[0].partyId;
    await driver.step('add-learning-goal', { partyId, description: 'Att lära av föreningens arbetssätt.' });

    const audit = await system.db.auditEvent.findMany({ where: { partnershipId: driver.id, revision: { not: null } }, orderBy: { revision: 'asc' } });
    expect(audit.map((a) => [a.action, a.details])).toEqual([
      ['partnership.addParty', { changes: [{ type: 'party.added', key: partyId }] }],
      ['partnership.addLearningGoal', { changes: [{ type: 'learningGoal.added', key: (await driver.state()).learningGoals[0].learningGoalId }] }],
    ]);
  });

  it('when the challenge was given at registration, then initiation completes without describing it again', async () => {
    const driver = await PartnershipDriver.register(system);
    for (const kind of ['PUBLIC', 'IDEBUREN'] as const) await driver.step('add-party', { organisationId: await registerOrganisation(system, kind), kind });
    await driver.step('choose-cooperation-form', { form: 'IOP', rationale: 'Ett gemensamt åtagande.' });

    expect((await driver.step('complete-initiation')).phase).toBe('FORMULATION');
  });

  it('when a party is added for an organisation nobody registered, then 404 reference-not-found names organisationId and nothing changes', async () => {
    const driver = await PartnershipDriver.register(system);
    const response = await driver.attempt('add-party', { organisationId: crypto.randomUUID(), kind: 'PUBLIC' });

    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ type: '/problems/reference-not-found' });
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'organisationId', pointer: '#/organisationId' })]);
    expect((await driver.state()).parties).toEqual([]);
  });

  it('when the same request is retried with its Idempotency-Key, then the step is taken once', async () => {
    const driver = await PartnershipDriver.register(system);
    const body = { organisationId: await registerOrganisation(system, 'IDEBUREN'), kind: 'IDEBUREN' };
    const first = await driver.attempt('add-party', body, { 'idempotency-key': 'ciceron-req-1' });
    const again = await driver.attempt('add-party', body, { 'idempotency-key': 'ciceron-req-1' });

    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect((await driver.state()).parties).toHaveLength(1);
  });
});
