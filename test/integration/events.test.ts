import { fullAgreement, PartnershipDriver } from '../support/lifecycle';
import { api, startSystem, type TestSystem } from '../support/system';

// The event feed over HTTP, as a case system polls it.
describe('the event feed', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem({ rateLimitPerMinute: 10_000 });
  });
  afterAll(() => system.stop());

  const page = async (after: string | undefined, key = system.adminKey, extra = '') =>
    (await api(system, 'GET', `/api/v1/events?limit=7${after ? `&after=${after}` : ''}${extra}`, { key })).body as { events: any[]; next: string };

  /** The cursor at the end of everything recorded so far. */
  async function end(): Promise<string> {
    let cursor: string | undefined;
    for (;;) {
      const body = (await api(system, 'GET', `/api/v1/events?limit=500${cursor ? `&after=${cursor}` : ''}`, { key: system.adminKey })).body;
      cursor = body.next;
      if (body.events.length < 500) return cursor!;
    }
  }

  it('when steps are taken on several partnerships while a reader pages through the feed, then every event comes once, and each partnership’s in order', async () => {
    let cursor = await end();
    const drivers = await Promise.all([1, 2, 3].map(() => PartnershipDriver.register(system)));
    const ids = new Set(drivers.map((d) => d.id));
    const seen: any[] = [];
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const body = await page(cursor);
        seen.push(...body.events);
        cursor = body.next;
      }
    })();
    await Promise.all(drivers.map(async (driver) => {
      await driver.initiate();
      await driver.step('record-external-reference', { system: 'Public 360°', partyId: null, reference: `KS ${driver.id.slice(0, 4)}` });
    }));
    writing = false;
    await reader;
    for (let body = await page(cursor); body.events.length > 0; body = await page(cursor)) {
      seen.push(...body.events);
      cursor = body.next;
    }

    const ours = seen.filter((e) => ids.has(e.subject));
    const stored = await system.db.partnershipEvent.findMany({ where: { partnershipId: { in: [...ids] } } });
    expect(ours.map((e) => e.id).sort()).toEqual(stored.map((e) => e.id).sort());
    expect(new Set(ours.map((e) => e.id)).size).toBe(ours.length);
    for (const id of ids) {
      const revisions = ours.filter((e) => e.subject === id).map((e) => e.data.revision);
      expect(revisions).toEqual([...revisions].sort((a, b) => a - b));
      expect(revisions[0]).toBe(0);
    }
    const event = ours.find((e) => e.type === 'se.iop.partnership.external-reference.added');
    expect(event).toMatchObject({ specversion: '1.0', source: `/api/v1/partnerships/${event.subject}`, datacontenttype: 'application/json', data: { entity: 'externalReference', op: 'added' } });
    expect(event.data.externalReferences).toEqual([{ system: 'Public 360°', partyId: null, reference: `KS ${event.subject.slice(0, 4)}` }]);
    expect(ours.map((e) => e.type)).toEqual(expect.arrayContaining(['se.iop.partnership.registered', 'se.iop.partnership.party.added', 'se.iop.partnership.changed']));
    // Ids and hashes, never the texts people wrote.
    expect(JSON.stringify(ours)).not.toContain('Ofrivillig ensamhet');
  });

  it("when a representative reads the feed, then it holds only its own partnerships' events, without the legal review's items or other parties' case numbers", async () => {
    const start = await end();
    const driver = await PartnershipDriver.register(system);
    const [kommun, , forening] = await driver.initiate();
    const other = await PartnershipDriver.register(system);
    await other.step('describe-challenge', { challenge: 'Något annat.' });
    await driver.step('record-external-reference', { system: 'Public 360°', partyId: kommun, reference: 'KS 2026/9' });
    await driver.step('record-external-reference', { system: 'Föreningens diarium', partyId: forening, reference: 'F-9' });
    await driver.step('save-agreement-draft', { sections: fullAgreement });
    await driver.step('submit-for-legal-review');
    await driver.step('record-legal-review-item', { item: 'STATE_AID', outcome: 'OK', note: 'Intern bedömning.' });
    const organisationId = (await driver.state()).parties.find((p: any) => p.partyId === forening).organisationId;
    const representative = (await system.newKey('ORGANISATION_REPRESENTATIVE', organisationId)).key;

    const events: any[] = [];
    for (let cursor = start, body = await page(cursor, representative); ; body = await page(cursor, representative)) {
      events.push(...body.events);
      if (body.events.length === 0) break;
      cursor = body.next;
    }
    expect(new Set(events.map((e) => e.subject))).toEqual(new Set([driver.id]));
    expect(events.map((e) => e.type)).toContain('se.iop.partnership.legal-review.added');
    expect(events.map((e) => e.type)).not.toContain('se.iop.partnership.legal-review-answer.added');
    expect(events.filter((e) => e.type.startsWith('se.iop.partnership.external-reference')).map((e) => e.data.value.reference)).toEqual(['F-9']);
    expect(events.every((e) => e.data.externalReferences.every((r: any) => r.partyId === null || r.partyId === forening))).toBe(true);
  });

  it("when a representative reads the feed, then the legal review's note is blanked as in its view of the partnership, and an administrator's feed keeps it", async () => {
    const start = await end();
    const driver = await PartnershipDriver.register(system);
    const [, , forening] = await driver.initiate();
    await driver.step('save-agreement-draft', { sections: fullAgreement });
    await driver.step('submit-for-legal-review');
    await driver.step('conclude-legal-review', { conclusion: 'CHANGES_REQUESTED', note: 'Intern bedömning: avsnittet om ersättning liknar ett köp.' });
    const organisationId = (await driver.state()).parties.find((p: any) => p.partyId === forening).organisationId;
    const representative = (await system.newKey('ORGANISATION_REPRESENTATIVE', organisationId)).key;
    const reviewEvents = async (key: string) => {
      const events: any[] = [];
      for (let cursor = start, body = await page(cursor, key, `&partnershipId=${driver.id}`); body.events.length > 0; body = await page(cursor, key, `&partnershipId=${driver.id}`)) {
        events.push(...body.events);
        cursor = body.next;
      }
      return events.filter((e) => e.type.startsWith('se.iop.partnership.legal-review.'));
    };

    const view = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}`, { key: representative })).body;
    expect(view.legalReviews.map((r: any) => r.note)).toEqual([null]);
    const asAdministrator = await reviewEvents(system.adminKey);
    expect(asAdministrator.map((e) => e.data.value.note).filter((note) => note !== null)).toHaveLength(1);
    const asRepresentative = await reviewEvents(representative);
    expect(asRepresentative.map((e) => e.id)).toEqual(asAdministrator.map((e) => e.id));
    expect(asRepresentative.map((e) => e.data.value.note)).toEqual(asAdministrator.map(() => null));
    expect(asRepresentative.map((e) => e.data.value.conclusion)).toEqual(asAdministrator.map((e) => e.data.value.conclusion));
  });

  it('when a cursor is forged, then the answer is 400 naming it', async () => {
    for (const after of ['bm9wZQ', Buffer.from('99999999999999999999.1').toString('base64url')]) {
      const response = await api(system, 'GET', `/api/v1/events?after=${after}`, { key: system.adminKey });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).toContain('after');
    }
  });
});
