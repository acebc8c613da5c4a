// Bringing in a running partnership (an IOP that began before the product) in its current phase and
// term: registered and imported as one request, checked against the rules before anything is written.
import { randomUUID } from 'node:crypto';
import { decide } from '../../domain/decide';
import { initialState } from '../../domain/state';
import { problems } from '../http/problem';
import type { RouteTable } from '../http/route';
import { acceptedSchema, outcomeUrl } from './step-routes';
import { importPartnershipRequest, partnershipSchema } from './schemas';
import type { PartnershipService } from './service';
import { partnershipAsSeenBy } from './views';

export function partnershipImportRoutes(routes: RouteTable, basePath: string, service: PartnershipService): void {
  routes.add(basePath, {
    method: 'post',
    path: '/partnership-imports',
    operationId: 'importPartnership',
    summary: 'Bring in a running partnership in its current phase and term; notices already due are not sent',
    tags: ['Partnerships'],
    access: 'api-key',
    idempotent: true,
    body: importPartnershipRequest,
    responses: {
      201: { description: 'Brought in; its next deadlines are planned and its work list is open', schema: partnershipSchema, headers: { Location: 'The URL of the partnership' } },
      202: { description: 'Registered; the workflow is still recording the import. Read it at the Location', schema: acceptedSchema, headers: { Location: "Where the import's outcome can be read" } },
      404: { description: 'An organisation a party or a decision names is not registered (`reference-not-found`, naming the field); nothing was stored' },
      409: { description: "The rules refuse the partnership as given (a term that has ended, a party without a decision, …); `reason` says which. Nothing was stored" },
      503: { description: 'The workflow engine or the database is unreachable; nothing was stored, or send the request again with the same Idempotency-Key' },
    },
    handler: async ({ body, principal, requestId, log, reservedId, scope }) => {
      const id = reservedId ?? randomUUID();
      const { partnership: given, ...registration } = body;
      // Each party of its organisation's registered kind: the rules below count kinds.
      const running = await service.checkReferences(id, 'importRunningPartnership', given, 'partnership');
      // The rules are asked first, on the state the workflow starts from and on this host's clock: a
      // partnership they refuse leaves no case behind. The workflow asks them again on its own clock.
      const verdict = decide(initialState(id), { type: 'importRunningPartnership', payload: running }, { now: Date.now(), newId: randomUUID, actorKeyId: principal!.keyId });
      if (!verdict.ok) throw problems.refused(verdict.refusal.code, verdict.refusal.message);

      await service.register(id, registration, principal!, requestId, { imported: true });
      const outcome = await service.act(id, 'importRunningPartnership', running, principal!, requestId, `import-${id}`);
      log.info({ partnershipId: id }, 'running partnership brought in');
      if ('accepted' in outcome) return { status: 202, body: { status: 'ACCEPTED', stepId: outcome.accepted }, headers: { Location: outcomeUrl(basePath, id, outcome.accepted) } };
      return { status: 201, body: partnershipAsSeenBy(await service.find(id), scope, principal), headers: { Location: `${basePath}/partnerships/${id}` } };
    },
  });
}
