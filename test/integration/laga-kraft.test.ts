import { addDays } from '../../domain/dates';
import { upcomingDeadlinesQuery } from '../../workflows/messages';
import { fullAgreement, type PartnershipDriver } from '../support/lifecycle';
import { recordRunHistoryIfAsked } from '../support/record-history';
import { lastDayToAppealByLaw, namedDay, nextPostingEndingOn, nextPostingEndingOnSaturday, stockholmInstant } from '../support/swedish-days';
import { TimeSkippingSystem } from '../support/time-skipping';

const coordinator = 'anna.andersson@example.se';

// Laga kraft by kommunallagen 13 kap. 5 § and lag (1930:173): three weeks from the posting, the
// last day moved past weekends, holidays and the three eves, final from the day after. Each case
// finds its next posting day from the test server's clock, so that it runs on any day, and is driven
// over the API on the time-skipping server, whose clock only moves on.
const cases: [string, (today: string) => string][] = [
  // [why, the next posting day after today whose three weeks end so]
  ['Christmas eve, then Christmas and a weekend', (today) => nextPostingEndingOn(today, (year) => `${year}-12-24`)],
  ['a Saturday', (today) => nextPostingEndingOnSaturday(today)],
  ['Good Friday, then Easter', (today) => nextPostingEndingOn(today, (year) => namedDay(year, 'långfredagen'))],
  ['midsummer eve, then midsummer day and a Sunday', (today) => nextPostingEndingOn(today, (year) => namedDay(year, 'midsommarafton'))],
  ['New Year’s eve, then New Year’s day and a weekend', (today) => nextPostingEndingOn(today, (year) => `${year}-12-31`)],
];

describe('laga kraft, over the API, as the calendar passes', () => {
  let timers: TimeSkippingSystem;

  beforeAll(async () => {
    timers = await TimeSkippingSystem.start();
  });
  afterEach(() => timers.terminateLeftovers());
  afterAll(() => timers.stop());

  async function inDecision(driver: PartnershipDriver): Promise<string[]> {
    const parties = await driver.initiate();
    await driver.step('save-agreement-draft', { sections: fullAgreement });
    await driver.step('submit-for-legal-review');
    await driver.passLegalReview();
    return parties;
  }

  /** In DECISION, every party's yes recorded today, the public ones posted today. */
  async function allSaidYesToday(driver: PartnershipDriver) {
    const [kommun, region, forening] = await inDecision(driver);
    const today = await timers.today();
    for (const [party, isPublic] of [[kommun, true], [region, true], [forening, false]] as const) await driver.decide(party!, 1, 'YES', isPublic, today);
    return { kommun, region, forening, today };
  }

  /** To an instant of the test server's clock. */
  const sleepUntilInstant = async (instant: number) => timers.env.sleep(instant - (await timers.env.currentTimeMs()));

  it.each(cases)(
    'when three weeks from the posting end on %s, then the decision stays open to appeal through the last day and is final by itself the day after',
    async (_why, nextPosting) => {
      const worker = await timers.worker();
      await worker.runUntil(async () => {
        const driver = await timers.register();
        const [kommun, region, forening] = await inDecision(driver);
        const meeting = await timers.today();
        const posted = nextPosting(addDays(meeting, 1));
        const lastDay = lastDayToAppealByLaw(posted);
        expect(lastDay > addDays(posted, 21)).toBe(true);
        // The region's minutes are posted later: its posting date is recorded by a step of its own.
        await driver.decide(kommun!, 1, 'YES', true, meeting);
        await driver.step('record-decision', { partyId: region, agreementVersion: 1, outcome: 'YES', decidingBody: 'Regionstyrelsen', decidingBodyKind: 'STYRELSE', meetingDate: meeting });
        await driver.decide(forening!, 1, 'YES', false, meeting);
        const early = await driver.attempt('record-posting', { partyId: region, postingDate: addDays(meeting, 1) });
        expect(early.body).toMatchObject({ status: 409, reason: 'DATE_IN_FUTURE' });

        await timers.sleepUntil(posted);
        const recorded = await driver.step('record-posting', { partyId: region, postingDate: posted, approvalDate: addDays(posted, -1) });
        expect(recorded.decisions.find((d: any) => d.partyId === region)).toMatchObject({ postingDate: posted, appealWindowEnds: lastDay, final: false });

        await timers.sleepUntil(lastDay);
        const onLastDay = await driver.attempt('confirm-decision-final', { partyId: region });
        expect(onLastDay.body).toMatchObject({ status: 409, reason: 'APPEAL_WINDOW_OPEN' });
        expect((await driver.state()).decisions.find((d: any) => d.partyId === region).final).toBe(false);

        await timers.sleepUntil(addDays(lastDay, 1));
        const final = (await driver.state()).decisions.find((d: any) => d.partyId === region);
        expect(final).toMatchObject({ final: true, appealed: false });
        expect((await timers.notices(driver)).filter((n) => n.includes('DECISION_FINAL'))).toContain(`${addDays(lastDay, 1)} DECISION_FINAL ${coordinator}`);
        const confirmed = await timers.db.auditEvent.findMany({ where: { partnershipId: driver.id, action: 'partnership.confirmDecisionFinal' } });
        expect(confirmed.map((a) => a.actorType)).toContain('SYSTEM');
      });
    },
    180_000,
  );

  it('when an appeal dated the last day to appeal comes at 00:30 in Sweden that day, then it is taken; one dated the day after, at 00:30 that day, is too late and the decision can be confirmed final', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const { kommun, region, today } = await allSaidYesToday(driver);
      const lastDay = lastDayToAppealByLaw(today);

      await sleepUntilInstant(stockholmInstant(lastDay, '00:30'));
      const inTime = await driver.step('record-appeal', { partyId: kommun, lodgedOn: lastDay });
      expect(inTime.decisions.find((d: any) => d.partyId === kommun)).toMatchObject({ appealed: true, final: false });

      const dayAfter = addDays(lastDay, 1);
      await sleepUntilInstant(stockholmInstant(dayAfter, '00:30'));
      const late = await driver.attempt('record-appeal', { partyId: region, lodgedOn: dayAfter });
      expect(late.body).toMatchObject({ status: 409, reason: 'APPEAL_TOO_LATE' });
      const confirmed = await driver.step('confirm-decision-final', { partyId: region });
      expect(confirmed.decisions.find((d: any) => d.partyId === region)).toMatchObject({ final: true });
    });
  }, 180_000);

  it('when implementation starts before a public decision is final, then its window is still watched: an appeal in time holds it, a late one is refused, and it is confirmed final in IMPLEMENTATION', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const { kommun, region, forening, today } = await allSaidYesToday(driver);
      const started = await driver.step('start-implementation', { startDate: today, beforeFinal: { reason: 'Verksamheten kan inte vänta.' } });
      expect(started.phase).toBe('IMPLEMENTATION');
      const lastDay = started.decisions.find((d: any) => d.partyId === kommun).appealWindowEnds;

      const deadlines = await timers.handle(driver).query(upcomingDeadlinesQuery);
      expect(deadlines.filter((d) => d.kind === 'DECISION_FINAL').map((d) => [d.partyId, d.dueOn]).sort()).toEqual(
        [
          [kommun, addDays(lastDay, 1)],
          [region, addDays(lastDay, 1)],
        ].sort(),
      );

      await timers.sleepUntil(addDays(today, 5));
      const appeal = await driver.step('record-appeal', { partyId: region, lodgedOn: addDays(today, 4) });
      expect(appeal.decisions.find((d: any) => d.partyId === region)).toMatchObject({ appealed: true, final: false });

      await timers.sleepUntil(addDays(lastDay, 2));
      const state = await driver.state();
      expect(state.phase).toBe('IMPLEMENTATION');
      expect(state.decisions.map((d: any) => [d.partyId, d.final, d.appealed])).toEqual([
        [kommun, true, false],
        [region, false, true],
        [forening, true, false],
      ]);
      const late = await driver.attempt('record-appeal', { partyId: kommun, lodgedOn: addDays(lastDay, 1) });
      expect(late.body).toMatchObject({ status: 409, reason: 'APPEAL_TOO_LATE' });

      const stands = await driver.step('record-appeal-outcome', { partyId: region, decisionStands: true });
      expect(stands.decisions.find((d: any) => d.partyId === region)).toMatchObject({ final: true, appealed: false });
      expect(stands.phase).toBe('IMPLEMENTATION');
      await recordRunHistoryIfAsked(timers.env.client, driver.id, (await timers.handle(driver).describe()).runId, 'finality-watched-in-implementation');
    });
  }, 180_000);

  it('when a client’s dates contradict the workflow’s clock, then each is refused with its reason or handled explicitly', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const [kommun, region, forening] = await inDecision(driver);
      const today = await timers.today();
      const decision = (partyId: string, meetingDate: string, postingDate: string | null) => ({
        partyId, agreementVersion: 1, outcome: 'YES', decidingBody: 'Kommunfullmäktige', decidingBodyKind: 'FULLMAKTIGE', meetingDate, postingDate,
      });

      expect((await driver.attempt('record-decision', decision(kommun!, addDays(today, 3), null))).body).toMatchObject({ reason: 'DATE_IN_FUTURE' });
      expect((await driver.attempt('record-decision', decision(kommun!, addDays(today, -10), addDays(today, -12)))).body).toMatchObject({ reason: 'BAD_DATES' });
      // Posted long ago: the window has passed on the workflow's clock, and the decision is final at once.
      const old = await driver.step('record-decision', decision(kommun!, addDays(today, -90), addDays(today, -85)));
      expect(old.decisions[0]).toMatchObject({ postingDate: addDays(today, -85), final: true });
      await driver.step('record-decision', decision(region!, today, today));
      await driver.decide(forening!, 1, 'YES', false, today);

      const ended = await driver.attempt('start-implementation', { startDate: addDays(today, -60), endDate: addDays(today, -1), beforeFinal: { reason: 'Sent registrerat.' } });
      expect(ended.body).toMatchObject({ reason: 'TERM_ALREADY_ENDED' });
      const farBack = await driver.attempt('start-implementation', { startDate: addDays(today, -120), beforeFinal: { reason: 'Sent registrerat.' } });
      expect(farBack.body).toMatchObject({ reason: 'START_TOO_FAR_BACK' });
      const started = await driver.step('start-implementation', { startDate: addDays(today, -30), beforeFinal: { reason: 'Verksamheten pågår redan.' } });
      expect(started.terms[0]).toMatchObject({ startDate: addDays(today, -30) });
      // Nothing planned for a day already past.
      const planned = await timers.handle(driver).query(upcomingDeadlinesQuery);
      expect(planned.every((d) => d.dueOn >= today)).toBe(true);
    });
  }, 180_000);
});
