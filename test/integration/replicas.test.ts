import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type { ParsedMail } from 'mailparser';
import { createApiKey } from '../../api/auth/api-keys';
import { createDatabase, type Database } from '../../platform/database';
import { retentionScheduleId } from '../../worker/retention-schedule';
import { partnershipWorkflowId } from '../../workflows/messages';
import { ApiProcess } from '../support/api-process';
import { testRun } from '../support/run-config';
import { TestSmtpServer } from '../support/smtp';
import { api, eventually } from '../support/system';
import { WorkerProcess } from '../support/worker-process';

// A deployment runs several API processes behind its load balancer and several workers, all on one
// PostgreSQL and one Temporal. Each guarantee that holds in one process must hold across them, or it
// is a guarantee of one process only: a rate limit each process counted for itself would admit N
// times the limit, a retention job each worker ran would run M times an hour, and a step or an
// e-mail taken up again by another worker after a crash must not be done twice. Here they are real
// processes (api/main.ts and worker/main.ts), as a deployment runs them, and one worker is killed
// (kill -9) in the middle of the work.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const problemJson = 'application/problem+json; charset=utf-8';
/**
 * Small, so that a key reaches it quickly. Every request of this file comes from one address, whose
 * limit is five times this a minute: the two limits' tests and the partnerships' ~30 calls fit in it.
 */
const limit = 25;
const partnerships = 8;

/** The addresses a message went to. */
const recipients = (mail: ParsedMail) => [mail.to ?? []].flat().flatMap((to) => to.value.map((a) => a.address?.toLowerCase()));

describe('two API processes and two workers sharing one Temporal and one PostgreSQL', () => {
  const run = testRun();
  const taskQueue = `iop-replicas-${randomUUID()}`;
  let db: Database;
  let connection: Connection;
  let temporal: Client;
  let smtp: TestSmtpServer;
  let apis: ApiProcess[] = [];
  const workers: WorkerProcess[] = [];
  const newWorker = () => {
    const worker = new WorkerProcess({ taskQueue, smtpUrl: smtp.url });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    db = createDatabase(run.databaseUrl, { maxConnections: 3 });
    connection = await Connection.connect({ address: run.temporalAddress });
    temporal = new Client({ connection });
    // All four at once, as an orchestrator starts them: the workers race to make the retention schedule.
    apis = await Promise.all([ApiProcess.start({ taskQueue, rateLimitPerMinute: limit }), ApiProcess.start({ taskQueue, rateLimitPerMinute: limit })]);
    const first = [newWorker(), newWorker()];
    await Promise.all([...apis.map((a) => a.running(120_000)), ...first.map((w) => w.running(120_000))]);
  }, 180_000);

  afterAll(async () => {
    // Asked to stop first, as an orchestrator would; whatever does not (or a failed test left) is killed.
    await Promise.allSettled(apis.map((a) => a.stop()));
    for (const worker of workers) worker.kill('SIGTERM');
    await Promise.race([Promise.allSettled(workers.map((w) => w.exited)), new Promise((resolve) => setTimeout(resolve, 20_000).unref())]);
    await WorkerProcess.killAll();
    await ApiProcess.killAll();
    // The schedule outlives its workers on the shared Temporal server unless it is deleted.
    await temporal?.schedule.getHandle(retentionScheduleId(taskQueue)).delete().catch(() => undefined);
    await connection?.close();
    await smtp?.stop();
    await db?.$disconnect();
  }, 90_000);

  const newKey = async (label: string) => (await createApiKey(db, { role: 'ADMINISTRATOR', label: `replicas: ${label}` })).key;

  it('when one key calls the two APIs in turn past its limit, then they admit the limit between them, not twice it, and refuse the rest with 429 problem+json', async () => {
    const key = await newKey('in turn');
    const answers = [];
    for (let i = 0; i < limit + 4; i += 1) answers.push(await api(apis[i % 2]!, 'GET', '/api/v1/tasks', { key }));

    expect(answers.map((a) => a.status)).toEqual([...Array<number>(limit).fill(200), ...Array<number>(4).fill(429)]);
    // One count: what is left goes down by one at each call, whichever process answered it.
    expect(answers.slice(0, limit).map((a) => Number(/\br=(\d+)/.exec(a.headers.get('ratelimit') ?? '')?.[1]))).toEqual(Array.from({ length: limit }, (_, i) => limit - 1 - i));
    for (const refused of answers.slice(limit)) {
      expect(refused.headers.get('content-type')).toBe(problemJson);
      expect(refused.body).toMatchObject({ status: 429, type: '/problems/too-many-requests' });
    }
  }, 60_000);

  it('when one key sends twice its limit to the two APIs at once, then exactly its limit is admitted', async () => {
    const key = await newKey('at once');
    const answers = await Promise.all(Array.from({ length: 2 * limit }, (_, i) => api(apis[i % 2]!, 'GET', '/api/v1/tasks', { key })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(limit);
  }, 60_000);

  it('when two workers start together, then one made the retention schedule and the other found it, it is the only one for their task queue, and its first run ran once', async () => {
    const said = workers.slice(0, 2).map((w) => (w.output.includes('"retention schedule made"') ? 'made' : w.output.includes('"retention schedule found"') ? 'found' : w.output));
    expect(said.sort()).toEqual(['found', 'made']);

    const id = retentionScheduleId(taskQueue);
    // Listing is read from Temporal's visibility store, which catches up a moment after the schedule is made.
    const ours = await eventually(async () => {
      const found: string[] = [];
      for await (const schedule of temporal.schedule.list()) if (schedule.scheduleId.includes(taskQueue)) found.push(schedule.scheduleId);
      return found.length ? found : undefined;
    }, 60_000);
    expect(ours).toEqual([id]);

    const schedule = await temporal.schedule.getHandle(id).describe();
    expect(schedule.info.numActionsTaken).toBe(1);
    expect(schedule.info.recentActions).toHaveLength(1);
    await temporal.workflow.getHandle(schedule.info.recentActions[0]!.action.workflow.workflowId).result();
    const runs = await eventually(async () => {
      const listed = [];
      for await (const execution of temporal.workflow.list({ query: `WorkflowType = 'retentionWorkflow' AND TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Completed'` })) listed.push(execution.workflowId);
      return listed.length ? listed : undefined;
    }, 60_000);
    expect(runs).toHaveLength(1);
    expect((await temporal.schedule.getHandle(id).describe()).info.numActionsTaken).toBe(1);
  }, 120_000);

  it('when partnerships are registered and closed through both APIs and a worker is killed in the middle, then each e-mail goes out once, under one Message-ID, and each step is audited once', async () => {
    const runId = randomUUID().slice(0, 8);
    interface Case {
      id: string;
      key: string;
      title: string;
      email: string;
      revision?: number;
    }

    /**
     * As a careful client calls through a load balancer: with an Idempotency-Key, sent again to the
     * other process on a 503, and a 202's outcome read at its Location until it is there.
     */
    async function call(first: number, key: string, path: string, body: unknown): Promise<any> {
      const headers = { 'Idempotency-Key': randomUUID() };
      const deadline = Date.now() + 240_000;
      for (let attempt = 0; ; attempt += 1) {
        const via = apis[(first + attempt) % 2]!;
        let answer = await api(via, 'POST', path, { key, body, headers });
        while (answer.status === 202) answer = await api(via, 'GET', answer.headers.get('location')!, { key });
        if (answer.status === 200 || answer.status === 201) return answer.body;
        if (answer.status !== 503 || Date.now() > deadline) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
        await sleep(1_000);
      }
    }
    async function register(batch: string, i: number): Promise<Case> {
      const title = `Repliker ${batch}${i} ${runId}`;
      const email = `samordnare-${batch}${i}-${runId}@kommun.example`;
      const key = await newKey(`${batch}${i}`);
      const body = { title, challenge: 'Nyanlända behöver mötesplatser.', caseNumber: `KS 2026/${i}`, coordinator: { name: `Samordnare ${batch}${i}`, email } };
      const { id } = await call(i, key, '/api/v1/partnerships', body);
      return { id, key, title, email };
    }
    async function close(c: Case, i: number): Promise<void> {
      c.revision = (await call(i + 1, c.key, `/api/v1/partnerships/${c.id}/actions/close`, { reason: 'Ett föreningsbidrag passar bättre.', betterForm: 'OPERATING_GRANT' })).revision;
    }
    /** The processes that took the workflow's tasks, in order: the SDK names a worker `pid@host`. */
    async function takenBy(id: string): Promise<number[]> {
      const history = await temporal.workflow.getHandle(partnershipWorkflowId(id)).fetchHistory();
      return history.events!.flatMap((e) => {
        const identity = e.workflowTaskStartedEventAttributes?.identity ?? e.activityTaskStartedEventAttributes?.identity;
        return identity ? [Number(identity.split('@')[0])] : [];
      });
    }
    const sentFor = (cases: Case[]) => db.outboundEmail.count({ where: { partnershipId: { in: cases.map((c) => c.id) }, status: 'SENT' } });

    // The first batch, registered through both APIs: each workflow is then held in the cache of the
    // worker that took it, and its next task goes to that worker first.
    const first = await Promise.all(Array.from({ length: partnerships }, (_, i) => register('a', i)));
    await eventually(async () => (await sentFor(first)) === partnerships, 120_000);
    const holders = new Map(await Promise.all(first.map(async (c) => [c.id, await takenBy(c.id)] as const)));
    const held = (worker: WorkerProcess) => first.filter((c) => holders.get(c.id)!.includes(worker.pid));
    // The one that holds more: at least one partnership of the batch is its.
    const victim = workers.slice(0, 2).sort((a, b) => held(b).length - held(a).length)[0]!;
    const victimsLast = held(victim).at(-1)!;

    // The burst: the first batch closed and a second registered, through both APIs at once. The
    // victim is killed once the first closing is answered; one of its partnerships is closed only
    // after, so that a step of a workflow it held is certainly taken by another worker.
    let killed!: () => void;
    const afterKill = new Promise<void>((resolve) => (killed = resolve));
    let closed = 0;
    const burst = Promise.all([
      ...first.map(async (c, i) => {
        await (c === victimsLast ? afterKill : sleep(i * 200));
        await close(c, i);
        closed += 1;
      }),
      ...Array.from({ length: partnerships }, async (_, i) => {
        await sleep(i * 200 + 100);
        return register('b', i);
      }),
    ]);
    await Promise.race([eventually(async () => closed > 0, 120_000), burst]);
    victim.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    killed();
    const fresh = await newWorker().running(120_000);
    const second = (await burst).slice(partnerships) as Case[];

    // Settled: every e-mail recorded as sent, the closed workflows ended and the others idle, so
    // that nothing more can be sent.
    await eventually(async () => {
      if ((await sentFor([...first, ...second])) < partnerships * 3) return false;
      const described = await Promise.all([...first, ...second].map((c) => temporal.workflow.getHandle(partnershipWorkflowId(c.id)).describe()));
      return described.every((d, i) => (i < partnerships ? d.status.name === 'COMPLETED' : !d.raw.pendingActivities?.length && !d.raw.pendingWorkflowTask));
    }, 240_000);

    // Taken over: the victim held this workflow, and another worker took its closing.
    const lastTaken = await takenBy(victimsLast.id);
    expect(lastTaken).toContain(victim.pid);
    expect(lastTaken.at(-1)).not.toBe(victim.pid);

    const cases = [...first, ...second];
    const rows = await db.outboundEmail.findMany({ where: { partnershipId: { in: cases.map((c) => c.id) } } });
    expect(rows).toHaveLength(partnerships * 3);
    expect(rows.every((r) => r.status === 'SENT')).toBe(true);
    const ours = smtp.messages.filter((m) => m.subject?.includes(runId));
    // One message for each record, under the record's Message-ID: none was made twice.
    const distinct = [...new Map(ours.map((m) => [m.messageId, m])).values()];
    expect(distinct.map((m) => m.messageId).sort()).toEqual(rows.map((r) => r.messageId).sort());
    // And each arrived once, but for the one gap no sender can close: a worker killed after the SMTP
    // server took a message and before its record says so leaves it to be sent again, under the same
    // Message-ID, by which the receiving side drops it (activities/mail/send-once.ts). Its record then
    // shows the second attempt.
    for (const row of rows) {
      const copies = ours.filter((m) => m.messageId === row.messageId).length;
      expect([row.kind, copies]).toEqual([row.kind, copies === 2 && row.attempts > 1 ? 2 : 1]);
    }
    for (const c of cases) {
      const subjects = distinct.filter((m) => recipients(m).includes(c.email)).map((m) => m.subject);
      const expected = c.revision ? [`IOP registrerat: ${c.title}`, `Ärendet är avslutat: ${c.title}`] : [`IOP registrerat: ${c.title}`];
      expect([c.title, subjects.sort()]).toEqual([c.title, expected]);

      const audit = await db.auditEvent.findMany({ where: { partnershipId: c.id }, orderBy: { id: 'asc' } });
      expect(audit.filter((a) => a.revision === null).map((a) => a.action)).toEqual(['partnership.registered']);
      expect(audit.filter((a) => a.revision !== null).map((a) => a.revision)).toEqual(Array.from({ length: c.revision ?? 0 }, (_, i) => i + 1));
      expect(audit.at(-1)?.phaseAfter).toBe(c.revision ? 'CLOSED' : 'INITIATION');
    }
    expect(first.every((c) => c.revision)).toBe(true);

    // The worker started in its place found the retention schedule, which still ran once.
    expect(fresh.output).toContain('"retention schedule found"');
    expect((await temporal.schedule.getHandle(retentionScheduleId(taskQueue)).describe()).info.numActionsTaken).toBe(1);
  }, 600_000);
});
