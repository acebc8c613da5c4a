import { partnershipWorkflowId } from '../../workflows/messages';
import { PartnershipDriver } from '../support/lifecycle';
import { api, startSystem, type TestSystem } from '../support/system';

// Conditional requests over HTTP: a partnership's ETag is its revision, and a step sent with
// If-Match is taken only on that revision.
describe('conditional requests', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system.stop());

  const step = (driver: PartnershipDriver, ifMatch: string | undefined, challenge: string) =>
    api(system, 'POST', `/api/v1/partnerships/${driver.id}/actions/describe-challenge`, { key: system.adminKey, body: { challenge }, headers: ifMatch ? { 'If-Match': ifMatch } : {} });

  it('when a partnership is read, then its ETag is its revision, and a read that already holds it gets 304', async () => {
    const driver = await PartnershipDriver.register(system);
    const read = await api(system, 'GET', `/api/v1/partnerships/${driver.id}`, { key: system.adminKey });
    expect(read.headers.get('etag')).toBe(`"r${read.body.revision}"`);
    const again = await api(system, 'GET', `/api/v1/partnerships/${driver.id}`, { key: system.adminKey, headers: { 'If-None-Match': read.headers.get('etag')! } });
    expect(again.status).toBe(304);
    const taken = await step(driver, read.headers.get('etag')!, 'Ensamhet bland äldre.');
    expect(taken.status).toBe(200);
    expect(taken.headers.get('etag')).toBe(`"r${read.body.revision + 1}"`);
    const changed = await api(system, 'GET', `/api/v1/partnerships/${driver.id}`, { key: system.adminKey, headers: { 'If-None-Match': read.headers.get('etag')! } });
    expect(changed.status).toBe(200);
  });

  it('when a step names a revision the partnership has left, then it is refused with 412 and nothing changes', async () => {
    const driver = await PartnershipDriver.register(system);
    const stale = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}`, { key: system.adminKey })).headers.get('etag')!;
    await driver.step('describe-challenge', { challenge: 'Först.' });
    const handle = system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id));
    const before = { state: await driver.state(), history: (await handle.fetchHistory()).events?.length };

    const refused = await step(driver, stale, 'Skrivet på en gammal läsning.');
    expect(refused.status).toBe(412);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ status: 412, reason: 'STALE_REVISION' });
    expect((await step(driver, 'inte en etag', 'Skräp.')).status).toBe(412);
    expect((await step(driver, 'W/"r1"', 'Svag etag.')).status).toBe(412);
    expect({ state: await driver.state(), history: (await handle.fetchHistory()).events?.length }).toEqual(before);
    expect((await step(driver, '*', 'Vilken revision som helst.')).status).toBe(200);
  });

  it('when two clients act on the same revision at once, then one step is taken and the other is refused', async () => {
    const driver = await PartnershipDriver.register(system);
    const etag = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}`, { key: system.adminKey })).headers.get('etag')!;
    const answers = await Promise.all(['Den ena.', 'Den andra.', 'Den tredje.'].map((text) => step(driver, etag, text)));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 412, 412]);
    expect((await driver.state()).revision).toBe(Number(etag.slice(2, -1)) + 1);
  });
});
