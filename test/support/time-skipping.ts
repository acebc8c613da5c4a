import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createApiKey } from '../../api/auth/api-keys';
import { createActivities } from '../../activities';
import { createDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { createMailer } from '../../platform/mailer';
import { temporalTestServerPath } from '../../platform/temporal-binaries';
import { ensureSearchAttributes } from '../../worker/ensure-search-attributes';
import { workerTracing } from '../../platform/tracing';
import { addDays, addMonths } from '../../domain/dates';
import { fullAgreement, PartnershipDriver } from './lifecycle';
import { testRun } from './run-config';
import { TestSmtpServer } from './smtp';
import { stockholmDay } from './swedish-days';
import { serveApp, type TestSystem } from './system';

/**
 * The system on Temporal's time-skipping test server: years pass in seconds, while the database,
 * the API and SMTP are real. One per test file.
 */
export class TimeSkippingSystem {
  private readonly started: string[] = [];

  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly db: Database,
    readonly smtp: TestSmtpServer,
    readonly system: TestSystem,
    readonly taskQueue: string,
    private readonly closeApi: () => Promise<void>,
  ) {}

  static async start(): Promise<TimeSkippingSystem> {
    const path = temporalTestServerPath();
    const env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: path ? { type: 'existing-path', path } : { type: 'cached-download' } } });
    await ensureSearchAttributes(env.connection, 'default');
    const db = createDatabase(testRun().databaseUrl, { maxConnections: 5 });
    const smtp = await new TestSmtpServer().start();
    const taskQueue = `iop-timers-${crypto.randomUUID()}`;
    const served = await serveApp({ db, temporal: env.client, taskQueue, logger: createLogger({ level: 'silent', name: 'timers' }), publicBaseUrl: 'http://127.0.0.1', webhookAllowPrivateUrls: true });
    const system = {
      baseUrl: served.baseUrl,
      db,
      temporal: env.client,
      smtp,
      taskQueue,
      adminKey: (await createApiKey(db, { role: 'ADMINISTRATOR', label: 'timers test' })).key,
    } as TestSystem;
    return new TimeSkippingSystem(env, db, smtp, system, taskQueue, served.close);
  }

  /**
   * A worker with the real activities; `smtp` may be stopped and restarted underneath it. One that
   * is to be stopped mid-test keeps no cache: a cached workflow's next task waits on that worker's
   * sticky queue until a timeout, and on the time-skipping server that timeout never comes.
   */
  worker(options: { toBeStopped?: boolean } = {}): Promise<Worker> {
    return Worker.create({
      ...(options.toBeStopped ? { maxCachedWorkflows: 0 } : {}),
      connection: this.env.nativeConnection,
      taskQueue: this.taskQueue,
      workflowBundle: { codePath: testRun().workflowBundlePath },
      ...workerTracing(),
      activities: createActivities({
        db: this.db,
        mailer: createMailer(this.smtp.url),
        mailFrom: 'IOP <noreply@iop.test>',
        publicBaseUrl: 'http://127.0.0.1',
        webhookAllowPrivateUrls: true,
        temporal: this.env.client,
        logger: createLogger({ level: 'silent', name: 'timers' }),
      }),
    });
  }

  async register(): Promise<PartnershipDriver> {
    const driver = await PartnershipDriver.register(this.system);
    this.started.push(driver.id);
    return driver;
  }

  async toLegalReview(driver: PartnershipDriver): Promise<string[]> {
    const parties = await driver.initiate();
    await driver.step('save-agreement-draft', { sections: fullAgreement });
    await driver.step('submit-for-legal-review');
    return parties;
  }

  /** In IMPLEMENTATION from today, on a term of `years`. */
  async implementing(driver: PartnershipDriver, years = 5): Promise<{ parties: string[]; start: string; end: string }> {
    const parties = await this.toLegalReview(driver);
    await driver.passLegalReview();
    const today = await this.today();
    for (const [i, party] of parties.entries()) await driver.decide(party, 1, 'YES', i < 2, today);
    const state = await driver.step('start-implementation', { startDate: today, endDate: addMonths(today, years * 12), beforeFinal: { reason: 'Start direkt' } });
    return { parties, start: today, end: state.terms[0].endDate };
  }

  /** The test server's day in Sweden, YYYY-MM-DD, as the workflow reckons it. */
  async today(): Promise<string> {
    return stockholmDay(await this.env.currentTimeMs());
  }

  async day(offset: number): Promise<string> {
    return addDays(await this.today(), offset);
  }

  /**
   * The test server's day, once its notices (sent at 08:00 in Sweden) have gone out: at noon (UTC), or now
   * if that is later. A run in the afternoon is already there.
   */
  async afterTodaysNotices(): Promise<string> {
    const today = await this.today();
    const ms = Date.parse(`${today}T12:00:00Z`) - (await this.env.currentTimeMs());
    if (ms > 0) await this.env.sleep(ms);
    return today;
  }

  /** To noon (UTC) of `date`: that day's notices, sent at 08:00 in Sweden, have gone out; the next day's have not. */
  async sleepUntil(date: string): Promise<void> {
    const ms = Date.parse(`${date}T12:00:00Z`) - (await this.env.currentTimeMs());
    if (ms <= 0) throw new Error(`${date} has already passed on the test server`);
    await this.env.sleep(ms);
  }

  handle(driver: PartnershipDriver) {
    return this.env.client.workflow.getHandle(`partnership-${driver.id}`);
  }

  /** The e-mails a deadline sent for a partnership, as "dueOn KIND recipient", in order. */
  async notices(driver: PartnershipDriver): Promise<string[]> {
    const rows = await this.db.outboundEmail.findMany({ where: { partnershipId: driver.id, dueOn: { not: null } } });
    return rows.map((r) => `${r.dueOn} ${r.kind} ${r.recipient}`).sort();
  }

  /**
   * Ends what a test left running: a partnership still waiting on timers kept the next test's
   * waits on the same test server from returning.
   */
  async terminateLeftovers(): Promise<void> {
    for (const id of this.started.splice(0)) {
      await this.env.client.workflow
        .getHandle(`partnership-${id}`)
        .terminate('test over')
        .catch(() => undefined);
    }
  }

  async stop(): Promise<void> {
    await this.terminateLeftovers();
    await this.closeApi();
    await this.smtp.stop();
    await this.db.$disconnect();
    await this.env.teardown();
  }
}
