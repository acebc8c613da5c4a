// The feed's reads: the events after a position in the order their transactions began, where the
// feed ends now, one event by its id, and the parties an organisation is (events/feed.ts cuts an
// event to what a representative may see).
import { Prisma, type Database } from '../platform/database';
import type { FeedPosition, StoredEvent } from '../events/feed';

export interface FeedFilter {
  partnershipId?: string;
  /** Only these types; every type when empty. */
  types?: string[];
  /** Only partnerships this organisation is party to; null matches nothing. */
  organisationId?: string | null;
  /** A representative's feed leaves out what its views leave out. */
  asRepresentative?: boolean;
}

/** Below this, every transaction has ended: the events of older ones are all there is of them. */
const horizon = Prisma.sql`pg_snapshot_xmin(pg_current_snapshot())::text::bigint`;

/** Which events of the feed a filter lets through, after a position. */
function feedConditions(after: FeedPosition, filter: FeedFilter): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`(e.txid, e.seq) > (${after[0]}, ${after[1]})`];
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
  return where;
}

/**
 * The events after a position, in (txid, seq) order, from transactions older than any still
 * running: one that commits later cannot land behind the position, so a reader misses nothing.
 */
export async function readEvents(db: { $queryRaw: Database['$queryRaw'] }, after: FeedPosition, limit: number, filter: FeedFilter = {}): Promise<StoredEvent[]> {
  return db.$queryRaw<StoredEvent[]>`
    SELECT e.seq, e.id, e.txid, e."partnershipId", e.type, e.time, e.data FROM "PartnershipEvent" e
    WHERE ${Prisma.join([...feedConditions(after, filter), Prisma.sql`e.txid < ${horizon}`], ' AND ')}
    ORDER BY e.txid, e.seq
    LIMIT ${limit}`;
}

/**
 * Whether any event after a position is committed that readEvents held back: one of a transaction
 * younger than another still running. Asked after a read, so that an event held back then is found
 * here whether or not the older transaction has ended since.
 */
export async function eventsHeldBack(db: { $queryRaw: Database['$queryRaw'] }, after: FeedPosition, filter: FeedFilter = {}): Promise<boolean> {
  const [row] = await db.$queryRaw<{ held: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "PartnershipEvent" e WHERE ${Prisma.join(feedConditions(after, filter), ' AND ')}) AS held`;
  return row!.held;
}

/** One event by its id (the CloudEvents id, a delivery's webhook-id), or null. */
export async function eventById(db: Database, id: string): Promise<StoredEvent | null> {
  const [event] = await db.$queryRaw<StoredEvent[]>`
    SELECT seq, id, txid, "partnershipId", type, time, data FROM "PartnershipEvent" WHERE id = ${id}`;
  return event ?? null;
}

/** The parties an organisation is, in every partnership or in one: what a representative of it may see as its own. */
export async function partiesOfOrganisation(db: Pick<Database, 'party'>, organisationId: string, partnershipId?: string): Promise<ReadonlySet<string>> {
  return new Set((await db.party.findMany({ where: { organisationId, ...(partnershipId ? { partnershipId } : {}) }, select: { partyId: true } })).map((p) => p.partyId));
}

/** Where the feed ends now: a new subscription is told of what happens from here on. */
export async function feedEnd(db: Database): Promise<FeedPosition> {
  const [row] = await db.$queryRaw<{ txid: bigint | null; seq: bigint | null }[]>`
    SELECT txid, seq FROM "PartnershipEvent" ORDER BY txid DESC, seq DESC LIMIT 1`;
  // Events of transactions still running may later sort before this: start just below the oldest running one.
  const [xmin] = await db.$queryRaw<{ xmin: bigint }[]>`SELECT ${horizon} AS xmin`;
  if (!row?.txid) return [0n, 0n];
  return row.txid < xmin!.xmin ? [row.txid, row.seq!] : [xmin!.xmin - 1n, 2n ** 62n];
}

/**
 * The active webhook subscriptions: asked after every commit of events, and so straight through pg
 * (Prisma compiles every query it builds, and the worker asks once per round of steps).
 */
export async function activeSubscriptionIds(db: Pick<Database, 'pool'>): Promise<string[]> {
  const { rows } = await db.pool.query<{ id: string }>({ name: 'active-webhook-subscriptions', text: `SELECT id::text FROM "WebhookSubscription" WHERE status = 'ACTIVE'` });
  return rows.map((row) => row.id);
}
