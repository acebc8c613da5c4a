import { upcomingDeadlinesQuery } from '../../workflows/messages';
import { finalFrom } from '../../domain/calendar';
import { addDays, addMonths } from '../../domain/dates';
import { fullAgreement, registerOrganisation } from '../support/lifecycle';
import { api } from '../support/system';
import { TimeSkippingSystem } from '../support/time-skipping';
import { stockholmDay } from '../support/swedish-days';

const coordinator = 'anna.andersson@example.se';

// Each test drives one partnership through simulated weeks or years on the time-skipping server
// and reads what was sent from the database's record of every e-mail.
describe('deadline notices as time passes', () => {
  let timers: TimeSkippingSystem;

  beforeAll(async () => {
    timers = await TimeSkippingSystem.start();
  });
  afterEach(() => timers.terminateLeftovers());
  afterAll(() => timers.stop());

  it('when a legal review waits, then the coordinator is reminded after two weeks and the case escalated after four, once each, and the escalation is the next deadline on record meanwhile', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      await timers.toLegalReview(driver);
      const entered = await timers.today();

      await timers.sleepUntil(addDays(entered, 14));
      expect(await timers.notices(driver)).toEqual([`${addDays(entered, 14)} REVIEW_REMINDER ${coordinator}`]);
      // The reminder's notice records the deadline after it, which lists of partnerships filter on.
      const recorded = await timers.db.partnership.findUniqueOrThrow({ where: { id: driver.id }, select: { nextDeadlineOn: true } });
      expect(recorded.nextDeadlineOn).toBe(addDays(entered, 28));

      await timers.sleepUntil(addDays(entered, 40));
      expect(await timers.notices(driver)).toEqual([
        `${addDays(entered, 14)} REVIEW_REMINDER ${coordinator}`,
        `${addDays(entered, 28)} REVIEW_ESCALATION ${coordinator}`,
      ]);
      const subjects = timers.smtp.messages.filter((m) => m.subject?.includes('juridisk granskning')).map((m) => m.subject);
      expect(subjects).toEqual(['Påminnelse: juridisk granskning av Språkvänner i Borås', 'Försenad juridisk granskning: Språkvänner i Borås']);
    });
  }, 120_000);

  it('when a public decision is appealed in its window, then it is held past the window and becomes final only on the appeal outcome', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const [kommun, region, forening] = await timers.toLegalReview(driver);
      await driver.passLegalReview();
      const posted = await timers.today();
      for (const [party, isPublic] of [[kommun, true], [region, true], [forening, false]] as const) await driver.decide(party!, 1, 'YES', isPublic, posted);
      await driver.step('record-appeal', { partyId: kommun, lodgedOn: posted });

      await timers.sleepUntil(addDays(posted, 30));
      const held = await driver.state();
      expect(held.decisions.map((d: any) => [d.partyId, d.final, d.appealed])).toEqual([
        [kommun, false, true],
        [region, true, false],
        [forening, true, false],
      ]);
      expect(await timers.notices(driver)).toEqual([`${finalFrom(posted)} DECISION_FINAL ${coordinator}`]);

      const stands = await driver.step('record-appeal-outcome', { partyId: kommun, decisionStands: true });
      expect(stands.decisions[0]).toMatchObject({ final: true, appealed: false });
    });
  }, 120_000);

  it('when a decision becomes final by itself, then the e-mail names the last day to appeal, the day the API refuses a later appeal by, and whose decision it was', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      await driver.step('describe-challenge', { challenge: 'Ofrivillig ensamhet bland äldre i kommunen.' });
      const organisations = [
        ['PUBLIC', 'Borås Stad'],
        ['PUBLIC', 'Västra Götalandsregionen'],
        ['IDEBUREN', 'Föreningen Språkvänner'],
      ] as const;
      for (const [kind, name] of organisations) await driver.step('add-party', { organisationId: await registerOrganisation(timers.system, kind, name), kind });
      await driver.step('add-learning-goal', { partyId: null, description: 'Hur når vi de mest isolerade äldre?' });
      const { parties } = await driver.step('choose-cooperation-form', { form: 'IOP', rationale: 'Ett gemensamt åtagande, inte ett köp.' });
      await driver.step('complete-initiation');
      await driver.step('save-agreement-draft', { sections: fullAgreement });
      await driver.step('submit-for-legal-review');
      await driver.passLegalReview();
      const [kommun, region, forening] = parties.map((p: { partyId: string }) => p.partyId);
      const posted = await timers.today();
      const bodies = { [kommun]: 'Kommunstyrelsen', [region]: 'Regionstyrelsen', [forening]: 'Föreningens styrelse' };
      for (const partyId of [kommun, region, forening]) {
        const isPublic = partyId !== forening;
        await driver.step('record-decision', {
          partyId, agreementVersion: 1, outcome: 'YES', decidingBody: bodies[partyId], decidingBodyKind: isPublic ? 'STYRELSE' : 'BOARD',
          meetingDate: posted, approvalDate: posted, postingDate: isPublic ? posted : null,
        });
      }
      const lastDay = (await driver.state()).decisions.find((d: any) => d.partyId === kommun).appealWindowEnds;

      await timers.sleepUntil(finalFrom(posted));
      const late = await driver.attempt('record-appeal', { partyId: kommun, lodgedOn: finalFrom(posted) });
      expect(late.body).toMatchObject({ status: 409, reason: 'APPEAL_TOO_LATE', detail: `The last day to appeal was ${lastDay}` });

      const sent = (await timers.db.outboundEmail.findMany({ where: { partnershipId: driver.id, kind: 'DECISION_FINAL' } })).map((e) => e.messageId);
      const texts = timers.smtp.messages.filter((m) => sent.includes(m.messageId ?? '')).map((m) => m.text ?? '');
      expect(texts).toHaveLength(2);
      const [ofKommun, ofRegion] = ['Borås Stad', 'Västra Götalandsregionen'].map((name) => texts.find((t) => t.includes(name)) ?? texts.join('\n---\n'));
      expect(ofKommun).toContain('Beslutet som Kommunstyrelsen i Borås Stad fattade om "Språkvänner i Borås" har vunnit laga kraft.');
      expect(ofRegion).toContain('Beslutet som Regionstyrelsen i Västra Götalandsregionen fattade om "Språkvänner i Borås" har vunnit laga kraft.');
      for (const text of texts) {
        expect(text).toContain(`Överklagandetiden löpte ut ${lastDay} utan att något överklagande registrerats.`);
        expect(text).not.toContain(finalFrom(posted));
      }
    });
  }, 120_000);

  it('when no follow-up is recorded for 120 days after the last one, then every party and the coordinator are nudged', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const { parties, start } = await timers.implementing(driver);
      const met = addDays(start, 10);
      await timers.sleepUntil(met);
      await driver.step('record-follow-up', { date: met, participantPartyIds: parties, summary: 'Första träffen.' });

      await timers.sleepUntil(addDays(start, 125));
      expect((await timers.notices(driver)).filter((n) => n.includes('SILENCE_NUDGE'))).toEqual([]);

      await timers.sleepUntil(addDays(met, 121));
      expect((await timers.notices(driver)).filter((n) => n.includes('SILENCE_NUDGE'))).toEqual([`${addDays(met, 120)} SILENCE_NUDGE ${coordinator}`]);
      expect(timers.smtp.messages.filter((m) => m.subject?.startsWith('Det var länge sedan'))).toHaveLength(1);
    });
  }, 120_000);

  it('when the parties move the end of the term, then the renegotiation notices follow it and none goes out on the old dates', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const { parties, end } = await timers.implementing(driver, 2);
      const newEnd = addMonths(end, 12);
      await driver.step('agree-adjustment', { agreedOn: await timers.today(), description: 'Ett år till', consentingPartyIds: parties, newTermEndDate: newEnd });

      const listed = (await api(timers.system, 'GET', `/api/v1/partnerships/${driver.id}/deadlines`, { key: timers.system.adminKey })).body.deadlines;
      expect(listed.filter((d: any) => d.kind === 'RENEGOTIATION_NOTICE').map((d: any) => d.dueOn)).toEqual([12, 6, 3].map((m) => addMonths(newEnd, -m)));
      expect(listed.find((d: any) => d.kind === 'TERM_END').dueOn).toBe(newEnd);
      // The workflow's own Query shows the same schedule as the API's record.
      const queried = await timers.handle(driver).query(upcomingDeadlinesQuery);
      expect(queried.map((d) => [d.key, d.dueOn])).toEqual(listed.map((d: any) => [d.key, d.dueOn]));

      await timers.sleepUntil(addDays(addMonths(end, -3), 1));
      expect((await timers.notices(driver)).filter((n) => n.includes('RENEGOTIATION_NOTICE'))).toEqual([]);

      await timers.sleepUntil(addMonths(newEnd, -12));
      expect((await timers.notices(driver)).filter((n) => n.includes('RENEGOTIATION_NOTICE'))).toEqual([`${addMonths(newEnd, -12)} RENEGOTIATION_NOTICE ${coordinator}`]);
    });
  }, 180_000);

  it('when the follow-up cadence is changed, then the pending meetings are rescheduled to it', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const { start } = await timers.implementing(driver);
      await driver.step('set-timing', { followUp: { denseMonths: 0, denseEveryMonths: 1, thenEveryMonths: 6, remindDaysBefore: 14 } });

      const meetings = (await api(timers.system, 'GET', `/api/v1/partnerships/${driver.id}/deadlines`, { key: timers.system.adminKey })).body.deadlines.filter(
        (d: any) => d.kind === 'FOLLOW_UP_MEETING',
      );
      expect(meetings.slice(0, 2).map((d: any) => d.dueOn)).toEqual([addMonths(start, 6), addMonths(start, 12)]);

      await timers.sleepUntil(addMonths(start, 6));
      expect((await timers.notices(driver)).filter((n) => n.includes('FOLLOW_UP'))).toEqual([
        `${addDays(addMonths(start, 6), -14)} FOLLOW_UP_REMINDER ${coordinator}`,
        `${addMonths(start, 6)} FOLLOW_UP_MEETING ${coordinator}`,
      ]);
    });
  }, 120_000);

  it('when a partnership is terminated, then nothing pending is sent any more and no deadline is listed', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const { start } = await timers.implementing(driver);
      await timers.sleepUntil(addMonths(start, 1));
      const before = await timers.notices(driver);
      expect(before).toContain(`${addMonths(start, 1)} FOLLOW_UP_MEETING ${coordinator}`);

      await driver.step('terminate', { reason: 'Föreningen har upphört', agreementClause: '§ 12 Hävning' });
      await timers.sleepUntil(addMonths(start, 30));

      expect(await timers.notices(driver)).toEqual(before);
      expect((await timers.handle(driver).describe()).status.name).toBe('COMPLETED');
      const listed = (await api(timers.system, 'GET', `/api/v1/partnerships/${driver.id}/deadlines`, { key: timers.system.adminKey })).body.deadlines;
      expect(listed).toEqual([]);
    });
  }, 120_000);

  it('when the appeal window passes, then decisions become final by themselves; when the term runs out with no new one, then the partnership ends', async () => {
    const { env, db } = timers;
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const parties = await driver.initiate();
      await driver.step('save-agreement-draft', { sections: fullAgreement });
      await driver.step('submit-for-legal-review');
      await driver.passLegalReview();
      const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
      const today = stockholmDay(await env.currentTimeMs());
      for (const [i, partyId] of parties.entries()) {
        const isPublic = i < 2;
        await driver.step('record-decision', {
          partyId, agreementVersion: 1, outcome: 'YES', decidingBody: isPublic ? 'Socialnämnden' : 'Styrelsen', decidingBodyKind: isPublic ? 'NAMND' : 'BOARD',
          meetingDate: today, postingDate: isPublic ? today : null,
        });
      }
      expect((await driver.attempt('start-implementation', { startDate: day(30) })).body.reason).toBe('DECISIONS_NOT_FINAL');

      await timers.sleepUntil(finalFrom(today));
      const final = await driver.state();
      expect(final.decisions.map((d: any) => d.final)).toEqual([true, true, true]);
      const audit = await db.auditEvent.findMany({ where: { partnershipId: driver.id, action: 'partnership.confirmDecisionFinal' } });
      expect(audit.map((a) => a.actorType)).toEqual(['SYSTEM', 'SYSTEM']);

      await driver.step('start-implementation', { startDate: day(30), endDate: day(400) });
      await env.sleep('380 days');
      const handle = env.client.workflow.getHandle(`partnership-${driver.id}`);
      await handle.result();

      expect(await driver.state()).toMatchObject({ phase: 'ENDED', ending: { kind: 'ENDED', reason: 'The term ran out without a decision on a new term' } });
      const row = await db.partnership.findUniqueOrThrow({ where: { id: driver.id } });
      expect(row.phase).toBe('ENDED');
      const kinds = (await db.outboundEmail.findMany({ where: { partnershipId: driver.id } })).map((e) => e.kind);
      expect(kinds).toEqual(expect.arrayContaining(['DECISION_FINAL', 'RENEGOTIATION_NOTICE', 'FOLLOW_UP_REMINDER', 'TERM_END_REMINDER', 'TERM_ENDED']));
      // The end is told once, by the step that ended it.
      expect(kinds.filter((k) => k.startsWith('TERM_END')).sort()).toEqual(['TERM_ENDED', 'TERM_END_REMINDER']);
    });
  }, 120_000);
});
