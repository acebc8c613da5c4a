import { addDays } from '../../domain/dates';
import { upcomingDeadlinesQuery } from '../../workflows/messages';
import { recordRunHistoryIfAsked } from '../support/record-history';
import { TimeSkippingSystem } from '../support/time-skipping';

const coordinator = 'anna.andersson@example.se';

// Renegotiation to its end, over the API on the time-skipping server: an agreed term starts by
// itself on its first day; a term nobody agreed to continue ends on its last, and says so truthfully.
describe('the end of a term', () => {
  let timers: TimeSkippingSystem;

  beforeAll(async () => {
    timers = await TimeSkippingSystem.start();
  });
  afterEach(() => timers.terminateLeftovers());
  afterAll(() => timers.stop());

  it('when every party has agreed to continue, then the agreed term starts by itself the day after the last, and everyone is told', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const { parties, end } = await timers.implementing(driver, 2);
      const firstRun = (await timers.handle(driver).describe()).runId;
      await driver.evaluateAndRenegotiate();
      const agreed = await driver.step('record-renegotiation-outcome', {
        outcome: 'CONTINUE',
        consents: parties.map((partyId) => ({ partyId, decision: 'YES' })),
        note: 'Vi fortsätter.',
      });
      expect(agreed.renegotiations.at(-1).nextTerm).toMatchObject({ startDate: addDays(end, 1), backTo: 'FORMULATION' });
      const planned = await timers.handle(driver).query(upcomingDeadlinesQuery);
      expect(planned.map((d) => d.kind)).toContain('NEW_TERM_START');
      expect(planned.map((d) => d.kind)).not.toContain('TERM_END_REMINDER');

      await timers.sleepUntil(addDays(end, 2));
      const state = await driver.state();
      expect(state).toMatchObject({ term: 2, phase: 'FORMULATION', ending: null });
      expect(state.terms.at(-1)).toMatchObject({ term: 2, startDate: addDays(end, 1) });
      const started = await timers.db.auditEvent.findMany({ where: { partnershipId: driver.id, action: 'partnership.startNewTerm' } });
      expect(started.map((a) => a.actorType)).toEqual(['SYSTEM']);
      const told = await timers.db.outboundEmail.findMany({ where: { partnershipId: driver.id, kind: { in: ['NEW_TERM_STARTED', 'TERM_ENDED', 'TERM_END'] } } });
      expect(told.map((e) => `${e.kind} ${e.recipient}`)).toEqual([`NEW_TERM_STARTED ${coordinator}`]);
      await recordRunHistoryIfAsked(timers.env.client, driver.id, firstRun, 'renewal-starts-by-itself');
    });
  }, 180_000);

  it('when no new term is agreed, then the coordinator is reminded a month ahead and the partnership ends on the last day, told truthfully why', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const { end } = await timers.implementing(driver, 1);

      await timers.sleepUntil(addDays(end, -30));
      expect((await timers.notices(driver)).filter((n) => n.includes('TERM_END'))).toEqual([`${addDays(end, -30)} TERM_END_REMINDER ${coordinator}`]);
      expect(timers.smtp.messages.some((m) => m.subject === 'Ingen ny avtalsperiod beslutad: Språkvänner i Borås')).toBe(true);

      await timers.sleepUntil(addDays(end, 1));
      expect(await driver.state()).toMatchObject({ phase: 'ENDED', ending: { kind: 'ENDED' } });
      const told = await timers.db.outboundEmail.findMany({ where: { partnershipId: driver.id, kind: { in: ['TERM_ENDED', 'TERM_END'] } } });
      expect(told.map((e) => `${e.kind} ${e.recipient}`)).toEqual([`TERM_ENDED ${coordinator}`]);
      const mail = timers.smtp.messages.find((m) => m.subject === 'Avtalstiden har löpt ut: Språkvänner i Borås');
      expect(mail?.text).toContain('Ingen överenskommelse om en ny period registrerades under omförhandlingen');
      expect(mail?.text).not.toContain('beslutat om en ny period');

      // The final accounts come after the end.
      const accounted = await driver.step('record-final-accounts', { surplus: { handling: 'REINVESTED', amountSek: 12000, note: 'Till föreningens fortsatta arbete.' } });
      expect(accounted).toMatchObject({ phase: 'ENDED', ending: { surplus: { handling: 'REINVESTED', amountSek: 12000 } } });
      await timers.handle(driver).result();
      await recordRunHistoryIfAsked(timers.env.client, driver.id, (await timers.handle(driver).describe()).runId, 'term-ends-then-final-accounts');
    });
  }, 180_000);
});
