// The feed of partnership events (CloudEvents), as integrations are told it: a position in it, an
// event as a representative of one organisation may see it, and its CloudEvents form. The events
// are written by a registration (records/registration.ts) and by every step's recording
// (records/step-events.ts), each in the statement that writes what it tells; they are read
// in the order their transactions began (records/events-feed.ts).
import type { PartnershipEvent } from '../prisma/generated/client';

/** A position in the feed: the transaction and the sequence number of the last event read. */
export type FeedPosition = [txid: bigint, seq: bigint];

/** A stored event, its row as Prisma types it, with the data its recording wrote. */
export type StoredEvent = Omit<PartnershipEvent, 'data'> & { data: Record<string, unknown> };

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

export const encodePosition = ([txid, seq]: FeedPosition) => Buffer.from(`${txid}.${seq}`).toString('base64url');

/** A position as a client sends it back, or null when it is not one this feed gave. */
export function decodePosition(text: string): FeedPosition | null {
  const match = /^(\d{1,19})\.(\d{1,19})$/.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match) return null;
  const position: FeedPosition = [BigInt(match[1]!), BigInt(match[2]!)];
  return position.every((n) => n < 2n ** 63n) ? position : null;
}
