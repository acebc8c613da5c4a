import { Client as PgClient } from 'pg';
import { PartnershipDriver } from '../support/lifecycle';
import { testRun } from '../support/run-config';
import { api, eventually, startSystem, type TestSystem } from '../support/system';

/** Holds the partnership's row locked, so that recording a step waits until it is let go. */
async function lockPartnership(id: string): Promise<{ release: () => Promise<void> }> {
  const client = new PgClient({ connectionString: testRun().databaseUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query('SELECT 1 FROM "Partnership" WHERE id = $1 FOR UPDATE', [id]);
  return {
    release: async () => {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

describe('a step the workflow accepted but has not yet recorded is never answered as a failure', () => {
  let system: TestSystem;
  beforeAll(async () => {
    // A caller waits one second for a step's outcome before it is told 202 Accepted.
    system = await startSystem({ stepAnswerDeadlineMs: 1_000 });
  });
  afterAll(() => system.stop());

  it('when recording outlives the answer deadline, then 202 with a Location, and the outcome and a keyed retry answer the final result once it is recorded', async () => {
    const driver = await PartnershipDriver.register(system);
    await driver.settled();
    const key = { 'idempotency-key': `slow-${crypto.randomUUID()}` };
    const lock = await lockPartnership(driver.id);
    let released = false;
    try {
      const accepted = await driver.attempt('describe-challenge', { challenge: 'Unga som står långt från arbetsmarknaden.' }, key);

      expect(accepted.status).toBe(202);
      expect(accepted.body).toMatchObject({ status: 'ACCEPTED', stepId: expect.any(String) });
      const location = accepted.headers.get('location')!;
      expect(location).toBe(`/api/v1/partnerships/${driver.id}/step-outcomes/${accepted.body.stepId}`);
      expect((await api(system, 'GET', location, { key: system.adminKey })).status).toBe(202);
      expect((await driver.attempt('describe-challenge', { challenge: 'Unga som står långt från arbetsmarknaden.' }, key)).status).toBe(202);

      await lock.release();
      released = true;
      // Recording resumes with the activity's next attempt: a client polls as Retry-After says.
      const outcome = await eventually(async () => {
        const response = await api(system, 'GET', location, { key: system.adminKey });
        return response.status === 200 ? response : response.status === 202 ? undefined : response;
      }, 45_000);
      expect(outcome.status).toBe(200);
      expect(outcome.body).toMatchObject({ challenge: 'Unga som står långt från arbetsmarknaden.', revision: 1 });

      const retried = await driver.attempt('describe-challenge', { challenge: 'Unga som står långt från arbetsmarknaden.' }, key);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ challenge: 'Unga som står långt från arbetsmarknaden.', revision: 1 });
      expect(await system.db.auditEvent.count({ where: { partnershipId: driver.id, action: 'partnership.describeChallenge' } })).toBe(1);
    } finally {
      if (!released) await lock.release();
    }
  }, 90_000);

  it("when a step's outcome is asked for under another partnership, then 404", async () => {
    const driver = await PartnershipDriver.register(system);
    const response = await api(system, 'GET', `/api/v1/partnerships/${driver.id}/step-outcomes/no-such-step`, { key: system.adminKey });

    expect(response.status).toBe(404);
  });
});
