// A representative of an organisation takes a step only for its own party: judged here, from the
// records' parties, before the workflow is asked (the workflow judges again, against its state).
import { forbidden, mayTake, stepPolicy } from '../../domain/policy';
import type { Step } from '../../domain/steps';
import type { Database } from '../../platform/database';
import { partiesOf } from '../../records/registration';
import type { Principal } from '../auth/principal';
import { problems } from '../http/problem';

/** Whether the step is one whose caller must be judged by the parties: the route table has checked the role. */
export const judgedByParty = (step: Step, principal: Principal) => stepPolicy[step.type][principal.role] === 'own';

/** Refuses a representative's step for another party; `exists` tells, when there are no parties, whether there is a partnership. */
export async function checkRepresentative(db: Database, id: string, step: Step, principal: Principal, exists: () => Promise<void>): Promise<void> {
  const parties = await partiesOf(db, id);
  if (parties.length === 0) await exists();
  const verdict = mayTake(principal, step, parties);
  if (verdict !== 'allowed') throw problems.forbidden('A representative acts only for its own party', forbidden[verdict]);
}
