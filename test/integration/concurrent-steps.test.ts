import { partnershipStateQuery, partnershipWorkflowId } from '../../workflows/messages';
import { PartnershipDriver } from '../support/lifecycle';
import { recordHistoryIfAsked } from '../support/record-history';
import { expectRecordsMatch } from '../support/records';
import { api, eventually, startSystem, type TestSystem } from '../support/system';

// Many clients at once on one partnership, over HTTP. Temporal admits a bounded number of Updates in
// flight per workflow and may drop a workflow task under that load; neither may cost a client the
// truth about its own step, nor the records their agreement with the workflow.
describe('many steps at once on one partnership', () => {
  let system: TestSystem;
  beforeAll(async () => {
    // One client sends thousands of steps here: the rate limit is not what is under test.
    system = await startSystem({ rateLimitPerMinute: 1_000_000 });
  });
  afterAll(() => system.stop());

  type Answer = { status: number; headers: Headers; body: any; requestId: string; system: string };

  const reference = (driver: PartnershipDriver, name: string, headers: Record<string, string> = {}): Promise<Answer> => {
    const requestId = `req-${name}`;
    return api(system, 'POST', `/api/v1/partnerships/${driver.id}/actions/record-external-reference`, {
      key: system.adminKey,
      body: { system: name, reference: `KS ${name}` },
      headers: { 'x-request-id': requestId, ...headers },
    }).then((a) => ({ ...a, requestId, system: name }));
  };

  /** A step answered 202 is taken a moment later: its outcome is read until it is final. */
  async function settled(driver: PartnershipDriver, answer: Answer): Promise<Answer> {
    if (answer.status !== 202) return answer;
    return eventually(async () => {
      const outcome = await api(system, 'GET', answer.headers.get('location')!.replace(/^https?:\/\/[^/]+/, ''), { key: system.adminKey });
      return outcome.status === 202 ? undefined : { ...answer, status: outcome.status, body: outcome.body };
    }, 60_000);
  }

  /** Only a machinery's refusal may answer other than the step's truth, and then as 503 with Retry-After. */
  function expectTruthful(answers: Answer[], allowed: number[]): void {
    for (const a of answers) {
      if (a.status === 503) expect([a.system, a.headers.get('retry-after')]).toEqual([a.system, expect.stringMatching(/^\d+$/)]);
      else expect([a.system, allowed.includes(a.status) ? 'truthful' : `${a.status} ${a.body?.reason}`]).toEqual([a.system, 'truthful']);
    }
  }

  async function referencesRecorded(driver: PartnershipDriver): Promise<string[]> {
    const rows = await system.db.externalReference.findMany({ where: { partnershipId: driver.id }, select: { system: true } });
    return rows.map((r) => r.system).sort();
  }

  it('when 20 writers send a step on the same revision at once, 50 times over, then exactly one is taken each time, and its writer is the one answered 2xx', async () => {
    const driver = await PartnershipDriver.register(system);
    for (let round = 0; round < 50; round += 1) {
      const etag = (await api(system, 'GET', `/api/v1/partnerships/${driver.id}`, { key: system.adminKey })).headers.get('etag')!;
      const revision = Number(etag.slice(2, -1));
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, writer) => reference(driver, `r${round}-w${writer}`, { 'if-match': etag }).then((a) => settled(driver, a))),
      );
      expectTruthful(answers, [200, 412]);
      const winners = answers.filter((a) => a.status === 200);
      expect([round, winners.length]).toEqual([round, 1]);
      const audit = await system.db.auditEvent.findFirst({ where: { partnershipId: driver.id, revision: revision + 1 } });
      expect([round, audit?.requestId]).toEqual([round, winners[0]!.requestId]);
      expect((await referencesRecorded(driver)).filter((s) => s.startsWith(`r${round}-`))).toEqual([winners[0]!.system]);
    }
  }, 600_000);

  it('when 50 steps are sent at once without If-Match, then each answer tells its own truth and every step answered 2xx is recorded exactly once', async () => {
    const driver = await PartnershipDriver.register(system);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => reference(driver, `s${i}`).then((a) => settled(driver, a))));
    expectTruthful(answers, [200]);
    const taken = answers.filter((a) => a.status === 200).map((a) => a.system).sort();
    expect(await referencesRecorded(driver)).toEqual(taken);
    const audit = await system.db.auditEvent.findMany({ where: { partnershipId: driver.id, action: 'partnership.recordExternalReference' } });
    expect(audit.map((a) => a.requestId).sort()).toEqual(answers.filter((a) => a.status === 200).map((a) => a.requestId).sort());
    await expectRecordsMatch(driver);
    recordHistoryIfAsked(driver.id, 'fifty-steps-at-once');
  }, 300_000);

  it('when 20 rounds of 50 mixed steps are sent at once, then after each round the records, the audit trail and the workflow agree', async () => {
    const driver = await PartnershipDriver.register(system);
    const phases = ['INITIATION', 'FORMULATION', 'DECISION', 'IMPLEMENTATION'];
    const levels = ['INFORMATION', 'CONSULTATION', 'DIALOGUE', 'PARTNERSHIP'];
    const handle = system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id));
    for (let round = 0; round < 20; round += 1) {
      const steps = Array.from({ length: 50 }, (_, i): Promise<Answer> => {
        const name = `m${round}-${i}`;
        const send = (step: string, body: unknown) =>
          api(system, 'POST', `/api/v1/partnerships/${driver.id}/actions/${step}`, { key: system.adminKey, body, headers: { 'x-request-id': `req-${name}` } }).then((a) => ({ ...a, requestId: `req-${name}`, system: name }));
        switch (i % 4) {
          case 0:
            return reference(driver, name);
          case 1:
            return send('set-participation-level', { phase: phases[(round + i) % 4], level: levels[i % 4] });
          case 2:
            return send('describe-challenge', { challenge: `Utmaningen, runda ${round}, steg ${i}.` });
          default:
            return send('set-timing', { remindAfterDays: 7 + (i % 5), escalateAfterDays: 30 });
        }
      });
      const answers = await Promise.all(steps.map((s) => s.then((a) => settled(driver, a))));
      expectTruthful(answers, [200]);
      const live = await handle.query(partnershipStateQuery);
      const audit = await system.db.auditEvent.findMany({ where: { partnershipId: driver.id, revision: { not: null } }, orderBy: { revision: 'asc' } });
      const taken = new Set(answers.filter((a) => a.status === 200).map((a) => a.requestId));
      // Each step answered 2xx is in the audit trail exactly once, and nothing else of this round is.
      const thisRound = audit.filter((a) => a.requestId?.startsWith(`req-m${round}-`)).map((a) => a.requestId!);
      expect([round, thisRound.sort()]).toEqual([round, [...taken].sort()]);
      expect(audit.at(-1)?.revision).toBe(live.revision);
      await expectRecordsMatch(driver);
    }
  }, 900_000);
});
