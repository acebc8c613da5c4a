// What a step points at outside the workflow must exist, and what the records decide is taken from
// them: the API checks, for the steps that point, before it asks, and hands on the payload the
// workflow is to get. Each check reads the records through records/organisation-registration.ts.
import type { Party } from '../../domain/state';
import type { StepPayload, StepType } from '../../domain/steps';
import type { Database } from '../../platform/database';
import { contactsOfPartyOrganisation, registeredKinds as readRegisteredKinds } from '../../records/organisation-registration';
import { problems } from '../http/problem';

type PartyKind = Party['kind'];
type Check<T extends StepType> = (db: Database, partnershipId: string, payload: StepPayload<T>, within: string) => Promise<StepPayload<T>>;

/** The registered kind of each organisation found, by id; the registration's schema admits only a party's kinds. */
const registeredKinds = (db: Database, organisationIds: string[]) => readRegisteredKinds(db, organisationIds) as Promise<Map<string, PartyKind>>;

/**
 * A party is of its organisation's registered kind: the IOP guards count kinds, so the kind comes
 * from the record, never from the caller. One left out is filled in; one given otherwise is refused.
 */
function registeredKind(registered: PartyKind, given: PartyKind | undefined, where: string): PartyKind {
  if (given !== undefined && given !== registered) {
    throw problems.refused('PARTY_KIND_MISMATCH', `${where}the organisation is registered as ${registered}, not ${given}: a party is of its organisation's registered kind`);
  }
  return registered;
}

const notRegistered = (field: string, pointer: string) =>
  problems.referenceNotFound([{ in: 'body', field, pointer, detail: 'No organisation is registered with this id' }]);

const referenceChecks: { [T in StepType]?: Check<T> } = {
  async assignContacts(db, id, payload) {
    const { partyId, contactIds } = payload;
    // No such party: the workflow refuses the step, with the party named.
    const found = await contactsOfPartyOrganisation(db, id, partyId, contactIds);
    if (found !== null && found !== new Set(contactIds).size) {
      throw problems.validation([{ in: 'body', field: 'contactIds', pointer: '#/contactIds', detail: "Each contact must belong to the party's organisation" }]);
    }
    return payload;
  },
  async importRunningPartnership(db, _id, payload, within) {
    const { parties } = payload;
    const kinds = await registeredKinds(db, parties.map((p) => p.organisationId));
    const unknown = parties.findIndex((p) => !kinds.has(p.organisationId));
    const prefix = within ? `${within}.` : '';
    if (unknown >= 0) throw notRegistered(`${prefix}parties.${unknown}.organisationId`, `#${within ? `/${within}` : ''}/parties/${unknown}/organisationId`);
    const resolved = parties.map((p, i) => ({ ...p, kind: registeredKind(kinds.get(p.organisationId)!, p.kind, `${prefix}parties.${i}: `) }));
    return { ...payload, parties: resolved };
  },
  async addParty(db, _id, payload) {
    const registered = (await registeredKinds(db, [payload.organisationId])).get(payload.organisationId);
    if (!registered) throw notRegistered('organisationId', '#/organisationId');
    return { ...payload, kind: registeredKind(registered, payload.kind, '') };
  },
};

/** Whether a step points outside the workflow, and so needs its partnership to exist before it is judged. */
export const pointsOutside = (type: StepType) => type in referenceChecks;

/** The payload as the workflow is to get it, once what it points at is checked against the records. */
export async function checkReferences<T extends StepType>(db: Database, id: string, type: T, payload: StepPayload<T>, within = ''): Promise<StepPayload<T>> {
  const check = referenceChecks[type] as Check<T> | undefined;
  return check ? check(db, id, payload, within) : payload;
}
