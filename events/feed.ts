// The outbox of partnership events (CloudEvents): written by a registration (api/partnerships/service.ts)
// and by every step's recording (activities/recording/events.ts), each in the statement that writes
// what it tells, and read here in the order their transactions began.
import { Prisma, type Database } from '../platform/database';

/** A position in the feed: the transaction and the sequence number of the last event read. */
export type FeedPosition = [txid: bigint, seq: bigint];

export interface StoredEvent {
  seq: bigint;
  id: string;
  txid: bigint;
  partnershipId: string;
  type: string;
  time: Date;
  data: Record<string, unknown>;
}

export interface FeedFilter {
  partnershipId?: string;
  /** Only these types; every type when empty. */
  types?: string[];
  /** Only partnerships this organisation is party to; null matches nothing. */
  organisationId?: string | null;
  /** A representative's feed leaves out what its views leave out. */
  asRepresentative?: boolean;
}

/**
 * The events after a position, in (txid, seq) order, from transactions older than any still
 * running: one that commits later cannot land behind the position, so a reader misses nothing.
 */
export async function readEvents(db: { $queryRaw: Database['$queryRaw'] }, after: FeedPosition, limit: number, filter: FeedFilter = {}): Promise<StoredEvent[]> {
  const where: Prisma.Sql[] = [
    Prisma.sql`(e.txid, e.seq) > (${after[0]}, ${after[1]})`,
    Prisma.sql`e.txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint`,
  ];
  if (filter.partnershipId) where.push(Prisma.sql`e."partnershipId" = ${filter.partnershipId}::uuid`);
  if (filter.types?.length) where.push(Prisma.sql`e.type IN (${Prisma.join(filter.types)})`);
  if (filter.organisationId !== undefined) {
    where.push(
      filter.organisationId
        ? Prisma.sql`EXISTS (SELECT 1 FROM "Party" x WHERE x."partnershipId" = e."partnershipId" AND x."organisationId" = ${filter.organisationId}::uuid)`
        : Prisma.sql`FALSE`,
    );
  }
  // Left out here rather than by eventAsSeenBy alone, so that a representative's page stays full.
  if (filter.asRepresentative) where.push(Prisma.sql`e.type NOT LIKE 'se.iop.partnership.legal-review-answer.%'`);
  return db.$queryRaw<StoredEvent[]>`
    SELECT e.seq, e.id, e.txid, e."partnershipId", e.type, e.time, e.data FROM "PartnershipEvent" e
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY e.txid, e.seq
    LIMIT ${limit}`;
}

/** The parties an organisation is, in every partnership or in one: what a representative of it may see as its own. */
export async function partiesOfOrganisation(db: Pick<Database, 'party'>, organisationId: string, partnershipId?: string): Promise<ReadonlySet<string>> {
  return new Set((await db.party.findMany({ where: { organisationId, ...(partnershipId ? { partnershipId } : {}) }, select: { partyId: true } })).map((p) => p.partyId));
}

const typePrefix = 'se.iop.partnership.';

/**
 * What a representative of one organisation is told of an event: what its view of the partnership
 * shows (api/partnerships/views.ts, partnershipAsSeenBy), in the feed and in its webhooks alike. No
 * legal review's items, a review's note blanked (its conclusion stays), and of the case numbers only
 * the partnership's own and its own parties'. Null when the event is not for it at all.
 */
export function eventAsSeenBy(event: StoredEvent, ownParties: ReadonlySet<string>): Record<string, unknown> | null {
  const mine = (partyId: unknown) => partyId === null || partyId === undefined || partyId === '' || ownParties.has(String(partyId));
  const entity = event.type.startsWith(typePrefix) ? event.type.slice(typePrefix.length).split('.')[0] : null;
  const value = event.data.value as Record<string, unknown> | undefined;
  if (entity === 'legal-review-answer') return null;
  // A removed reference carries no value; its key is `system|partyId`.
  if (entity === 'external-reference' && !mine(value ? value.partyId : String(event.data.key ?? '').split('|').at(-1))) return null;
  const references = (event.data.externalReferences as { partyId: string | null }[] | undefined) ?? [];
  return {
    ...event.data,
    ...(entity === 'legal-review' && value ? { value: { ...value, note: null } } : {}),
    externalReferences: references.filter((r) => mine(r.partyId)),
  };
}

/** The CloudEvents 1.0 JSON form of a stored event. */
export function cloudEvent(event: StoredEvent, apiBasePath: string, data: Record<string, unknown> = event.data) {
  return {
    specversion: '1.0' as const,
    id: event.id,
    source: `${apiBasePath}/partnerships/${event.partnershipId}`,
    type: event.type,
    subject: event.partnershipId,
    time: event.time.toISOString(),
    datacontenttype: 'application/json' as const,
    data,
  };
}

/** Where the feed ends now: a new subscription is told of what happens from here on. */
export async function feedEnd(db: Database): Promise<FeedPosition> {
  const [row] = await db.$queryRaw<{ txid: bigint | null; seq: bigint | null }[]>`
    SELECT txid, seq FROM "PartnershipEvent" ORDER BY txid DESC, seq DESC LIMIT 1`;
  // Events of transactions still running may later sort before this: start just below the oldest running one.
  const [xmin] = await db.$queryRaw<{ xmin: bigint }[]>`SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint AS xmin`;
  if (!row?.txid) return [0n, 0n];
  return row.txid < xmin!.xmin ? [row.txid, row.seq!] : [xmin!.xmin - 1n, 2n ** 62n];
}

export const encodePosition = ([txid, seq]: FeedPosition) => Buffer.from(`${txid}.${seq}`).toString('base64url');

/** A position as a client sends it back, or null when it is not one this feed gave. */
export function decodePosition(text: string): FeedPosition | null {
  const match = /^(\d{1,19})\.(\d{1,19})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) return null;
  const position: FeedPosition = [BigInt(match[1]!), BigInt(match[2]!)];
  return position.every((n) => n < 2n ** 63n) ? position : null;
}
