// The path every throughput benchmark drives over the API: one partnership from registration
// through INITIATION, FORMULATION, LEGAL_REVIEW and every party's decision to IMPLEMENTATION.
import { swedishDay } from '../../domain/swedish-time';
import { PartnershipDriver, fullAgreement } from '../../test/support/lifecycle';
import type { TestSystem } from '../../test/support/system';

/** One partnership from registration to IMPLEMENTATION; answers how many steps (Updates) it took. */
export async function lifecycle(system: TestSystem, registered?: (id: string) => void): Promise<number> {
  const driver = await PartnershipDriver.register(system);
  registered?.(driver.id);
  let steps = 0;
  const step = async (name: string, body: unknown = {}) => {
    steps += 1;
    return driver.step(name, body);
  };
  const parties = await driver.initiate();
  steps += 7; // describe-challenge, three add-party, add-learning-goal, choose-cooperation-form, complete-initiation
  await step('save-agreement-draft', { sections: fullAgreement });
  await step('submit-for-legal-review');
  await driver.passLegalReview();
  steps += 6;
  for (const [i, partyId] of parties.entries()) {
    const decided = await driver.decide(partyId, 1, 'YES', i < 2);
    if (decided.status !== 200) throw new Error(`record-decision: ${decided.status}`);
    steps += 1;
  }
  await step('start-implementation', { startDate: swedishDay(Date.now()), beforeFinal: { reason: 'Mätning av genomströmningen.' } });
  return steps;
}
