// Who coordinates a case (samordnare). The coordinator's name and address are personal data: they
// live in the records, never in the workflow, so a change is a change of the record, audited, and
// every later notice and escalation goes to whoever holds the role when it is sent.
import { z } from 'zod';
import { freeText } from '../../domain/text';
import { lockCoordinator } from '../../records/coordinator-lock';
import { fixAddressKey, fixAddressKind } from '../../records/task-rows';
import type { Database } from '../../platform/database';
import { emailAddress } from '../http/formats';
import { problems } from '../http/problem';
import type { RouteTable } from '../http/route';
import { partnershipIdParams } from './schemas';

type Transaction = Parameters<Parameters<Database['$transaction']>[0]>[0];

export const coordinatorRequest = z
  .object({
    name: freeText(1, 200).meta({ example: 'Bo Bengtsson' }),
    email: emailAddress().meta({ example: 'bo.bengtsson@example.se' }),
  })
  .strict()
  .meta({ id: 'ChangeCoordinator', description: 'The person who coordinates the case and receives its e-mail' });

// As the partnership's record shows it: the address as it was accepted, with no format of its own
// that a stricter reader could dispute.
const coordinatorSchema = z.object({ name: z.string(), email: z.string() }).meta({ id: 'Coordinator' });

/** Whether a contact of a party still in the partnership has this address. */
async function stillAContact(tx: Transaction, partnershipId: string, address: string): Promise<boolean> {
  const parties = await tx.party.findMany({ where: { partnershipId, leftOn: null }, select: { contactIds: true } });
  const contactIds = parties.flatMap((p) => p.contactIds as string[]);
  if (contactIds.length === 0) return false;
  const contacts = await tx.contact.findMany({ where: { id: { in: contactIds } }, select: { email: true } });
  return contacts.some((c) => c.email.toLowerCase() === address.toLowerCase());
}

export function partnershipCoordinatorRoutes(routes: RouteTable, basePath: string, db: Database): void {
  routes.add(basePath, {
    method: 'put',
    path: '/partnerships/:id/coordinator',
    operationId: 'changeCoordinator',
    summary: 'Hand the case to another coordinator; reminders and escalations go to them from now on',
    tags: ['Partnerships'],
    access: 'api-key',
    owner: 'partnership',
    params: partnershipIdParams,
    body: coordinatorRequest,
    responses: { 200: { description: 'The coordinator now', schema: coordinatorSchema }, 404: { description: 'No such partnership' } },
    handler: async ({ params, body, principal, requestId }) => {
      await db.$transaction(async (tx) => {
        // Locked, so that of two changes at once each closes the task of the address it replaced.
        const before = await lockCoordinator(tx, params.id);
        if (!before) throw problems.notFound('No such partnership');
        await tx.partnership.update({ where: { id: params.id }, data: { coordinatorName: body.name, coordinatorEmail: body.email } });
        // The refused address is no longer written to, unless a party's contact still has it: its task closes.
        const replaced = before.coordinatorEmail.toLowerCase() !== body.email.toLowerCase();
        if (replaced && !(await stillAContact(tx, params.id, before.coordinatorEmail))) {
          await tx.task.updateMany({
            where: { id: `${params.id}:${fixAddressKey(before.coordinatorEmail)}`, kind: fixAddressKind, closedAt: null },
            data: { closedAt: new Date(), closedAtRevision: before.revision },
          });
        }
        // Who changed it and when; the names stay in the record, not in the trail.
        await tx.auditEvent.create({
          data: { actorType: principal!.type, actorId: principal!.keyId, actorRole: principal!.role, action: 'partnership.coordinatorChanged', partnershipId: params.id, requestId },
        });
      });
      return { status: 200, body: { name: body.name, email: body.email } };
    },
  });
}
