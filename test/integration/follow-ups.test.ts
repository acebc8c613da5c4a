import { addDays, addMonths } from '../../domain/dates';
import { upcomingDeadlinesQuery } from '../../workflows/messages';
import { api } from '../support/system';
import { TimeSkippingSystem } from '../support/time-skipping';

const coordinator = 'anna.andersson@example.se';

// Follow-ups (löpande samråd) until the term ends, over the API on the time-skipping server.
describe('follow-ups as the term goes on', () => {
  let timers: TimeSkippingSystem;

  beforeAll(async () => {
    timers = await TimeSkippingSystem.start();
  });
  afterEach(() => timers.terminateLeftovers());
  afterAll(() => timers.stop());

  it('when a follow-up is recorded months late and silence follows, then nothing is planned in the past, and the nudge comes and repeats', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const { parties, start } = await timers.implementing(driver, 2);

      await timers.sleepUntil(addDays(start, 150));
      const future = await driver.attempt('record-follow-up', { date: addDays(start, 151), participantPartyIds: parties, summary: 'Planerat möte.' });
      expect(future.body).toMatchObject({ status: 409, reason: 'DATE_IN_FUTURE' });
      const met = addDays(start, 10);
      await driver.step('record-follow-up', { date: met, participantPartyIds: parties, summary: 'Första träffen, registrerad i efterhand.' });

      const today = await timers.today();
      const listed = (await api(timers.system, 'GET', `/api/v1/partnerships/${driver.id}/deadlines`, { key: timers.system.adminKey })).body.deadlines;
      expect(listed.every((d: any) => d.dueOn >= today)).toBe(true);
      expect(listed.filter((d: any) => d.kind === 'SILENCE_NUDGE').map((d: any) => d.dueOn)).toEqual([addDays(met, 240), addDays(met, 360)]);

      await timers.sleepUntil(addDays(met, 361));
      expect((await timers.notices(driver)).filter((n) => n.includes('SILENCE_NUDGE'))).toEqual([
        `${addDays(start, 120)} SILENCE_NUDGE ${coordinator}`,
        `${addDays(met, 240)} SILENCE_NUDGE ${coordinator}`,
        `${addDays(met, 360)} SILENCE_NUDGE ${coordinator}`,
      ]);
    });
  }, 180_000);

  it('when the term is evaluated and renegotiated, then meetings go on being planned and follow-ups recorded until it ends', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const { parties, start, end } = await timers.implementing(driver, 2);
      await timers.sleepUntil(addMonths(start, 8));
      await driver.step('start-evaluation');
      const inEvaluation = await driver.step('record-follow-up', { date: await timers.today(), participantPartyIds: parties, summary: 'Samråd under utvärderingen.' });
      expect(inEvaluation).toMatchObject({ phase: 'EVALUATION' });
      expect(inEvaluation.followUps).toHaveLength(1);
      await driver.evaluateAndRenegotiate();
      expect((await driver.state()).phase).toBe('RENEGOTIATION');

      const planned = await timers.handle(driver).query(upcomingDeadlinesQuery);
      const meetings = planned.filter((d) => d.kind === 'FOLLOW_UP_MEETING').map((d) => d.dueOn);
      expect(meetings[0]).toBe(addMonths(start, 9));
      expect(meetings.at(-1)! < end).toBe(true);

      await timers.sleepUntil(addMonths(start, 9));
      expect(await timers.notices(driver)).toContain(`${addMonths(start, 9)} FOLLOW_UP_MEETING ${coordinator}`);
      const recorded = await driver.step('record-follow-up', { date: addMonths(start, 9), participantPartyIds: parties, summary: 'Samråd under omförhandlingen.' });
      expect(recorded.phase).toBe('RENEGOTIATION');
      expect(recorded.followUps.at(-1)).toMatchObject({ date: addMonths(start, 9) });
    });
  }, 180_000);
});
