// Finding partnerships: filters, a sort and keyset paging, in one SQL statement, and the page's
// parties and case numbers in one more each. A representative finds only the partnerships its
// organisation is party to, and sees only its own party's case numbers.
import type { PartnershipPhase } from '../domain/phases';
import { Prisma, type Database } from '../platform/database';
import type { Row as TableRow } from './row-types';

/** What a list asks for: api/partnerships/listing.ts states it for callers. */
export interface PartnershipQuery {
  phase?: PartnershipPhase;
  organisationId?: string;
  partyKind?: string;
  termEndsBefore?: string;
  termEndsAfter?: string;
  nextDeadlineBefore?: string;
  reference?: string;
  system?: string;
  q?: string;
  sort: string;
  limit: number;
}

/** Where a page ends: its sort, the last row's value in that sort, and its id. */
export interface ListPosition {
  sort: string;
  value: string;
  id: string;
}

/** A page's row, as the statement reads it: the partnership's own columns and its value in the sort. */
type PageRow = Pick<TableRow<'Partnership'>, 'id' | 'title' | 'term' | 'termEndDate' | 'nextDeadlineOn' | 'caseNumber' | 'createdAt'> & { phase: PartnershipPhase; sortValue: string };

export type PartnershipListRow = Omit<PageRow, 'createdAt' | 'sortValue'> & {
  createdAt: string;
  parties: Pick<TableRow<'Party'>, 'partyId' | 'organisationId' | 'kind' | 'leftOn'>[];
  externalReferences: Pick<TableRow<'ExternalReference'>, 'system' | 'partyId' | 'reference'>[];
};

// Each sort as an expression that orders NULLs last and that the keyset compares exactly as ORDER BY does.
const sortExpression: Record<string, Prisma.Sql> = {
  createdAt: Prisma.sql`p."createdAt"`,
  title: Prisma.sql`p.title`,
  termEndDate: Prisma.sql`coalesce(p."termEndDate", '~')`,
  nextDeadlineOn: Prisma.sql`coalesce(p."nextDeadlineOn", '~')`,
};
const descendingExpression: Record<string, Prisma.Sql> = {
  ...sortExpression,
  termEndDate: Prisma.sql`coalesce(p."termEndDate", '')`,
  nextDeadlineOn: Prisma.sql`coalesce(p."nextDeadlineOn", '')`,
};

/** `%`, `_` and `\` stand for themselves in what a person typed. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function findPartnerships(db: Database, query: PartnershipQuery, cursor: ListPosition | null, ownOrganisation: string | null | undefined): Promise<{ items: PartnershipListRow[]; next: ListPosition | null }> {
  const sort = query.sort;
  const column = sort.replace('-', '');
  const descending = sort.startsWith('-');
  const expression = (descending ? descendingExpression : sortExpression)[column]!;
  const where: Prisma.Sql[] = [Prisma.sql`TRUE`];
  const hasParty = (condition: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 FROM "Party" x WHERE x."partnershipId" = p.id AND ${condition})`;
  // undefined: not limited; null: a representative without an organisation, who finds nothing.
  if (ownOrganisation !== undefined) where.push(ownOrganisation ? hasParty(Prisma.sql`x."organisationId" = ${ownOrganisation}::uuid`) : Prisma.sql`FALSE`);
  if (query.phase) where.push(Prisma.sql`p.phase = ${query.phase}`);
  if (query.organisationId) where.push(hasParty(Prisma.sql`x."organisationId" = ${query.organisationId}::uuid AND x."leftOn" IS NULL`));
  if (query.partyKind) where.push(hasParty(Prisma.sql`x.kind = ${query.partyKind} AND x."leftOn" IS NULL`));
  if (query.termEndsBefore) where.push(Prisma.sql`p."termEndDate" < ${query.termEndsBefore}`);
  if (query.termEndsAfter) where.push(Prisma.sql`p."termEndDate" > ${query.termEndsAfter}`);
  if (query.nextDeadlineBefore) where.push(Prisma.sql`p."nextDeadlineOn" < ${query.nextDeadlineBefore}`);
  if (query.reference) {
    const bySystem = query.system ? Prisma.sql`AND r.system = ${query.system}` : Prisma.empty;
    // A representative finds by what its view shows: the partnership's own references and its own parties', not another party's.
    const visible = ownOrganisation === undefined
      ? Prisma.empty
      : Prisma.sql`AND (r."partyId" IS NULL OR EXISTS (SELECT 1 FROM "Party" y WHERE y."partnershipId" = p.id AND y."partyId" = r."partyId" AND y."organisationId" = ${ownOrganisation}::uuid))`;
    const references = Prisma.sql`EXISTS (SELECT 1 FROM "ExternalReference" r WHERE r."partnershipId" = p.id AND r.reference = ${query.reference} ${bySystem} ${visible})`;
    where.push(query.system ? references : Prisma.sql`(p."caseNumber" = ${query.reference} OR ${references})`);
  }
  if (query.q) {
    const pattern = likePattern(query.q);
    where.push(Prisma.sql`(p.title ILIKE ${pattern} OR coalesce(p.challenge, '') ILIKE ${pattern})`);
  }
  if (cursor) {
    const value = column === 'createdAt' ? Prisma.sql`${cursor.value}::timestamptz` : Prisma.sql`${cursor.value}`;
    where.push(descending ? Prisma.sql`(${expression}, p.id) < (${value}, ${cursor.id}::uuid)` : Prisma.sql`(${expression}, p.id) > (${value}, ${cursor.id}::uuid)`);
  }
  const direction = descending ? Prisma.sql`DESC` : Prisma.sql`ASC`;
  const sortValue = column === 'createdAt' ? Prisma.sql`to_char(p."createdAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : expression;
  const rows = await db.$queryRaw<PageRow[]>`
    SELECT p.id, p.title, p.phase, p.term, p."termEndDate", p."nextDeadlineOn", p."caseNumber", p."createdAt", ${sortValue} AS "sortValue"
    FROM "Partnership" p
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY ${expression} ${direction}, p.id ${direction}
    LIMIT ${query.limit + 1}`;
  const page = rows.slice(0, query.limit);
  const ids = page.map((r) => r.id);
  // Raw, as the page itself: a list is asked often, and each query Prisma builds is compiled first.
  const [parties, references] = ids.length
    ? await Promise.all([
        db.$queryRaw<Pick<TableRow<'Party'>, 'partnershipId' | 'partyId' | 'organisationId' | 'kind' | 'leftOn'>[]>`
          SELECT "partnershipId"::text, "partyId", "organisationId"::text, kind, "leftOn" FROM "Party"
          WHERE "partnershipId" = ANY(${ids}::uuid[]) ORDER BY "recordedAtRevision", "recordedPosition", "partyId"`,
        db.$queryRaw<Pick<TableRow<'ExternalReference'>, 'partnershipId' | 'system' | 'partyId' | 'reference'>[]>`
          SELECT "partnershipId"::text, system, "partyId", reference FROM "ExternalReference"
          WHERE "partnershipId" = ANY(${ids}::uuid[]) ORDER BY "recordedAtRevision", key`,
      ])
    : [[], []];
  const items = page.map((row) => {
    const own = parties.filter((x) => x.partnershipId === row.id);
    const ownParties = new Set(own.filter((x) => ownOrganisation && x.organisationId === ownOrganisation).map((x) => x.partyId));
    return {
      id: row.id,
      title: row.title,
      phase: row.phase,
      term: row.term,
      termEndDate: row.termEndDate,
      nextDeadlineOn: row.nextDeadlineOn,
      caseNumber: row.caseNumber,
      createdAt: row.createdAt.toISOString(),
      parties: own.map(({ partyId, organisationId, kind, leftOn }) => ({ partyId, organisationId, kind, leftOn })),
      externalReferences: references
        .filter((r) => r.partnershipId === row.id)
        // A representative sees the partnership's own references and its party's, not the other parties' (OWASP API3).
        .filter((r) => ownOrganisation === undefined || r.partyId === null || ownParties.has(r.partyId))
        .map((r) => ({ system: r.system, partyId: r.partyId, reference: r.reference })),
    };
  });
  const last = rows.length > query.limit ? page.at(-1)! : null;
  return { items, next: last ? { sort, value: last.sortValue, id: last.id } : null };
}
