import { stepUpdates, partnershipWorkflowId } from '../../workflows/messages';
import { rightsOf, roles, type Role } from '../../domain/policy';
import { fullAgreement, PartnershipDriver, registerOrganisation } from '../support/lifecycle';
import { api, examplePartnership, startSystem, type TestSystem } from '../support/system';
import { stockholmDay } from '../support/swedish-days';

type Caller = { name: string; role: Role; key: string; own: boolean };

// Every route of the published API, for every role and for a representative of an organisation
// that is not a party: the status, that a refused call changed nothing, and that it leaked nothing.
describe('who may do what, route by route', () => {
  let system: TestSystem;
  let driver: PartnershipDriver;
  let callers: Caller[];
  let ownOrganisation: string;
  let ownParty: string;
  let otherParty: string;
  let stepId: string;
  let throwawayKeyId: string;
  let subscriptionId: string;

  beforeAll(async () => {
    system = await startSystem();
    driver = await PartnershipDriver.register(system);
    const [kommun, , forening] = await driver.initiate();
    await driver.step('save-agreement-draft', { sections: fullAgreement });
    const parties = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}/parties`, { key: system.adminKey })).body.parties;
    ownParty = forening!;
    otherParty = kommun!;
    ownOrganisation = parties.find((p: any) => p.partyId === ownParty).organisationId;
    // A step taken with a known id, so that its outcome can be read.
    stepId = `matrix-${crypto.randomUUID()}`;
    await system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id)).executeUpdate(stepUpdates.setParticipationLevel, {
      args: [{ payload: { phase: 'FORMULATION', level: 'DIALOGUE' }, actor: { type: 'API_KEY', keyId: 'k', role: 'ADMINISTRATOR', organisationId: null }, requestId: null }],
      updateId: stepId,
    });
    const strangers = await registerOrganisation(system, 'IDEBUREN', 'Föreningen utanför');
    // A key that the walk through the key routes may revoke.
    throwawayKeyId = (await system.newKey('AUDITOR')).id;
    // A stopped webhook of the representative's organisation: its routes can be walked without a receiver.
    subscriptionId = crypto.randomUUID();
    await system.db.webhookSubscription.create({
      data: { id: subscriptionId, url: 'https://diarium.example.se/hook', organisationId: ownOrganisation, contactEmail: 'x@example.se', secrets: ['whsec_dGVzdA=='], status: 'DISABLED' },
    });
    const key = async (role: Role, organisationId?: string) => (await system.newKey(role, organisationId)).key;
    callers = [
      { name: 'administrator', role: 'ADMINISTRATOR', key: system.adminKey, own: true },
      { name: 'case officer', role: 'CASE_OFFICER', key: await key('CASE_OFFICER'), own: true },
      { name: 'legal reviewer', role: 'LEGAL_REVIEWER', key: await key('LEGAL_REVIEWER'), own: true },
      { name: 'auditor', role: 'AUDITOR', key: await key('AUDITOR'), own: true },
      { name: "a party's representative", role: 'ORGANISATION_REPRESENTATIVE', key: await key('ORGANISATION_REPRESENTATIVE', ownOrganisation), own: true },
      { name: "another organisation's representative", role: 'ORGANISATION_REPRESENTATIVE', key: await key('ORGANISATION_REPRESENTATIVE', strangers), own: false },
    ];
  }, 60_000);
  afterAll(() => system.stop());

  /** What must not move when a call is refused: the record, its audit trail, the workflow's history. */
  async function fingerprint() {
    const record = await system.db.partnership.findUniqueOrThrow({ where: { id: driver.id } });
    const audit = await system.db.auditEvent.count({ where: { partnershipId: driver.id } });
    const organisations = await system.db.organisation.count();
    const contacts = await system.db.contact.count();
    const history = (await system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id)).describe()).historyLength;
    return { revision: record.revision, audit, organisations, contacts, history };
  }

  it('when every route is called by every role, then only the roles of the policy table pass, and a refusal changes and reveals nothing', async () => {
    const document = (await api(system, 'GET', '/api/v1/openapi.json')).body;
    const operations = Object.entries(document.paths as Record<string, Record<string, { operationId: string; security?: unknown[] }>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ path, method, operation })),
    );
    const secured = operations.filter((o) => o.operation.security?.length);
    expect(secured.length).toBeGreaterThan(50);

    const outcomes: string[] = [];
    for (const { path, method, operation } of secured) {
      const rights = rightsOf(operation.operationId);
      expect(rights).toBeDefined();
      const scoped = path.includes('{id}');
      const id = path.startsWith('/api/v1/organisations')
        ? ownOrganisation
        : path.startsWith('/api/v1/api-keys')
          ? throwawayKeyId
          : path.startsWith('/api/v1/webhook-subscriptions')
            ? subscriptionId
            : driver.id;
      const url = path.replace('{id}', id).replace('{stepId}', stepId).replace('{contactId}', crypto.randomUUID());
      for (const caller of callers) {
        const scope = rights![caller.role];
        const expected = !scope ? 403 : scope === 'own' && scoped && !caller.own ? 404 : 'pass';
        const before = await fingerprint();
        // A body no schema accepts: a call that passes authorization stops at validation and changes nothing.
        const response = await api(system, method.toUpperCase(), url, { key: caller.key, ...(method === 'post' ? { body: { probe: true } } : {}) });
        const passed = ![401, 403, 404].includes(response.status);
        outcomes.push(`${operation.operationId} ${caller.name}: ${passed ? 'pass' : response.status}`);
        if (expected === 'pass') {
          expect(`${operation.operationId} ${caller.name}: ${passed ? 'pass' : response.status}`).toBe(`${operation.operationId} ${caller.name}: pass`);
          continue;
        }
        expect(`${operation.operationId} ${caller.name}: ${response.status}`).toBe(`${operation.operationId} ${caller.name}: ${expected}`);
        expect(response.headers.get('content-type')).toContain('application/problem+json');
        const leaked = JSON.stringify(response.body);
        for (const secret of [examplePartnership.title, examplePartnership.coordinator.email, examplePartnership.challenge]) expect(leaked).not.toContain(secret);
        expect(await fingerprint()).toEqual(before);
      }
    }
    expect(outcomes.length).toBe(secured.length * callers.length);
  }, 300_000);

  it("when another organisation's representative lists the work list, then none of this partnership's tasks are in it", async () => {
    const stranger = callers.find((c) => !c.own)!;
    const own = callers.find((c) => c.role === 'ORGANISATION_REPRESENTATIVE' && c.own)!;
    await driver.step('submit-for-legal-review');
    // Asked for this partnership's tasks by name: the stranger still gets none of them.
    const seen = async (key: string) => (await api(system, 'GET', `/api/v1/tasks?partnershipId=${driver.id}`, { key })).body.tasks.map((t: any) => t.partnershipId);
    expect(await seen(system.adminKey)).toContain(driver.id);
    expect(await seen(own.key)).toContain(driver.id);
    expect(await seen(stranger.key)).not.toContain(driver.id);
  });

  it('when a representative acts for its own party, then the step is taken; for another party, then it is refused with 403 and nothing changes', async () => {
    const representative = callers.find((c) => c.role === 'ORGANISATION_REPRESENTATIVE' && c.own)!;
    const contribution = (partyId: string) => ({ partyId, kind: 'VOLUNTEER_WORK', description: 'Läxhjälp två kvällar i veckan' });
    const before = await fingerprint();
    const refused = await api(system, 'POST', `/api/v1/partnerships/${driver.id}/actions/record-contribution`, { key: representative.key, body: contribution(otherParty) });
    expect(refused.status).toBe(403);
    expect(refused.body.reason).toBe('NOT_YOUR_PARTY');
    expect(await fingerprint()).toEqual(before);

    const taken = await api(system, 'POST', `/api/v1/partnerships/${driver.id}/actions/record-contribution`, { key: representative.key, body: contribution(ownParty) });
    expect(taken.status).toBe(200);
  });

  it('when a representative reads the partnership, then the legal review items and other parties\' case numbers are left out', async () => {
    const representative = callers.find((c) => c.role === 'ORGANISATION_REPRESENTATIVE' && c.own)!;
    await driver.step('record-external-reference', { system: 'Public 360°', partyId: otherParty, reference: 'KS 2026/777' });
    await driver.step('record-external-reference', { system: 'Föreningens diarium', partyId: ownParty, reference: 'F-12' });
    await driver.step('record-legal-review-item', { item: 'STATE_AID', outcome: 'OK', note: 'Intern bedömning: inget statsstöd.' });

    const asAdministrator = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}`, { key: system.adminKey })).body;
    const asRepresentative = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}`, { key: representative.key })).body;
    expect(asAdministrator.legalReviews[0].answers).toHaveLength(1);
    expect(asRepresentative.legalReviews[0].answers).toEqual([]);
    expect(asAdministrator.externalReferences.map((r: any) => r.reference)).toEqual(['KS 2026/777', 'F-12']);
    expect(asRepresentative.externalReferences.map((r: any) => r.reference)).toEqual(['F-12']);
  });

  it('when a representative and a legal reviewer read the partnership in LEGAL_REVIEW, then each is offered only the steps its role may take now', async () => {
    const representative = callers.find((c) => c.role === 'ORGANISATION_REPRESENTATIVE' && c.own)!;
    const reviewer = callers.find((c) => c.role === 'LEGAL_REVIEWER')!;
    const offered = async (key: string) => (await api(system, 'GET', `/api/v1/partnerships/${driver.id}`, { key })).body.nextSteps.map((s: any) => s.type).sort();
    expect(await offered(reviewer.key)).toEqual(['concludeLegalReview', 'recordLegalReviewItem']);
    // Its own party's steps of every phase, and nothing of the review.
    expect(await offered(representative.key)).toEqual(['assignContacts', 'recordContribution', 'recordExternalReference']);
  });

  it("when a representative takes any step it may take, then the answer leaves out what its GET leaves out", async () => {
    const representative = callers.find((c) => c.role === 'ORGANISATION_REPRESENTATIVE' && c.own)!;
    const today = stockholmDay(Date.now());
    const bodies: Record<string, unknown> = {
      assignContacts: { partyId: ownParty, contactIds: [] },
      recordContribution: { partyId: ownParty, kind: 'MATERIAL', description: 'Pennor och papper' },
      addLearningGoal: { partyId: ownParty, description: 'Hur når vi fler familjer?' },
      recordDecision: { partyId: ownParty, agreementVersion: 1, outcome: 'YES', decidingBody: 'Styrelsen', decidingBodyKind: 'BOARD', meetingDate: today },
      recordFollowUp: { date: today, participantPartyIds: [ownParty], summary: 'Tio träffar hölls.' },
      raiseDeviation: { raisedOn: today, raisedByPartyId: ownParty, description: 'Lokalen var stängd en vecka.' },
      recordExternalReference: { system: 'Föreningens diarium', partyId: ownParty, reference: 'F-13' },
      recordPosting: { partyId: ownParty, postingDate: today },
      recordDeparture: { partyId: ownParty, leftOn: today, reason: 'Föreningen lämnar.' },
      raiseDispute: { raisedOn: today, raisedByPartyId: ownParty, description: 'Oenighet om lokalen.' },
    };
    const mayTake = Object.keys(stepUpdates).filter((step) => rightsOf(step)?.ORGANISATION_REPRESENTATIVE);
    expect(Object.keys(bodies).sort()).toEqual(mayTake.sort());

    const taken: string[] = [];
    for (const step of mayTake) {
      const kebab = step.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      const response = await api(system, 'POST', `/api/v1/partnerships/${driver.id}/actions/${kebab}`, { key: representative.key, body: bodies[step] });
      if (response.status === 409 && response.body.reason === 'WRONG_PHASE') continue;
      expect([step, response.status]).toEqual([step, 200]);
      const seen = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}`, { key: representative.key })).body;
      expect([step, response.body]).toEqual([step, seen]);
      expect(response.body.legalReviews.every((r: any) => r.answers.length === 0 && r.note === null)).toBe(true);
      expect(response.body.externalReferences.every((r: any) => r.partyId === null || r.partyId === ownParty)).toBe(true);
      taken.push(step);
    }
    expect(taken.length).toBeGreaterThanOrEqual(3);
  });

  it("when a call reaches the workflow directly, past the API, then the Update's validator applies the same policy", async () => {
    const handle = system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id));
    // Texts reach the workflow as references to stored documents.
    const storedText = `sha256:${'a'.repeat(64)}`;
    const before = await fingerprint();
    const asAuditor = handle.executeUpdate(stepUpdates.withdraw, {
      args: [{ payload: { reason: storedText }, actor: { type: 'API_KEY', keyId: 'k', role: 'AUDITOR', organisationId: null }, requestId: null }],
    });
    await expect(asAuditor).rejects.toMatchObject({ cause: { type: 'FORBIDDEN' } });
    const forAnotherParty = handle.executeUpdate(stepUpdates.recordContribution, {
      args: [
        {
          payload: { partyId: otherParty, kind: 'PREMISES', description: storedText, valueSek: null },
          actor: { type: 'API_KEY', keyId: 'k', role: 'ORGANISATION_REPRESENTATIVE', organisationId: ownOrganisation },
          requestId: null,
        },
      ],
    });
    await expect(forAnotherParty).rejects.toMatchObject({ cause: { type: 'NOT_YOUR_PARTY' } });
    expect(await fingerprint()).toEqual(before);
  });

  it('when the policy table is read, then every role but the auditor may take some step, and the administrator may take every one', () => {
    for (const role of roles) expect(Object.keys(stepUpdates).some((step) => rightsOf(step)?.[role])).toBe(role !== 'AUDITOR');
    expect(Object.keys(stepUpdates).every((step) => rightsOf(step)?.ADMINISTRATOR === 'any')).toBe(true);
  });
});
