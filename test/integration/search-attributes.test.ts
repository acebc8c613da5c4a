// An operator finds a partnership's workflow in the Temporal UI by what the case is known by: its
// case number, a party's own case number, its phase, an organisation, its term's end or its next
// deadline. The UI's list filter is the visibility query asked here through the client, against the
// dev server, whose attributes the worker registered at its start.
import { randomUUID } from 'node:crypto';
import { msToTs } from '@temporalio/common/lib/time';
import { swedishInstant } from '../../domain/swedish-time';
import { addDays, addYears } from '../../domain/dates';
import { partnershipWorkflowId } from '../../workflows/messages';
import { ensureSearchAttributes } from '../../worker/ensure-search-attributes';
import { PartnershipDriver, today } from '../support/lifecycle';
import { examplePartnership, startSystem, type TestSystem } from '../support/system';

let system: TestSystem;
beforeAll(async () => {
  system = await startSystem();
}, 60_000);
afterAll(() => system.stop());

/** The workflow ids a list filter finds, once the visibility store has caught up with what is expected. */
async function listed(query: string, expected: string[]): Promise<string[]> {
  let ids: string[] = [];
  for (let tries = 0; tries < 50; tries++) {
    ids = [];
    for await (const execution of system.temporal.workflow.list({ query })) ids.push(execution.workflowId);
    ids.sort();
    if (JSON.stringify(ids) === JSON.stringify([...expected].sort())) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return ids;
}

const dayStart = (day: string) => new Date(swedishInstant(day, '00:00')).toISOString();

describe('finding a partnership in Temporal', () => {
  it('when a partnership is registered with a case number and moves on, then the list filter finds it by case number, party reference, phase, organisation, term end and next deadline, and the attributes follow each step', async () => {
    const caseNumber = `KS ${randomUUID().slice(0, 8)}/17`;
    const driver = await PartnershipDriver.register(system, system.adminKey, { ...examplePartnership, caseNumber });
    const workflowId = partnershipWorkflowId(driver.id);

    expect(await listed(`IopCaseNumbers = '${caseNumber}'`, [workflowId])).toEqual([workflowId]);
    expect(await listed(`IopCaseNumbers = '${caseNumber}' AND IopPhase = 'INITIATION'`, [workflowId])).toEqual([workflowId]);

    const parties = await driver.implement();
    const state = await driver.state();
    const reference = `F-${randomUUID().slice(0, 8)}`;
    await driver.step('record-external-reference', { system: 'Föreningens diarium', partyId: parties[2], reference });
    const organisation = state.parties.find((p: { partyId: string }) => p.partyId === parties[2]).organisationId;

    expect(await listed(`IopCaseNumbers = '${reference}'`, [workflowId])).toEqual([workflowId]);
    expect(await listed(`IopCaseNumbers = '${caseNumber}' AND IopPhase = 'IMPLEMENTATION'`, [workflowId])).toEqual([workflowId]);
    expect(await listed(`IopCaseNumbers = '${caseNumber}' AND IopPhase = 'INITIATION'`, [])).toEqual([]);
    expect(await listed(`IopOrganisationIds = '${organisation}'`, [workflowId])).toEqual([workflowId]);

    const described = await system.temporal.workflow.getHandle(workflowId).describe();
    const attributes = described.searchAttributes;
    expect(attributes.IopPhase).toEqual(['IMPLEMENTATION']);
    expect([...(attributes.IopCaseNumbers as string[])].sort()).toEqual([caseNumber, reference].sort());
    expect((attributes.IopOrganisationIds as string[]).length).toBe(state.parties.length);
    const lastDay = addDays(addYears(today(), 5), -1);
    expect((attributes.IopTermEnd as Date[])[0]!.toISOString()).toBe(dayStart(lastDay));
    const nextDeadline = (await system.db.partnership.findUniqueOrThrow({ where: { id: driver.id } })).nextDeadlineOn!;
    expect((attributes.IopNextDeadline as Date[])[0]!.toISOString()).toBe(dayStart(String(nextDeadline).slice(0, 10)));
    expect(await listed(`IopCaseNumbers = '${caseNumber}' AND IopTermEnd < '${dayStart(addDays(lastDay, 1))}' AND IopNextDeadline >= '${dayStart(today())}'`, [workflowId])).toEqual([workflowId]);
  }, 120_000);

  it('when a namespace holds one of the attributes under another type, then a worker refuses to start and says which', async () => {
    const namespace = `clash-${randomUUID().slice(0, 8)}`;
    const service = system.temporal.connection.workflowService;
    await service.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('1 day') });
    // The namespace takes a moment to be known to every part of the dev server.
    const operator = system.temporal.connection.operatorService;
    for (let tries = 0; ; tries++) {
      try {
        await operator.addSearchAttributes({ namespace, searchAttributes: { IopPhase: 1 /* TEXT */ } });
        break;
      } catch (error) {
        if (tries > 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
    await expect(ensureSearchAttributes(system.temporal.connection, namespace)).rejects.toThrow(/IopPhase is registered with another type than KEYWORD/);
  }, 60_000);
});
