// The feed of everything that happened to partnerships, as CloudEvents 1.0, in the order it was
// recorded. A case system polls it with the cursor of its last page and misses nothing: a page holds
// only events of transactions older than any still running (see PartnershipEvent in the schema).
import { z } from 'zod';
import type { Database } from '../../platform/database';
import { cloudEvent, decodePosition, encodePosition, eventAsSeenBy, type FeedPosition } from '../../events/feed';
import { partiesOfOrganisation, readEvents } from '../../records/events-feed';
import { invalidCursor } from '../http/cursor';
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

function decode(cursor: string | undefined): FeedPosition {
  if (cursor === undefined) return [0n, 0n];
  const position = decodePosition(cursor);
  if (!position) throw invalidCursor('after', 'Not a cursor this feed gave');
  return position;
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
      const after = decode(query.after);
      const own = scope === 'own' ? (principal?.organisationId ?? null) : undefined;
      const rows = await readEvents(db, after, query.limit, {
        partnershipId: query.partnershipId,
        types: query.type ? [query.type] : [],
        ...(own !== undefined ? { organisationId: own, asRepresentative: true } : {}),
      });
      const ownParties = own ? await partiesOfOrganisation(db, own) : null;
      const events = rows.flatMap((row) => {
        const data = ownParties ? eventAsSeenBy(row, ownParties) : row.data;
        return data ? [cloudEvent(row, basePath, data)] : [];
      });
      const last = rows.at(-1);
      const next = last ? encodePosition([last.txid, last.seq]) : (query.after ?? encodePosition([0n, 0n]));
      const params = new URLSearchParams({ ...(query.partnershipId ? { partnershipId: query.partnershipId } : {}), ...(query.type ? { type: query.type } : {}), limit: String(query.limit), after: next });
      return { status: 200, body: { events, next }, headers: { Link: `<${basePath}/events?${params}>; rel="next"` } };
    },
  });
}
