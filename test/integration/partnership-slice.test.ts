import { partnershipStateQuery, partnershipWorkflowId } from '../../workflows/messages';
import { createPartnershipService } from '../../api/partnerships/service';
import { api, eventually, examplePartnership, startSystem, type TestSystem } from '../support/system';

describe('registering a partnership, through HTTP, PostgreSQL, Temporal and SMTP', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system.stop());

  it('when a partnership is posted, then it is stored, its workflow runs and the coordinator gets one e-mail', async () => {
    const created = await api(system, 'POST', '/api/v1/partnerships', { key: system.adminKey, body: examplePartnership });

    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.headers.get('location')).toBe(`/api/v1/partnerships/${id}`);
    expect(created.body).toMatchObject({
      title: examplePartnership.title,
      caseNumber: 'KS 2026/123',
      coordinator: examplePartnership.coordinator,
      workflowId: partnershipWorkflowId(id),
    });

    const row = await system.db.partnership.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ title: examplePartnership.title, coordinatorEmail: examplePartnership.coordinator.email });

    const [mail] = await system.smtp.waitForMessages(1);
    expect(mail!.to).toMatchObject({ text: examplePartnership.coordinator.email });
    expect(mail!.subject).toBe(`IOP registrerat: ${examplePartnership.title}`);
    expect(mail!.text).toContain('agendasättning');
    expect(mail!.html).toContain('&quot;Språkvänner i Borås&quot;');

    const fetched = await eventually(async () => {
      const response = await api(system, 'GET', `/api/v1/partnerships/${id}`, { key: system.adminKey });
      return response.body.state?.notifications.registered === 'SENT' && response;
    });
    expect(fetched.status).toBe(200);
    expect(fetched.body.state).toMatchObject({ partnershipId: id, phase: 'INITIATION', term: 1, revision: 0, notifications: { registered: 'SENT' } });

    const sent = await system.db.outboundEmail.findMany({ where: { partnershipId: id } });
    expect(sent).toEqual([expect.objectContaining({ kind: 'partnership-registered', status: 'SENT', attempts: 1 })]);
    const audit = await system.db.auditEvent.findMany({ where: { partnershipId: id } });
    expect(audit).toEqual([expect.objectContaining({ action: 'partnership.registered', actorType: 'API_KEY', phaseAfter: 'INITIATION' })]);
  });

  it('when the workflow of a partnership is started again, then the running one is kept and no second e-mail goes out', async () => {
    const created = await api(system, 'POST', '/api/v1/partnerships', { key: system.adminKey, body: examplePartnership });
    const id = created.body.id as string;
    const handle = system.temporal.workflow.getHandle(partnershipWorkflowId(id));
    const { runId } = await handle.describe();
    await eventually(async () => (await handle.query(partnershipStateQuery)).notifications.registered === 'SENT');

    const service = createPartnershipService({ db: system.db, temporal: system.temporal, taskQueue: system.taskQueue });
    await service.ensureWorkflow(id);
    await service.ensureWorkflow(id);

    expect((await handle.describe()).runId).toBe(runId);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(system.smtp.messages.filter((m) => m.text?.includes(id))).toHaveLength(1);
  });
});
