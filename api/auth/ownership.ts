import type { Database } from '../../platform/database';
import type { Ownership } from '../http/route';

/** Read from the partnership's party records, which every accepted step keeps current. */
export function createOwnership(db: Database): Ownership {
  return {
    async partnershipOrganisations(partnershipId) {
      const partnership = await db.partnership.findUnique({ where: { id: partnershipId }, select: { id: true } });
      if (!partnership) return null;
      const parties = await db.party.findMany({ where: { partnershipId }, select: { organisationId: true } });
      return parties.map((p) => p.organisationId);
    },
    async webhookOrganisation(subscriptionId) {
      return (await db.webhookSubscription.findUnique({ where: { id: subscriptionId }, select: { organisationId: true } }))?.organisationId ?? null;
    },
  };
}
