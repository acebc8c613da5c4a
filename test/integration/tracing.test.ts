// A slow step is followed from HTTP through Temporal to SQL in one trace: the real API and worker
// processes, each started as production starts them (their first import starts the tracer), send
// their spans to an OTLP receiver, and the test walks one step's trace from a SQL statement in the
// worker's activity up to the API's request, and one registration's from its e-mail.
import { randomUUID } from 'node:crypto';
import { createApiKey } from '../../api/auth/api-keys';
import { createDatabase, type Database } from '../../platform/database';
import { ApiProcess } from '../support/api-process';
import { OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { testRun } from '../support/run-config';
import { TestSmtpServer } from '../support/smtp';
import { examplePartnership } from '../support/system';
import { WorkerProcess } from '../support/worker-process';

const receiver = new OtlpReceiver();
const smtp = new TestSmtpServer();
let db: Database;
let apiProcess: ApiProcess;
let worker: WorkerProcess;
let key: string;

beforeAll(async () => {
  const endpoint = await receiver.start();
  await smtp.start();
  db = createDatabase(testRun().databaseUrl, { maxConnections: 2 });
  key = (await createApiKey(db, { role: 'ADMINISTRATOR', label: 'tracing test' })).key;
  const taskQueue = `iop-tracing-${randomUUID()}`;
  // A short batch delay: the spans arrive within the test's patience, as they would at 5 s in production.
  const settings = { OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' };
  worker = await new WorkerProcess({ taskQueue, smtpUrl: smtp.url, settings }).running();
  apiProcess = await (await ApiProcess.start({ taskQueue, settings })).running();
}, 90_000);

afterAll(async () => {
  await apiProcess?.stop();
  worker?.kill('SIGTERM');
  await worker?.exited;
  await Promise.all([ApiProcess.killAll(), WorkerProcess.killAll()]);
  await Promise.all([receiver.stop(), smtp.stop(), db?.$disconnect()]);
}, 60_000);

async function send(method: string, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${apiProcess.baseUrl}${path}`, { method, headers: { 'X-API-Key': key, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

const names = (chain: ReceivedSpan[]) => chain.map((s) => `${s.service} ${s.name}`);

describe('traces', () => {
  it('when a step is taken over HTTP, then one trace runs from the request through the Update, the workflow and its activity to each SQL statement, and the API logs the request under that trace', async () => {
    const registered = await send('POST', '/api/v1/partnerships', { ...examplePartnership, challenge: undefined });
    expect(registered.status).toBe(201);
    const id: string = registered.body.id;
    const step = await send('POST', `/api/v1/partnerships/${id}/actions/describe-challenge`, { challenge: 'Unga saknar mötesplatser på kvällarna.' });
    expect(step.status).toBe(200);

    const request = await receiver.span((s) => s.service === 'iop-api' && s.name === 'POST /api/v1/partnerships/:id/actions/describe-challenge');
    expect(request.parentSpanId).toBeNull();
    expect(request.attributes['http.route']).toBe('/api/v1/partnerships/:id/actions/describe-challenge');
    // A statement the worker's recording ran, in the same trace: its chain up reaches the request.
    const sql = await receiver.span((s) => s.traceId === request.traceId && s.service === 'iop-worker' && s.name.startsWith('pg.query') && names(receiver.ancestry(s)).includes('iop-worker RunActivity:recordStep'));
    expect(names(receiver.ancestry(sql)).slice(1)).toEqual([
      'iop-worker RunActivity:recordStep',
      'iop-worker StartActivity:recordStep',
      'iop-worker HandleUpdate:describeChallenge',
      'iop-api StartWorkflowUpdate:describeChallenge',
      'iop-api POST /api/v1/partnerships/:id/actions/describe-challenge',
    ]);
    expect(sql.attributes['db.system']).toBe('postgresql');
    // The API's own statements are in it too, and none of them carries a value.
    const apiSql = receiver.spans.filter((s) => s.traceId === request.traceId && s.service === 'iop-api' && s.name.startsWith('pg.query'));
    expect(apiSql.length).toBeGreaterThan(0);
    expect(JSON.stringify(receiver.spans.filter((s) => s.traceId === request.traceId))).not.toContain('mötesplatser');

    const logged = apiProcess.output.split('\n').filter((line) => line.includes(`/partnerships/${id}/actions/describe-challenge`));
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged as string[]) expect(JSON.parse(line).trace_id).toBe(request.traceId);
  }, 90_000);

  it('when a partnership is registered, then its first e-mail is handed to SMTP in the trace of the request that registered it', async () => {
    const registered = await send('POST', '/api/v1/partnerships', { ...examplePartnership, title: `Spårad ${randomUUID().slice(0, 8)}` });
    expect(registered.status).toBe(201);
    const request = await receiver.span((s) => s.service === 'iop-api' && s.name === 'POST /api/v1/partnerships' && receiver.spans.some((c) => c.traceId === s.traceId && c.name === 'StartWorkflow:partnershipWorkflow'));
    const mail = await receiver.span((s) => s.name === 'smtp send' && s.traceId === request.traceId);
    expect(mail.service).toBe('iop-worker');
    expect(mail.attributes['iop.email.kind']).toBe('partnership-registered');
    expect(names(receiver.ancestry(mail)).slice(1, 3)).toEqual(['iop-worker RunActivity:sendPartnershipRegisteredEmail', 'iop-worker StartActivity:sendPartnershipRegisteredEmail']);
    // The address and the text stay out of the trace.
    expect(JSON.stringify(receiver.spans.filter((s) => s.traceId === request.traceId))).not.toContain(examplePartnership.coordinator.email);
  }, 90_000);

  it('when no exporter is set, then each request’s log lines still carry a trace id of their own', async () => {
    const quiet = await (await ApiProcess.start({ taskQueue: `iop-tracing-${randomUUID()}` })).running();
    try {
      for (let i = 0; i < 2; i++) await fetch(`${quiet.baseUrl}/api/v1/partnerships/${randomUUID()}`, { headers: { 'X-API-Key': key } });
      const logged = () => quiet.output.split('\n').filter((line) => line.includes('/api/v1/partnerships/')).map((line) => JSON.parse(line) as { trace_id?: string });
      // The lines reach the pipe a moment after the answers.
      for (let tries = 0; logged().length < 2 && tries < 50; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
      const lines = logged();
      expect(lines.length).toBeGreaterThanOrEqual(2);
      for (const line of lines) expect(line.trace_id).toMatch(/^(?!0{32})[0-9a-f]{32}$/);
      expect(new Set(lines.map((line) => line.trace_id)).size).toBe(2);
    } finally {
      await quiet.stop();
    }
  }, 60_000);
});
