import { createApiKey } from '../../api/auth/api-keys';
import { addDays } from '../../domain/dates';
import { followUpMeetings } from '../../domain/deadlines';
import { defaultTiming } from '../../domain/timing';
import { registerOrganisation, runningPartnershipBody } from '../support/lifecycle';
import { api } from '../support/system';
import { recordRunHistoryIfAsked } from '../support/record-history';
import { TimeSkippingSystem } from '../support/time-skipping';

const coordinator = 'anna.andersson@example.se';

// Bringing in a running partnership, over the API on the time-skipping server: what fell due
// before the import is not sent; the next notices are, on their days.
describe('a running partnership brought in', () => {
  let timers: TimeSkippingSystem;

  beforeAll(async () => {
    timers = await TimeSkippingSystem.start();
  });
  afterAll(() => timers.stop());

  async function runningPartnership(today: string) {
    const kommun = await registerOrganisation(timers.system, 'PUBLIC', 'Borås stad');
    const forening = await registerOrganisation(timers.system, 'IDEBUREN', 'Språkföreningen');
    return runningPartnershipBody(today, (start) => ({
      parties: [
        { organisationId: kommun, kind: 'PUBLIC', joinedOn: addDays(start, -30) },
        { organisationId: forening, kind: 'IDEBUREN' },
      ],
      decisions: [
        { organisationId: kommun, decidingBody: 'Kommunstyrelsen', decidingBodyKind: 'STYRELSE', meetingDate: addDays(start, -40), paragraph: '§ 112', postingDate: addDays(start, -35) },
        { organisationId: forening, decidingBody: 'Styrelsen', decidingBodyKind: 'BOARD', meetingDate: addDays(start, -45) },
      ],
      // The silence nudge from this meeting falls due on the import's day, before it: not sent.
      lastFollowUp: { date: addDays(today, -120), summary: 'Samråd om sommarens verksamhet.' },
    }));
  }

  // First, while the test server's clock is still the API host's: the API asks the rules on its own clock before it stores anything.
  it('when a running partnership is refused by the rules or by the caller’s role, then nothing is stored', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const today = await timers.today();
      const body = await runningPartnership(today);
      const before = await timers.db.partnership.count();

      const ended = await api(timers.system, 'POST', '/api/v1/partnership-imports', { key: timers.system.adminKey, body: { ...body, partnership: { ...body.partnership, termEndDate: addDays(today, -1) } } });
      expect(ended.body).toMatchObject({ status: 409, reason: 'TERM_ALREADY_ENDED' });
      const undecided = await api(timers.system, 'POST', '/api/v1/partnership-imports', { key: timers.system.adminKey, body: { ...body, partnership: { ...body.partnership, decisions: body.partnership.decisions.slice(0, 1).concat(body.partnership.decisions.slice(0, 1)) } } });
      expect(undecided.body).toMatchObject({ status: 409, reason: 'DECISIONS_PENDING' });
      const unknown = await api(timers.system, 'POST', '/api/v1/partnership-imports', {
        key: timers.system.adminKey,
        body: { ...body, partnership: { ...body.partnership, parties: [{ ...body.partnership.parties[0], organisationId: crypto.randomUUID() }, body.partnership.parties[1]] } },
      });
      expect(unknown.status).toBe(404);
      expect(unknown.body).toMatchObject({ type: '/problems/reference-not-found', errors: [expect.objectContaining({ field: 'partnership.parties.0.organisationId' })] });
      const officer = (await createApiKey(timers.db, { role: 'CASE_OFFICER', label: 'import' })).key;
      expect((await api(timers.system, 'POST', '/api/v1/partnership-imports', { key: officer, body })).status).toBe(403);

      expect(await timers.db.partnership.count()).toBe(before);
    });
  }, 120_000);

  it('when a running partnership is brought in after the day’s notices went out, then nothing due before it is sent, and the next notices are, on their days', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const today = await timers.afterTodaysNotices();
      const body = await runningPartnership(today);

      const imported = await api(timers.system, 'POST', '/api/v1/partnership-imports', { key: timers.system.adminKey, body });
      expect(imported.status).toBe(201);
      const id = imported.body.id as string;
      expect(imported.headers.get('location')).toBe(`/api/v1/partnerships/${id}`);
      expect(imported.body).toMatchObject({
        phase: 'IMPLEMENTATION',
        term: 1,
        versionInForce: 1,
        challenge: 'Nyanlända som saknar någon att öva svenska med.',
        terms: [{ term: 1, startDate: body.partnership.termStartDate, endDate: body.partnership.termEndDate }],
        implementation: { startDate: body.partnership.termStartDate, beforeFinal: null },
      });
      expect(imported.body.decisions.map((d: any) => [d.outcome, d.final])).toEqual([
        ['YES', true],
        ['YES', true],
      ]);
      expect(imported.body.parties.map((p: any) => p.joinedOn)).toEqual([addDays(body.partnership.termStartDate, -30), body.partnership.termStartDate]);
      expect(imported.body.followUps.map((f: any) => f.date)).toEqual([addDays(today, -120)]);
      // The work list is right at once: the follow-up of the first meeting after the last one recorded.
      const deadlines = (await api(timers.system, 'GET', `/api/v1/partnerships/${id}/deadlines`, { key: timers.system.adminKey })).body.deadlines;
      expect(deadlines.every((d: any) => d.dueOn >= today)).toBe(true);
      const nextMeeting = deadlines.find((d: any) => d.kind === 'FOLLOW_UP_MEETING' && d.dueOn > today).dueOn;
      const meetings = followUpMeetings(body.partnership.termStartDate, body.partnership.termEndDate, defaultTiming);
      const tasks = (await api(timers.system, 'GET', `/api/v1/tasks?partnershipId=${id}`, { key: timers.system.adminKey })).body.tasks;
      // And each party, brought in without contact persons, until they are assigned.
      expect(tasks.map((t: any) => [t.kind, t.partyId, t.dueOn])).toEqual([
        ['FOLLOW_UP', null, meetings.find((m) => m > addDays(today, -120))],
        ...imported.body.parties.map((p: any) => ['CONTACTS_MISSING', p.partyId, null]),
      ]);

      await timers.sleepUntil(addDays(today, 121));
      const sent = await timers.db.outboundEmail.findMany({ where: { partnershipId: id } });
      // No "registered" e-mail, and nothing dated on or before the import's day.
      expect(sent.map((e) => e.kind)).not.toContain('partnership-registered');
      expect(sent.filter((e) => !e.dueOn || e.dueOn <= today)).toEqual([]);
      expect(sent.filter((e) => e.kind === 'SILENCE_NUDGE').map((e) => `${e.dueOn} ${e.recipient}`)).toEqual([`${addDays(today, 120)} ${coordinator}`]);
      expect(sent.filter((e) => e.kind === 'FOLLOW_UP_MEETING').map((e) => e.dueOn)).toContain(nextMeeting);

      const audit = await timers.db.auditEvent.findMany({ where: { partnershipId: id }, orderBy: { id: 'asc' } });
      expect(audit.slice(0, 2).map((a) => [a.action, a.phaseAfter])).toEqual([
        ['partnership.registered', 'INITIATION'],
        ['partnership.importRunningPartnership', 'IMPLEMENTATION'],
      ]);
      const handle = timers.env.client.workflow.getHandle(`partnership-${id}`);
      await recordRunHistoryIfAsked(timers.env.client, id, (await handle.describe()).runId, 'running-partnership-imported');
      await handle.terminate('test over');
    });
  }, 180_000);
});
