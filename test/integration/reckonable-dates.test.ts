import { addDays } from '../../domain/dates';
import { stepUpdates, partnershipWorkflowId } from '../../workflows/messages';
import { fullAgreement, PartnershipDriver, runningPartnershipBody, registerOrganisation, today } from '../support/lifecycle';
import { api, startSystem, type TestSystem } from '../support/system';

// A posting date is reckoned by the Swedish calendar table (domain/swedish-calendar.json), which has
// years it covers: a date outside them is refused where it comes in, naming the field and the range.
let system: TestSystem;
beforeAll(async () => {
  system = await startSystem({ rateLimitPerMinute: 1_000 });
});
afterAll(() => system.stop());

const beforeTheTable = '1989-12-01';
const pastTheTable = '2150-12-10';

function expectRangeProblem(response: { status: number; headers: Headers; body: any }, pointer: string) {
  expect(response.status).toBe(400);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const error = response.body.errors.find((e: { pointer: string }) => e.pointer === pointer);
  expect(error).toBeDefined();
  expect(error.detail).toContain('1990-01-01');
  expect(error.detail).toContain('2149-12-31');
}

async function runningPartnership(postingDate: string) {
  const kommun = await registerOrganisation(system, 'PUBLIC', 'Borås stad');
  const forening = await registerOrganisation(system, 'IDEBUREN', 'Språkföreningen');
  return runningPartnershipBody(today(), (start) => ({
    parties: [
      { organisationId: kommun, kind: 'PUBLIC' },
      { organisationId: forening, kind: 'IDEBUREN' },
    ],
    decisions: [
      { organisationId: kommun, decidingBody: 'Kommunstyrelsen', decidingBodyKind: 'STYRELSE', meetingDate: '1989-11-20', postingDate },
      { organisationId: forening, decidingBody: 'Styrelsen', decidingBodyKind: 'BOARD', meetingDate: addDays(start, -45) },
    ],
  }));
}

/** In DECISION, with the kommun's yes recorded without its posting date; returns the kommun's party id. */
async function yesAwaitingPosting(driver: PartnershipDriver, meetingDate = addDays(today(), -30)): Promise<string> {
  const [kommun] = await driver.initiate();
  await driver.step('save-agreement-draft', { sections: fullAgreement });
  await driver.step('submit-for-legal-review');
  await driver.passLegalReview();
  await driver.step('record-decision', { partyId: kommun, agreementVersion: 1, outcome: 'YES', decidingBody: 'Socialnämnden', decidingBodyKind: 'NAMND', meetingDate });
  return kommun!;
}

describe('dates the Swedish calendar table does not cover', () => {
  it('when a running partnership is brought in with a decision posted before the table begins, then it is refused with 400 naming the field and the range, and nothing is stored', async () => {
    const before = await system.db.partnership.count();
    const refused = await api(system, 'POST', '/api/v1/partnership-imports', { key: system.adminKey, body: await runningPartnership(beforeTheTable) });
    expectRangeProblem(refused, '#/partnership/decisions/0/postingDate');
    expect(await system.db.partnership.count()).toBe(before);
  });

  it('when a posting before the table begins or after it can reckon is recorded, then each is refused with 400 naming the field and the range, and the decision is as it was', async () => {
    const driver = await PartnershipDriver.register(system);
    const kommun = await yesAwaitingPosting(driver);
    const before = await driver.state();

    for (const postingDate of [beforeTheTable, pastTheTable]) {
      expectRangeProblem(await driver.attempt('record-posting', { partyId: kommun, postingDate }), '#/postingDate');
    }
    expect(await driver.state()).toEqual(before);

    // The decision still takes a posting the table covers.
    const posted = await driver.step('record-posting', { partyId: kommun, postingDate: addDays(today(), -5) });
    expect(posted.decisions.find((d: { partyId: string }) => d.partyId === kommun).postingDate).toBe(addDays(today(), -5));
  });

  it('when a decision is recorded with a posting date the table does not cover, then it is refused with 400 naming the field and the range', async () => {
    const driver = await PartnershipDriver.register(system);
    const [kommun] = await driver.initiate();
    await driver.step('save-agreement-draft', { sections: fullAgreement });
    await driver.step('submit-for-legal-review');
    await driver.passLegalReview();
    const decision = { partyId: kommun, agreementVersion: 1, outcome: 'YES', decidingBody: 'Socialnämnden', decidingBodyKind: 'NAMND', meetingDate: '1989-11-20' };
    expectRangeProblem(await driver.attempt('record-decision', { ...decision, postingDate: beforeTheTable }), '#/postingDate');
    expect((await driver.state()).decisions).toEqual([]);
  });

  it('when a posting the table does not cover is sent straight to Temporal, then the workflow refuses it as an invalid command, never with a RangeError, and nothing changes', async () => {
    const driver = await PartnershipDriver.register(system);
    const kommun = await yesAwaitingPosting(driver);
    const before = await driver.state();
    const handle = system.temporal.workflow.getHandle(partnershipWorkflowId(driver.id));
    const actor = { type: 'API_KEY' as const, keyId: 'k', role: 'ADMINISTRATOR', organisationId: null };

    for (const postingDate of [beforeTheTable, pastTheTable]) {
      await expect(handle.executeUpdate(stepUpdates.recordPosting, { args: [{ payload: { partyId: kommun, postingDate, approvalDate: null }, actor, requestId: null }] })).rejects.toMatchObject({
        cause: { type: 'INVALID_COMMAND', message: expect.stringContaining('/postingDate') },
      });
    }
    expect(await driver.state()).toEqual(before);
  });
});

describe('annandag pingst before 2005', () => {
  it('when a decision met in 1995 is posted three weeks before annandag pingst, then its last day to appeal is the Tuesday after, as the law of the time had it', async () => {
    const driver = await PartnershipDriver.register(system);
    const kommun = await yesAwaitingPosting(driver, '1995-05-08');
    await driver.step('record-posting', { partyId: kommun, postingDate: '1995-05-15' });
    // Three weeks end on Monday 5 June, annandag pingst; 6 June was no holiday until 2005.
    const decision = (await driver.state()).decisions.find((d: { partyId: string }) => d.partyId === kommun);
    expect(decision).toMatchObject({ postingDate: '1995-05-15', appealWindowEnds: '1995-06-06', final: true });
  });
});
