// An organisation's registration: its row and its audit event in one statement, straight through
// pg (every new partnership's parties are registered first, and Prisma compiles every query it
// builds). A taken organisation number fails as DuplicateRecord.
import type { Database } from '../platform/database';
import type { Row } from './row-types';

export type OrganisationRow = Pick<Row<'Organisation'>, 'id' | 'name' | 'organisationNumber' | 'kind' | 'municipalityCode' | 'createdAt'>;

export async function registerOrganisation(
  db: Database,
  organisation: Pick<OrganisationRow, 'id' | 'name' | 'organisationNumber' | 'kind'> & { municipalityCode?: string | null },
  audit: { actor: { type: string; keyId: string; role: Row<'AuditEvent'>['actorRole'] }; requestId: string },
): Promise<OrganisationRow> {
  const { rows } = await db.pool.query<OrganisationRow>({
    name: 'register-organisation',
    text: `WITH created AS (
        INSERT INTO "Organisation" (id, name, "organisationNumber", kind, "municipalityCode") VALUES ($1::uuid, $2, $3, $4, $9)
        RETURNING id::text, name, "organisationNumber", kind, "municipalityCode", "createdAt"),
      audit AS (
        INSERT INTO "AuditEvent" ("actorType", "actorId", "actorRole", action, "requestId", details)
        SELECT $5, $6, $7::"Role", 'organisation.registered', $8, jsonb_build_object('organisationId', id) FROM created)
      SELECT * FROM created`,
    values: [organisation.id, organisation.name, organisation.organisationNumber, organisation.kind, audit.actor.type, audit.actor.keyId, audit.actor.role, audit.requestId, organisation.municipalityCode ?? null],
  });
  if (!rows[0]) throw new Error('The organisation could not be registered');
  return rows[0];
}

/** The registered kind of each organisation found, by id: what a party's kind is taken from. */
export async function registeredKinds(db: Database, organisationIds: string[]): Promise<Map<string, string>> {
  const { rows } = await db.pool.query<Pick<Row<'Organisation'>, 'id' | 'kind'>>({
    name: 'organisation-kinds',
    text: 'SELECT id::text, kind FROM "Organisation" WHERE id = ANY($1::uuid[])',
    values: [organisationIds],
  });
  return new Map(rows.map((row) => [row.id, row.kind]));
}

/** How many of the contacts belong to the party's organisation; null when there is no such party. */
export async function contactsOfPartyOrganisation(db: Database, partnershipId: string, partyId: string, contactIds: string[]): Promise<number | null> {
  const { rows } = await db.pool.query<{ found: number }>({
    name: 'contacts-of-party-organisation',
    text: `SELECT (SELECT count(*)::int FROM "Contact" c WHERE c."organisationId" = x."organisationId" AND c.id = ANY($3::uuid[])) AS found
      FROM "Party" x WHERE x."partnershipId" = $1::uuid AND x."partyId" = $2`,
    values: [partnershipId, partyId, contactIds],
  });
  return rows[0]?.found ?? null;
}
