import { createApiKey } from '../../api/auth/api-keys';
import { addDays } from '../../domain/dates';
import { registerOrganisation } from '../support/lifecycle';
import { api } from '../support/system';
import { TimeSkippingSystem } from '../support/time-skipping';

// The work list as the people who run cases use it, over the API: tasks taken on and handed over,
// and a case handed to a new coordinator, whom the escalations then reach.
describe('the work list, assigned and handed over', () => {
  let timers: TimeSkippingSystem;

  beforeAll(async () => {
    timers = await TimeSkippingSystem.start();
  });
  afterEach(() => timers.terminateLeftovers());
  afterAll(() => timers.stop());

  // The driver's parties have no contact persons: each is on the list for that too (see below).
  const withContacts = (tasks: any[]) => tasks.filter((t) => t.kind !== 'CONTACTS_MISSING');
  const call = (method: 'GET' | 'PUT', path: string, body?: unknown, key = timers.system.adminKey) => api(timers.system, method, `/api/v1${path}`, { key, body });

  it('when a case officer takes a task on and hands it over, then the list shows who has it, by assignee, and a closed task cannot be given out', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const initiation = (await call('GET', `/tasks?partnershipId=${driver.id}`)).body.tasks;
      expect(initiation.map((t: any) => [t.kind, t.waitsOnRole, t.assignee])).toEqual([['COMPLETE_INITIATION', 'CASE_OFFICER', null]]);
      const taskId = initiation[0].id;

      const officer = (await createApiKey(timers.db, { role: 'CASE_OFFICER', label: 'work list' })).key;
      const taken = await call('PUT', `/tasks/${encodeURIComponent(taskId)}/assignee`, { assignee: 'anna.andersson' }, officer);
      expect(taken).toMatchObject({ status: 200, body: { id: taskId, assignee: 'anna.andersson' } });
      expect((await call('GET', `/tasks?assignee=anna.andersson&partnershipId=${driver.id}`)).body.tasks.map((t: any) => t.id)).toEqual([taskId]);
      await call('PUT', `/tasks/${encodeURIComponent(taskId)}/assignee`, { assignee: 'bo.bengtsson' }, officer);
      expect((await call('GET', `/tasks?assignee=anna.andersson&partnershipId=${driver.id}`)).body.tasks).toEqual([]);
      expect((await call('GET', `/tasks?assignee=bo.bengtsson&partnershipId=${driver.id}`)).body.tasks.map((t: any) => t.id)).toEqual([taskId]);
      expect((await call('GET', `/tasks?unassigned=true&partnershipId=${driver.id}`)).body.tasks).toEqual([]);
      const audit = await timers.db.auditEvent.findMany({ where: { partnershipId: driver.id, action: 'task.assigned' } });
      expect(audit).toHaveLength(2);

      const hostile = await call('PUT', `/tasks/${encodeURIComponent(taskId)}/assignee`, { assignee: 'anna\u0000' }, officer);
      expect(hostile.status).toBe(400);
      expect(JSON.stringify(hostile.body)).toContain('assignee');
      const organisationId = await registerOrganisation(timers.system, 'IDEBUREN');
      const representative = (await createApiKey(timers.db, { role: 'ORGANISATION_REPRESENTATIVE', organisationId, label: 'rep' })).key;
      expect((await call('PUT', `/tasks/${encodeURIComponent(taskId)}/assignee`, { assignee: 'x' }, representative)).status).toBe(403);
      expect((await call('PUT', `/tasks/${encodeURIComponent(`${driver.id}:no-such-task`)}/assignee`, { assignee: 'x' }, officer)).status).toBe(404);

      await driver.initiate();
      const closed = await call('PUT', `/tasks/${encodeURIComponent(taskId)}/assignee`, { assignee: 'anna.andersson' }, officer);
      expect(closed).toMatchObject({ status: 409, body: { type: '/problems/task-closed' } });
      expect((await timers.db.task.findUniqueOrThrow({ where: { id: taskId } })).assignee).toBe('bo.bengtsson');
    });
  }, 120_000);

  it("when a party has no contact person, then the work list and the partnership's view name it until one is assigned, and again once none is", async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      const organisationId = await registerOrganisation(timers.system, 'IDEBUREN', 'Språkföreningen');
      const added = await driver.step('add-party', { organisationId });
      const partyId = added.parties[0].partyId;
      const missing = (tasks: any[]) => tasks.filter((t) => t.kind === 'CONTACTS_MISSING').map((t) => t.partyId);
      expect(missing(added.waitingOn)).toEqual([partyId]);
      expect(missing((await call('GET', `/tasks?partyId=${partyId}`)).body.tasks)).toEqual([partyId]);

      const contact = await api(timers.system, 'POST', `/api/v1/organisations/${organisationId}/contacts`, { key: timers.system.adminKey, body: { name: 'Karin Lund', email: 'karin.lund@forening.example' } });
      const assigned = await driver.step('assign-contacts', { partyId, contactIds: [contact.body.id] });
      expect(missing(assigned.waitingOn)).toEqual([]);
      expect(missing((await call('GET', `/tasks?partyId=${partyId}`)).body.tasks)).toEqual([]);
      expect(missing((await call('GET', `/tasks?partyId=${partyId}&status=closed`)).body.tasks)).toEqual([partyId]);

      const none = await driver.step('assign-contacts', { partyId, contactIds: [] });
      expect(missing(none.waitingOn)).toEqual([partyId]);
    });
  }, 120_000);

  it('when the case is handed to a new coordinator, then the next escalation reaches the new one and not the old', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      await timers.toLegalReview(driver);
      const entered = await timers.today();
      const review = withContacts((await call('GET', `/tasks?partnershipId=${driver.id}`)).body.tasks);
      expect(review.map((t: any) => [t.kind, t.dueOn])).toEqual([['LEGAL_REVIEW', addDays(entered, 28)]]);

      await timers.sleepUntil(addDays(entered, 14));
      const handed = await call('PUT', `/partnerships/${driver.id}/coordinator`, { name: 'Bo Bengtsson', email: 'bo.bengtsson@example.se' });
      expect(handed).toMatchObject({ status: 200, body: { name: 'Bo Bengtsson', email: 'bo.bengtsson@example.se' } });
      expect((await call('PUT', `/partnerships/${driver.id}/coordinator`, { name: 'Bo', email: 'inte en adress' })).status).toBe(400);

      await timers.sleepUntil(addDays(entered, 29));
      expect(await timers.notices(driver)).toEqual([
        `${addDays(entered, 14)} REVIEW_REMINDER anna.andersson@example.se`,
        `${addDays(entered, 28)} REVIEW_ESCALATION bo.bengtsson@example.se`,
      ]);
      const audit = await timers.db.auditEvent.findMany({ where: { partnershipId: driver.id, action: 'partnership.coordinatorChanged' } });
      expect(audit).toHaveLength(1);
      expect(audit[0]!.details).toBeNull();
    });
  }, 120_000);

  it('when a partnership has its own timing, then each task on the list falls due on the day of its deadline', async () => {
    const worker = await timers.worker();
    await worker.runUntil(async () => {
      const driver = await timers.register();
      await driver.step('set-timing', { remindAfterDays: 5, escalateAfterDays: 9 });
      await timers.toLegalReview(driver);
      const deadlines = (await call('GET', `/partnerships/${driver.id}/deadlines`)).body.deadlines;
      const tasks = withContacts((await call('GET', `/tasks?partnershipId=${driver.id}`)).body.tasks);
      const escalation = deadlines.find((d: any) => d.kind === 'REVIEW_ESCALATION').dueOn;
      expect(escalation).toBe(addDays(await timers.today(), 9));
      expect(tasks.map((t: any) => [t.kind, t.dueOn])).toEqual([['LEGAL_REVIEW', escalation]]);
    });
  }, 120_000);
});
