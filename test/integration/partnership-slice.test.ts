import { partnershipWorkflowId } from '../../workflows/messages';
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

    const fetched = await api(system, 'GET', `/api/v1/partnerships/${id}`, { key: system.adminKey });
    expect(fetched.status).toBe(200);
    expect(fetched.body).toMatchObject({ id, phase: 'INITIATION', term: 1, revision: 0, challenge: examplePartnership.challenge });
    await eventually(async () => (await system.db.outboundEmail.count({ where: { partnershipId: id, status: 'SENT' } })) === 1);

    const sent = await system.db.outboundEmail.findMany({ where: { partnershipId: id } });
    expect(sent).toEqual([expect.objectContaining({ kind: 'partnership-registered', status: 'SENT', attempts: 1 })]);
    const audit = await system.db.auditEvent.findMany({ where: { partnershipId: id } });
    expect(audit).toEqual([expect.objectContaining({ action: 'partnership.registered', actorType: 'API_KEY', phaseAfter: 'INITIATION' })]);
  });

  it('when a registration is run again with the same id, then the running workflow is kept and no second e-mail goes out', async () => {
    const created = await api(system, 'POST', '/api/v1/partnerships', { key: system.adminKey, body: examplePartnership });
    const id = created.body.id as string;
    const handle = system.temporal.workflow.getHandle(partnershipWorkflowId(id));
    const { runId } = await handle.describe();
    await eventually(async () => (await system.db.outboundEmail.count({ where: { partnershipId: id, status: 'SENT' } })) === 1);

    const service = createPartnershipService({ db: system.db, temporal: system.temporal, taskQueue: system.taskQueue });
    const principal = { type: 'API_KEY' as const, keyId: 'k', role: 'ADMINISTRATOR' as const, organisationId: null };
    await service.register(id, examplePartnership, principal, 'r1');
    await service.register(id, examplePartnership, principal, 'r2');
    expect(await system.db.auditEvent.count({ where: { partnershipId: id } })).toBe(1);

    expect((await handle.describe()).runId).toBe(runId);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await new Promise((r) => setTimeout(r, 1_000));
    // Each message carries the Message-ID its record gave it: count those that arrived.
    const recorded = (await system.db.outboundEmail.findMany({ where: { partnershipId: id } })).map((row) => row.messageId);
    expect(recorded).toHaveLength(1);
    expect(system.smtp.messages.filter((m) => recorded.includes(m.messageId ?? ''))).toHaveLength(1);
  });
});
