import { fullAgreement } from '../support/lifecycle';
import { api } from '../support/system';
import { TimeSkippingSystem } from '../support/time-skipping';

// Years pass in seconds on Temporal's time-skipping test server; the database and SMTP are real.
describe('the deadlines of a partnership, as durable timers', () => {
  let timers: TimeSkippingSystem;

  beforeAll(async () => {
    timers = await TimeSkippingSystem.start();
  });
  afterEach(() => timers.terminateLeftovers());
  afterAll(() => timers.stop());

  // Runs before the five-year test: with that partnership's timers pending on the same test server,
  // this one's waits did not return (not yet understood; see the issue note).
  it('when the appeal window passes, decisions become final by themselves; when the term runs out with no new one, the partnership ends', async () => {
    const { env, db } = timers;
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const parties = await driver.initiate();
      await driver.step('save-agreement-draft', { sections: fullAgreement });
      await driver.step('submit-for-legal-review');
      await driver.passLegalReview();
      const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
      const today = new Date(await env.currentTimeMs()).toISOString().slice(0, 10);
      for (const [i, partyId] of parties.entries()) {
        const isPublic = i < 2;
        await driver.step('record-decision', {
          partyId, agreementVersion: 1, outcome: 'YES', decidingBody: isPublic ? 'Socialnämnden' : 'Styrelsen', decidingBodyKind: isPublic ? 'NAMND' : 'BOARD',
          meetingDate: today, postingDate: isPublic ? today : null,
        });
      }
      expect((await driver.attempt('start-implementation', { startDate: day(30) })).body.reason).toBe('DECISIONS_NOT_FINAL');

      await env.sleep('22 days');
      const final = await driver.state();
      expect(final.decisions.map((d: any) => d.final)).toEqual([true, true, true]);
      const audit = await db.auditEvent.findMany({ where: { partnershipId: driver.id, action: 'partnership.confirmDecisionFinal' } });
      expect(audit.map((a) => a.actorType)).toEqual(['SYSTEM', 'SYSTEM']);

      await driver.step('start-implementation', { startDate: day(30), endDate: day(400) });
      await env.sleep('380 days');
      const handle = env.client.workflow.getHandle(`partnership-${driver.id}`);
      const result = await handle.result();

      expect(result).toMatchObject({ phase: 'ENDED', ending: { kind: 'ENDED', reason: 'The term ran out without a decision on a new term' } });
      const row = await db.partnership.findUniqueOrThrow({ where: { id: driver.id } });
      expect(row.phase).toBe('ENDED');
      const kinds = (await db.outboundEmail.findMany({ where: { partnershipId: driver.id } })).map((e) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['DECISION_FINAL', 'RENEGOTIATION_NOTICE', 'FOLLOW_UP_REMINDER', 'TERM_END']));
      expect(kinds.filter((k) => k === 'TERM_END')).toHaveLength(1);
    });
  }, 120_000);

  it('when a five-year term runs, then the three renegotiation notices reach every party in its language, once each', async () => {
    const { env, db, smtp, system } = timers;
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const [kommun, region, forening] = await driver.initiate();
      const association = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}/parties`, { key: system.adminKey })).body.parties.find(
        (p: any) => p.partyId === forening,
      );
      const contact = (
        await api(system, 'POST', `/api/v1/organisations/${association.organisationId}/contacts`, {
          key: system.adminKey,
          body: { name: 'Sam Jones', email: 'sam.jones@forening.example', language: 'en' },
        })
      ).body;
      await driver.step('assign-contacts', { partyId: forening, contactIds: [contact.id] });
      await driver.step('save-agreement-draft', { sections: fullAgreement });
      await driver.step('submit-for-legal-review');
      await driver.passLegalReview();
      for (const [party, isPublic] of [[kommun, true], [region, true], [forening, false]] as const) await driver.decide(party!, 1, 'YES', isPublic);
      const today = new Date(await env.currentTimeMs()).toISOString().slice(0, 10);
      const started = await driver.step('start-implementation', { startDate: today, beforeFinal: { reason: 'Start direkt' } });
      const endDate = started.terms[0].endDate;

      await env.sleep('1765 days'); // to about two months before the term ends

      const notices = await db.outboundEmail.findMany({ where: { partnershipId: driver.id, kind: 'RENEGOTIATION_NOTICE' }, orderBy: { createdAt: 'asc' } });
      expect(notices.map((n) => [n.recipient, n.status])).toEqual([
        ['sam.jones@forening.example', 'SENT'],
        ['anna.andersson@example.se', 'SENT'],
        ['sam.jones@forening.example', 'SENT'],
        ['anna.andersson@example.se', 'SENT'],
        ['sam.jones@forening.example', 'SENT'],
        ['anna.andersson@example.se', 'SENT'],
      ]);
      const english = smtp.messages.filter((m) => m.to && JSON.stringify(m.to).includes('sam.jones') && m.subject?.includes('months left'));
      expect(english.map((m) => m.subject)).toEqual([
        `12 months left of the term: ${'Språkvänner i Borås'}`,
        `6 months left of the term: ${'Språkvänner i Borås'}`,
        `3 months left of the term: ${'Språkvänner i Borås'}`,
      ]);
      expect(endDate).toBeDefined();
      const invitation = smtp.messages.find((m) => m.subject?.startsWith('Samråd'));
      expect(invitation?.attachments.some((a) => a.contentType === 'text/calendar') || /text\/calendar/.test(String(invitation?.headers.get('content-type')))).toBe(true);
    });
  }, 300_000);
});
