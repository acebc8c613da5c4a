import { partnershipWorkflowId } from '../../workflows/messages';
import { api, eventually, examplePartnership, startSystem, type TestSystem } from '../support/system';
import { WorkerProcess } from '../support/worker-process';

describe('a worker that dies in the middle of a workflow', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem({ worker: false, smtpDown: true });
  });
  afterAll(async () => {
    await WorkerProcess.killAll();
    await system.stop();
  });

  it('when the worker is killed while the e-mail waits for SMTP, then a new worker delivers it exactly once', async () => {
    const first = await new WorkerProcess({ taskQueue: system.taskQueue, smtpUrl: system.smtp.url }).running();
    const created = await api(system, 'POST', '/api/v1/partnerships', { key: system.adminKey, body: examplePartnership });
    expect(created.status).toBe(201);
    const id = created.body.id as string;

    // The first attempt reached the SMTP server, which was down, and is on record as failed.
    const failed = await eventually(async () => {
      const row = await system.db.outboundEmail.findFirst({ where: { partnershipId: id } });
      return row?.lastError ? row : undefined;
    });
    expect(failed).toMatchObject({ status: 'PENDING', attempts: 1 });

    first.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    await system.smtp.start();
    const second = await new WorkerProcess({ taskQueue: system.taskQueue, smtpUrl: system.smtp.url }).running();

    // If the dead worker had already taken the retry, Temporal gives it to the new one only when the
    // attempt's start-to-close timeout (1 minute) has passed.
    await system.smtp.waitForMessages(1, 150_000);
    const handle = system.temporal.workflow.getHandle(partnershipWorkflowId(id));
    await eventually(async () => (await system.db.outboundEmail.count({ where: { partnershipId: id, status: 'SENT' } })) === 1);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    const sent = await system.db.outboundEmail.findMany({ where: { partnershipId: id } });
    expect(sent).toEqual([expect.objectContaining({ status: 'SENT', attempts: 2, lastError: failed.lastError })]);

    // A worker asked to stop drains and exits cleanly.
    second.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(system.smtp.messages).toHaveLength(1);
  }, 240_000);
});
