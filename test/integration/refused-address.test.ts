import { createMailer } from '../../platform/mailer';
import { notifyDeadline } from '../../activities/notify-deadline';
import { addDays } from '../../domain/dates';
import { PartnershipDriver, registerOrganisation, today } from '../support/lifecycle';
import { api, eventually, examplePartnership, startSystem, type TestSystem } from '../support/system';

const unknownMailbox = 'finns.inte@kommun.example';

describe('an address the SMTP server refuses for good', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem();
    system.smtp.refused.add(unknownMailbox);
  });
  afterAll(() => system.stop());

  const notifications = async (id: string) => (await api(system, 'GET', `/api/v1/partnerships/${id}/notifications`, { key: system.adminKey })).body.notifications as any[];
  const addressTasks = async (id: string, status: 'open' | 'closed' = 'open') =>
    ((await api(system, 'GET', `/api/v1/tasks?partnershipId=${id}&status=${status}`, { key: system.adminKey })).body.tasks as any[]).filter((t) => t.kind === 'FIX_EMAIL_ADDRESS');

  it('when the coordinator’s address is refused (550), then the message is recorded as failed with the reply, never retried, and a task to fix it is on the work list', async () => {
    const registered = await api(system, 'POST', '/api/v1/partnerships', {
      key: system.adminKey,
      body: { ...examplePartnership, coordinator: { name: 'Okänd', email: unknownMailbox } },
    });
    expect(registered.status).toBe(201);
    const id = registered.body.id;
    const failed = await eventually(async () => (await notifications(id)).find((n) => n.status === 'FAILED'));
    expect(failed).toMatchObject({ kind: 'partnership-registered', recipient: unknownMailbox, attempts: 1 });
    expect(failed.lastError).toMatch(/550/);
    const [task] = await eventually(async () => {
      const tasks = await addressTasks(id);
      return tasks.length > 0 && tasks;
    });
    expect(task).toMatchObject({ waitsOnRole: 'CASE_OFFICER', partyId: null });
    expect(task.id).not.toContain(unknownMailbox);

    // The retry policy's first interval is 5 s: had it been retried, it would have been by now.
    await new Promise((resolve) => setTimeout(resolve, 7_000));
    expect((await notifications(id)).find((n) => n.recipient === unknownMailbox)).toMatchObject({ status: 'FAILED', attempts: 1 });

    // The partnership goes on, and a step that does not touch contacts leaves the task open.
    const step = await api(system, 'POST', `/api/v1/partnerships/${id}/actions/add-learning-goal`, { key: system.adminKey, body: { partyId: null, description: 'Vad bär?' } });
    expect(step.status).toBe(200);
    expect(await addressTasks(id)).toHaveLength(1);
  });

  it('when the refused coordinator is replaced with a working address, then the task to fix it closes; a change of contacts, which does not fix it, leaves it open', async () => {
    const registered = await api(system, 'POST', '/api/v1/partnerships', {
      key: system.adminKey,
      body: { ...examplePartnership, coordinator: { name: 'Okänd', email: unknownMailbox } },
    });
    const id = registered.body.id;
    await eventually(async () => (await addressTasks(id)).length > 0);

    const driver = new PartnershipDriver(system, id, system.adminKey);
    const organisationId = await registerOrganisation(system, 'PUBLIC', 'Kommunen');
    const partyId = (await driver.step('add-party', { organisationId })).parties[0].partyId;
    const contact = await api(system, 'POST', `/api/v1/organisations/${organisationId}/contacts`, { key: system.adminKey, body: { name: 'Karin Lund', email: 'karin.lund@kommun.example' } });
    await driver.step('assign-contacts', { partyId, contactIds: [contact.body.id] });
    expect(await addressTasks(id)).toHaveLength(1);

    const replaced = await api(system, 'PUT', `/api/v1/partnerships/${id}/coordinator`, { key: system.adminKey, body: { name: 'Bo Bengtsson', email: 'bo.bengtsson@example.se' } });
    expect(replaced.status).toBe(200);
    expect(await addressTasks(id)).toHaveLength(0);
    expect(await addressTasks(id, 'closed')).toHaveLength(1);
    expect((await driver.state()).waitingOn.filter((t: any) => t.kind === 'FIX_EMAIL_ADDRESS')).toEqual([]);
  });

  it('when one recipient of a notice is refused, then the others still get it, and the notice is not retried', async () => {
    const driver = await PartnershipDriver.register(system);
    const [partyId] = await driver.initiate();
    const parties = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}/parties`, { key: system.adminKey })).body.parties;
    const organisationId = parties.find((p: any) => p.partyId === partyId).organisationId;
    const contactIds: string[] = [];
    for (const email of [unknownMailbox, 'karin.lund@kommun.example']) {
      const contact = await api(system, 'POST', `/api/v1/organisations/${organisationId}/contacts`, { key: system.adminKey, body: { name: email.split('@')[0], email } });
      contactIds.push(contact.body.id);
    }
    await driver.step('assign-contacts', { partyId, contactIds });

    // The activity itself, as the workflow runs it when the nudge falls due.
    const mailer = createMailer(system.smtp.url);
    try {
      const deadline = { key: 'silence-nudge-test', kind: 'SILENCE_NUDGE' as const, dueOn: addDays(today(), 90), partyId: null };
      const deps = { db: system.db, mailer, mailFrom: 'IOP test <noreply@iop.test>', publicBaseUrl: 'http://127.0.0.1:3000' };
      const outcome = await notifyDeadline(deps, { partnershipId: driver.id, deadline });
      expect(outcome.sent).toBe(2); // the good contact and the coordinator
      const sentTo = system.smtp.messages.flatMap((m) => (Array.isArray(m.to) ? m.to : m.to ? [m.to] : []).flatMap((a) => a.value.map((v) => v.address)));
      expect(sentTo).toContain('karin.lund@kommun.example');
      expect(sentTo).not.toContain(unknownMailbox);
      // Run again, as a retried activity would: nothing is sent twice, nothing refused is tried again.
      expect((await notifyDeadline(deps, { partnershipId: driver.id, deadline })).sent).toBe(0);
      const refused = (await notifications(driver.id)).filter((n) => n.recipient === unknownMailbox);
      expect(refused).toEqual([expect.objectContaining({ status: 'FAILED', attempts: 1 })]);
    } finally {
      mailer.close();
    }
    expect(await addressTasks(driver.id)).toHaveLength(1);

    // The case officer gives the party a working contact: the task closes.
    await driver.step('assign-contacts', { partyId, contactIds: contactIds.slice(1) });
    expect(await addressTasks(driver.id)).toHaveLength(0);
    expect(await addressTasks(driver.id, 'closed')).toHaveLength(1);
  });
});
