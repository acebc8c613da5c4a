// The feed's reads: the events after a position in the order their transactions began, where the
// feed ends now, one event by its id, and the parties an organisation is (events/feed.ts cuts an
// event to what a representative may see).
import type { Database } from '../platform/database';
import { Statement } from './statement';
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
const horizon = `pg_snapshot_xmin(pg_current_snapshot())::text::bigint`;

/** pg answers int8 as text: the columns are cast so, and parsed back here. */
const eventColumns = `e.seq::text AS seq, e.id, e.txid::text AS txid, e."partnershipId", e.type, e.time, e.data`;

interface EventRow extends Omit<StoredEvent, 'seq' | 'txid'> {
  seq: string;
  txid: string;
}

const storedEvent = (row: EventRow): StoredEvent => ({ ...row, seq: BigInt(row.seq), txid: BigInt(row.txid) });

/**
 * Which events of the feed a filter lets through, after a position, and the statement's name: each
 * combination of filters is its own prepared statement, as its text is fixed by which are present.
 */
function feedConditions(s: Statement, after: FeedPosition, filter: FeedFilter): { where: string[]; variant: string } {
  const where = [`(e.txid, e.seq) > (${s.param(after[0].toString())}::bigint, ${s.param(after[1].toString())}::bigint)`];
  let variant = '';
  if (filter.partnershipId) {
    where.push(`e."partnershipId" = ${s.param(filter.partnershipId)}::uuid`);
    variant += 'p';
  }
  if (filter.types?.length) {
    where.push(`e.type = ANY(${s.param(filter.types)}::text[])`);
    variant += 't';
  }
  if (filter.organisationId) {
    where.push(`EXISTS (SELECT 1 FROM "Party" x WHERE x."partnershipId" = e."partnershipId" AND x."organisationId" = ${s.param(filter.organisationId)}::uuid)`);
    variant += 'o';
  } else if (filter.organisationId === null) {
    where.push('FALSE');
    variant += 'n';
  }
  // Left out here rather than by eventAsSeenBy alone, so that a representative's page stays full.
  if (filter.asRepresentative) {
    where.push(`e.type NOT LIKE 'se.iop.partnership.legal-review-answer.%'`);
    variant += 'r';
  }
  return { where, variant };
}

/**
 * The events after a position, in (txid, seq) order, from transactions older than any still
 * running: one that commits later cannot land behind the position, so a reader misses nothing.
 * Straight through pg, as a named statement: the feed is read on every page and every webhook round.
 */
export async function readEvents(db: Pick<Database, 'pool'>, after: FeedPosition, limit: number, filter: FeedFilter = {}): Promise<StoredEvent[]> {
  const s = new Statement();
  const { where, variant } = feedConditions(s, after, filter);
  const text = `SELECT ${eventColumns} FROM "PartnershipEvent" e
    WHERE ${[...where, `e.txid < ${horizon}`].join(' AND ')}
    ORDER BY e.txid, e.seq
    LIMIT ${s.param(limit)}`;
  const { rows } = await db.pool.query<EventRow>({ name: `feed-read-${variant}`, text, values: s.values });
  return rows.map(storedEvent);
}

/**
 * Whether any event after a position is committed that readEvents held back: one of a transaction
 * younger than another still running. Asked after a read, so that an event held back then is found
 * here whether or not the older transaction has ended since.
 */
export async function eventsHeldBack(db: Pick<Database, 'pool'>, after: FeedPosition, filter: FeedFilter = {}): Promise<boolean> {
  const s = new Statement();
  const { where, variant } = feedConditions(s, after, filter);
  const text = `SELECT EXISTS (SELECT 1 FROM "PartnershipEvent" e WHERE ${where.join(' AND ')}) AS held`;
  const { rows } = await db.pool.query<{ held: boolean }>({ name: `feed-held-back-${variant}`, text, values: s.values });
  return rows[0]!.held;
}

/** One event by its id (the CloudEvents id, a delivery's webhook-id), or null. */
export async function eventById(db: Pick<Database, 'pool'>, id: string): Promise<StoredEvent | null> {
  const { rows } = await db.pool.query<EventRow>({ name: 'feed-event-by-id', text: `SELECT ${eventColumns} FROM "PartnershipEvent" e WHERE e.id = $1`, values: [id] });
  return rows[0] ? storedEvent(rows[0]) : null;
}

/** The parties an organisation is, in every partnership or in one: what a representative of it may see as its own. */
export async function partiesOfOrganisation(db: Pick<Database, 'party'>, organisationId: string, partnershipId?: string): Promise<ReadonlySet<string>> {
  return new Set((await db.party.findMany({ where: { organisationId, ...(partnershipId ? { partnershipId } : {}) }, select: { partyId: true } })).map((p) => p.partyId));
}

/** Where the feed ends now: a new subscription is told of what happens from here on. */
export async function feedEnd(db: Pick<Database, 'pool'>): Promise<FeedPosition> {
  const { rows } = await db.pool.query<{ txid: string | null; seq: string | null; xmin: string }>(`
    SELECT last.txid::text AS txid, last.seq::text AS seq, (${horizon})::text AS xmin
    FROM (SELECT 1) one LEFT JOIN LATERAL (SELECT txid, seq FROM "PartnershipEvent" ORDER BY txid DESC, seq DESC LIMIT 1) last ON TRUE`);
  const row = rows[0]!;
  if (row.txid === null || row.seq === null) return [0n, 0n];
  // Events of transactions still running may later sort before this: start just below the oldest running one.
  const [txid, seq, xmin] = [BigInt(row.txid), BigInt(row.seq), BigInt(row.xmin)];
  return txid < xmin ? [txid, seq] : [xmin - 1n, 2n ** 62n];
}

/**
 * The active webhook subscriptions: asked after every commit of events, and so straight through pg
 * (Prisma compiles every query it builds, and the worker asks once per round of steps).
 */
export async function activeSubscriptionIds(db: Pick<Database, 'pool'>): Promise<string[]> {
  const { rows } = await db.pool.query<{ id: string }>({ name: 'active-webhook-subscriptions', text: `SELECT id::text FROM "WebhookSubscription" WHERE status = 'ACTIVE'` });
  return rows.map((row) => row.id);
}
