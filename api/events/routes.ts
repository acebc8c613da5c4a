// The feed of everything that happened to partnerships, as CloudEvents 1.0, in the order it was
// recorded. A case system polls it with the cursor of its last page and misses nothing: a page holds
// only events of transactions older than any still running (see PartnershipEvent in the schema).
import { z } from 'zod';
import { Prisma, type Database } from '../../platform/database';
import { ProblemError } from '../http/problem';
import type { RouteTable } from '../http/route';

const cloudEventSchema = z
  .object({
    specversion: z.literal('1.0'),
    id: z.string(),
    source: z.string(),
    type: z.string().meta({ example: 'se.iop.partnership.decision.added' }),
    subject: z.uuid().meta({ description: 'The partnership' }),
    time: z.iso.datetime(),
    datacontenttype: z.literal('application/json'),
    data: z.record(z.string(), z.unknown()).meta({ description: 'The partnership, its revision, the step, what changed (ids and document hashes), and every case number it is filed under' }),
  })
  .meta({ id: 'CloudEvent' });

const feedSchema = z
  .object({
    events: z.array(cloudEventSchema),
    next: z.string().meta({ description: 'The cursor to ask with next time (`after`); the same as asked with when nothing new has happened' }),
  })
  .meta({ id: 'EventFeed' });

const feedQuery = z
  .object({
    after: z.string().min(1).max(60).regex(/^[A-Za-z0-9_-]+$/).optional().meta({ description: 'The `next` of the last page read; from the beginning when left out' }),
    partnershipId: z.uuid().optional(),
    type: z.string().min(1).max(100).regex(/^[a-z0-9.-]+$/).optional().meta({ example: 'se.iop.partnership.decision.added' }),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

const maxBigint = 2n ** 63n - 1n;
const encode = (txid: bigint, seq: bigint) => Buffer.from(`${txid}.${seq}`).toString('base64url');

function decode(cursor: string | undefined): [bigint, bigint] {
  if (cursor === undefined) return [0n, 0n];
  const match = /^(\d{1,19})\.(\d{1,19})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const parts = match ? [BigInt(match[1]!), BigInt(match[2]!)] : null;
  if (!parts || parts.some((n) => n > maxBigint)) {
    throw new ProblemError(400, 'validation-error', 'The request is not valid', 'query after: not a cursor this feed gave', [
      { in: 'query', field: 'after', pointer: '#/after', detail: 'Not a cursor this feed gave' },
    ]);
  }
  return parts as [bigint, bigint];
}

interface Row {
  seq: bigint;
  id: string;
  txid: bigint;
  partnershipId: string;
  type: string;
  time: Date;
  data: Record<string, unknown>;
}

export function eventRoutes(routes: RouteTable, basePath: string, db: Database): void {
  routes.add(basePath, {
    method: 'get',
    path: '/events',
    operationId: 'listEvents',
    summary: 'Every change to the partnerships the caller may see, as CloudEvents, in order, from a cursor',
    tags: ['Events'],
    access: 'api-key',
    query: feedQuery,
    responses: { 200: { description: 'The next events; `next` is where to ask from next time', schema: feedSchema, headers: { Link: 'The next page, rel="next"' } } },
    handler: async ({ query, scope, principal }) => {
      const [txid, seq] = decode(query.after);
      const own = scope === 'own' ? (principal?.organisationId ?? null) : undefined;
      const where: Prisma.Sql[] = [
        Prisma.sql`(e.txid, e.seq) > (${txid}, ${seq})`,
        // Only transactions that can no longer commit behind the cursor.
        Prisma.sql`e.txid < pg_snapshot_xmin(pg_current_snapshot())::text::bigint`,
      ];
      if (query.partnershipId) where.push(Prisma.sql`e."partnershipId" = ${query.partnershipId}::uuid`);
      if (query.type) where.push(Prisma.sql`e.type = ${query.type}`);
      if (own !== undefined) {
        where.push(own ? Prisma.sql`EXISTS (SELECT 1 FROM "Party" x WHERE x."partnershipId" = e."partnershipId" AND x."organisationId" = ${own}::uuid)` : Prisma.sql`FALSE`);
        // What a representative's view leaves out, the feed leaves out too (OWASP API3).
        where.push(Prisma.sql`e.type NOT LIKE 'se.iop.partnership.legal-review-answer.%'`);
      }
      const rows = await db.$queryRaw<Row[]>`
        SELECT e.seq, e.id, e.txid, e."partnershipId", e.type, e.time, e.data FROM "PartnershipEvent" e
        WHERE ${Prisma.join(where, ' AND ')}
        ORDER BY e.txid, e.seq
        LIMIT ${query.limit}`;
      const ownParties = own ? new Set((await db.party.findMany({ where: { organisationId: own }, select: { partyId: true } })).map((p) => p.partyId)) : null;
      const mine = (partyId: unknown) => !ownParties || partyId === null || partyId === undefined || ownParties.has(String(partyId));
      const events = rows
        .filter((row) => !(row.type.startsWith('se.iop.partnership.external-reference.') && !mine((row.data.value as { partyId?: unknown } | undefined)?.partyId)))
        .map((row) => ({
          specversion: '1.0' as const,
          id: row.id,
          source: `${basePath}/partnerships/${row.partnershipId}`,
          type: row.type,
          subject: row.partnershipId,
          time: row.time.toISOString(),
          datacontenttype: 'application/json' as const,
          data: ownParties ? { ...row.data, externalReferences: ((row.data.externalReferences as { partyId: string | null }[]) ?? []).filter((r) => mine(r.partyId)) } : row.data,
        }));
      const last = rows.at(-1);
      const next = last ? encode(last.txid, last.seq) : (query.after ?? encode(0n, 0n));
      const params = new URLSearchParams({ ...(query.partnershipId ? { partnershipId: query.partnershipId } : {}), ...(query.type ? { type: query.type } : {}), limit: String(query.limit), after: next });
      return { status: 200, body: { events, next }, headers: { Link: `<${basePath}/events?${params}>; rel="next"` } };
    },
  });
}
