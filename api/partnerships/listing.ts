// Finding partnerships: filters, a sort and keyset paging, in one SQL statement. A representative
// finds only the partnerships its organisation is party to, and sees only its own party's case numbers.
import { z } from 'zod';
import { partnershipPhases } from '../../domain/phases';
import { freeText } from '../../domain/text';
import type { Database } from '../../platform/database';
import { findPartnerships } from '../../records/partnership-listing';
import { cursorCodec, cursorParameter, cursorParts, invalidCursor } from '../http/cursor';

export const partnershipSorts = ['createdAt', '-createdAt', 'title', '-title', 'termEndDate', '-termEndDate', 'nextDeadlineOn', '-nextDeadlineOn'] as const;
type Sort = (typeof partnershipSorts)[number];

const isoDay = z.iso.date();

export const listPartnershipsQuery = z
  .object({
    phase: z.enum(partnershipPhases).optional(),
    organisationId: z.uuid().optional().meta({ description: 'Only partnerships this organisation is a party to' }),
    partyKind: z.enum(['PUBLIC', 'IDEBUREN', 'PRIVATE']).optional().meta({ description: 'Only partnerships with a party of this kind' }),
    termEndsBefore: isoDay.optional().meta({ description: "The current term's last day is before this day" }),
    termEndsAfter: isoDay.optional().meta({ description: "The current term's last day is after this day" }),
    nextDeadlineBefore: isoDay.optional().meta({ description: 'The next planned deadline falls before this day' }),
    reference: freeText(1, 100).optional().meta({ description: "A case number (diarienummer): the one given at registration, or any party's", example: 'KS 2026/123' }),
    system: freeText(1, 100).optional().meta({ description: 'With `reference`: only references from this case system' }),
    q: freeText(1, 200).optional().meta({ description: 'Words in the title or the societal challenge' }),
    sort: z.enum(partnershipSorts).default('createdAt').meta({ description: 'The order; a leading minus reverses it. Ties go by id' }),
    cursor: cursorParameter(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListPartnershipsQuery = z.infer<typeof listPartnershipsQuery>;

export const partnershipListItem = z
  .object({
    id: z.uuid(),
    title: z.string(),
    phase: z.enum(partnershipPhases),
    term: z.number().int(),
    termEndDate: z.iso.date().nullable(),
    nextDeadlineOn: z.iso.date().nullable(),
    caseNumber: z.string().nullable(),
    createdAt: z.iso.datetime(),
    parties: z.array(z.object({ partyId: z.string(), organisationId: z.uuid(), kind: z.string(), leftOn: z.iso.date().nullable() })),
    externalReferences: z.array(z.object({ system: z.string(), partyId: z.string().nullable(), reference: z.string() })),
  })
  .meta({ id: 'PartnershipListItem' });

export const partnershipList = z
  .object({
    partnerships: z.array(partnershipListItem),
    next: z.string().nullable().meta({ description: 'The URL of the next page; null on the last' }),
  })
  .meta({ id: 'PartnershipList' });

// What each sort's value is, as sortExpression writes it: a missing day sorts as '~' ascending, '' descending.
const sortValue: Record<Sort, z.ZodType<string>> = {
  createdAt: cursorParts.instant,
  '-createdAt': cursorParts.instant,
  title: cursorParts.text(200),
  '-title': cursorParts.text(200),
  termEndDate: z.union([cursorParts.day, z.literal('~')]),
  '-termEndDate': z.union([cursorParts.day, z.literal('')]),
  nextDeadlineOn: z.union([cursorParts.day, z.literal('~')]),
  '-nextDeadlineOn': z.union([cursorParts.day, z.literal('')]),
};

/** A cursor of this list holds its sort, the last row's value in that sort, and its id. */
const listCursor = cursorCodec(z.union(partnershipSorts.map((sort) => z.tuple([z.literal(sort), sortValue[sort], cursorParts.id]))), 'cursor');

interface Cursor {
  sort: Sort;
  value: string;
  id: string;
}

export const encodeListCursor = (cursor: Cursor) => listCursor.encode([cursor.sort, cursor.value, cursor.id]);

function decodeListCursor(text: string, sort: Sort): Cursor {
  const [cursorSort, value, id] = listCursor.decode(text);
  if (cursorSort !== sort) throw invalidCursor('cursor', `The cursor belongs to sort=${cursorSort}`);
  return { sort, value, id };
}

/** A page of partnerships, and where the next begins. */
export async function listPartnerships(db: Database, query: ListPartnershipsQuery, ownOrganisation: string | null | undefined): Promise<{ items: z.infer<typeof partnershipListItem>[]; next: Cursor | null }> {
  const cursor = query.cursor ? decodeListCursor(query.cursor, query.sort) : null;
  const { items, next } = await findPartnerships(db, query, cursor, ownOrganisation);
  return { items, next: next ? { ...next, sort: query.sort } : null };
}
