import { addDays, addMonths } from '../../domain/dates';
import { partnershipStateQuery } from '../../workflows/messages';
import { api } from '../support/system';
import { TimeSkippingSystem } from '../support/time-skipping';

const coordinator = 'anna.andersson@example.se';

// What must survive: an SMTP server that is down when a reminder falls due, and a worker that is
// gone while timers are pending. Time passes on the time-skipping server; SMTP and the database are real.
describe('deadline notices when things fail', () => {
  let timers: TimeSkippingSystem;

  beforeAll(async () => {
    timers = await TimeSkippingSystem.start();
  });
  afterEach(async () => {
    await timers.terminateLeftovers();
    await timers.smtp.start().catch(() => undefined);
  });
  afterAll(() => timers.stop());

  it('when SMTP is down as a reminder falls due, then the reminder waits, is delivered once when SMTP is back, and every failed attempt is on record', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      await timers.toLegalReview(driver);
      const entered = await timers.today();

      await timers.smtp.stop();
      await timers.sleepUntil(addDays(entered, 14));
      const waiting = await timers.db.outboundEmail.findMany({ where: { partnershipId: driver.id, kind: 'REVIEW_REMINDER' } });
      expect(waiting).toEqual([expect.objectContaining({ status: 'PENDING', dueOn: addDays(entered, 14), recipient: coordinator, lastError: expect.stringMatching(/ECONNREFUSED/) })]);
      expect(waiting[0]!.attempts).toBeGreaterThan(1);
      const before = timers.smtp.messages.length;

      await timers.smtp.start();
      await timers.sleepUntil(addDays(entered, 15));
      const delivered = await timers.db.outboundEmail.findMany({ where: { partnershipId: driver.id, kind: 'REVIEW_REMINDER' } });
      expect(delivered).toEqual([expect.objectContaining({ status: 'SENT', lastError: expect.stringMatching(/ECONNREFUSED/) })]);
      expect(delivered[0]!.attempts).toBeGreaterThan(waiting[0]!.attempts);
      expect(timers.smtp.messages.slice(before).map((m) => m.subject)).toEqual(['Påminnelse: juridisk granskning av Språkvänner i Borås']);

      // A case officer reads the same record over the API.
      const listed = await api(timers.system, 'GET', `/api/v1/partnerships/${driver.id}/notifications`, { key: timers.system.adminKey });
      expect(listed.body.notifications).toEqual([
        expect.objectContaining({ kind: 'partnership-registered', dueOn: null, status: 'SENT', attempts: 1, lastError: null }),
        expect.objectContaining({ kind: 'REVIEW_REMINDER', dueOn: addDays(entered, 14), recipient: coordinator, status: 'SENT', lastError: expect.stringMatching(/ECONNREFUSED/) }),
      ]);
    });
  }, 120_000);

  it('when the worker is gone while timers are pending, then a new worker fires them, sends nothing twice, and the records match the workflow', async () => {
    const first = await timers.worker({ toBeStopped: true });
    const firstRunning = first.run();
    const driver = await timers.register();
    const { start } = await timers.implementing(driver);
    await timers.sleepUntil(addMonths(start, 1));
    const sentBefore = await timers.notices(driver);
    expect(sentBefore).toContain(`${addMonths(start, 1)} FOLLOW_UP_MEETING ${coordinator}`);
    first.shutdown();
    await firstRunning;

    // A new worker, with nothing of the old one's cache, replays the history and takes over the
    // pending timers. (Time cannot pass on the time-skipping server while no worker polls: its
    // clock waits for the workflow task that a fired timer creates.)
    const second = await timers.worker();
    await second.runUntil(async () => {
      await timers.sleepUntil(addMonths(start, 4));
      const sent = await timers.notices(driver);
      expect(sent).toEqual(
        [
          ...sentBefore,
          ...[2, 3, 4].flatMap((m) => [
            `${addDays(addMonths(start, m), -7)} FOLLOW_UP_REMINDER ${coordinator}`,
            `${addMonths(start, m)} FOLLOW_UP_MEETING ${coordinator}`,
          ]),
          `${addDays(start, 120)} SILENCE_NUDGE ${coordinator}`,
        ].sort(),
      );
      const rows = await timers.db.outboundEmail.findMany({ where: { partnershipId: driver.id, dueOn: { not: null } } });
      expect(rows.every((r) => r.status === 'SENT' && r.attempts === 1)).toBe(true);
      expect(timers.smtp.messages.filter((m) => m.subject?.startsWith('Samråd'))).toHaveLength(4);

      const live = await timers.handle(driver).query(partnershipStateQuery);
      const record = await timers.db.partnership.findUniqueOrThrow({ where: { id: driver.id } });
      expect(record.phase).toBe(live.phase);
      expect(record.revision).toBe(live.revision);
    });
  }, 120_000);
});
