import { PartnershipDriver } from '../support/lifecycle';
import { api, examplePartnership, startSystem, type TestSystem } from '../support/system';

// Text that PostgreSQL cannot store is refused at the door, naming the field: never a 500, and never
// a step that the workflow accepts and then cannot record.
describe('text that cannot be stored', () => {
  let system: TestSystem;
  beforeAll(async () => {
    system = await startSystem();
  });
  afterAll(() => system.stop());

  const hostile = { NUL: 'Läxhjälp\u0000', 'a lone surrogate': 'Läxhjälp \uD800' };

  it.each(Object.entries(hostile))('when a registration carries %s, then 400 names the field and nothing is stored', async (_what, text) => {
    const before = await system.db.partnership.count();
    const response = await api(system, 'POST', '/api/v1/partnerships', { key: system.adminKey, body: { ...examplePartnership, challenge: text } });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'challenge' })]);
    expect(await system.db.partnership.count()).toBe(before);
  });

  it.each(Object.entries(hostile))('when steps carry %s in a long text, a short text or a note, then each is refused naming the field, and the partnership still takes steps', async (_what, text) => {
    const driver = await PartnershipDriver.register(system);
    const refusals = [
      await driver.attempt('describe-challenge', { challenge: text }),
      await driver.attempt('choose-cooperation-form', { form: 'IOP', rationale: text }),
      await driver.attempt('record-external-reference', { system: text, reference: 'KS 1' }),
    ];
    expect(refusals.map((r) => [r.status, r.body.errors?.[0]?.field])).toEqual([
      [400, 'challenge'],
      [400, 'rationale'],
      [400, 'system'],
    ]);
    // A query cannot carry a lone surrogate in UTF-8; it can carry a NUL (%00).
    if (text.includes('\u0000')) {
      const lookup = await api(system, 'GET', `/api/v1/partnerships?reference=${encodeURIComponent(text)}`, { key: system.adminKey });
      expect([lookup.status, lookup.body.errors?.[0]?.field]).toEqual([400, 'reference']);
    }

    expect((await driver.step('describe-challenge', { challenge: 'Läxhjälp för unga.' })).challenge).toBe('Läxhjälp för unga.');
  });
});
