// The public register's reads (api/register/): only what domain/publication.ts publishes, and only
// for partnerships that appear in it. Each statement builds the public entry in PostgreSQL, so a
// column the policy keeps never leaves the database, and a withheld field is null before it does.
// The statements are exported as text and values: bench/register.ts runs the very same SQL on bare pg.
import type { QueryConfig } from 'pg';
import type { Area } from '../domain/areas';
import type { PartnershipPhase } from '../domain/phases';
import type { RegisterEntry } from '../domain/register-entry';
import { wholePartnership } from '../domain/publication';
import type { Database } from '../platform/database';

/** What a reader narrows the register by. */
export interface RegisterFilter {
  /** A party's organisation number: the municipality or region (or any party) taking part. */
  organisation?: string;
  area?: Area;
  phase?: PartnershipPhase;
  /** The year its first term began (or, with no term yet, it was registered). */
  year?: number;
}

/** A partnership in the register's list. */
export interface RegisterSummary {
  id: string;
  title: string;
  area: Area | null;
  phase: PartnershipPhase;
  term: number;
  startYear: number;
  termEndDate: string | null;
  updatedAt: string;
  parties: { name: string; organisationNumber: string; kind: string }[];
}

/**
 * Whether partnership `p` appears (domain/publication.ts's appearsInRegister, in SQL): never while
 * withheld; when published early; otherwise once every party still in it has a current yes that is
 * final. test/integration/register-publication.test.ts holds the two to the same answers.
 */
// As one set rather than a test per row: under an OR, PostgreSQL ran the correlated NOT EXISTS once
// for each of 10,000 partnerships (110 ms a list); as a semi-join it hashes the set once for a list,
// and for one partnership it pushes the id into each arm (bench/register.ts).
const appearsButForWithholding = `p.id IN (
    SELECT e."partnershipId" FROM "EarlyPublication" e
    UNION ALL
    SELECT pa."partnershipId" FROM "Party" pa
      LEFT JOIN "Decision" d ON d."partnershipId" = pa."partnershipId" AND d."partyId" = pa."partyId"
        AND d."supersededAtRevision" IS NULL AND d.outcome = 'YES' AND d.final
      WHERE pa."leftOn" IS NULL
      GROUP BY pa."partnershipId"
      HAVING bool_and(d."partyId" IS NOT NULL))`;
const appears = `
  NOT EXISTS (SELECT 1 FROM "Withholding" w WHERE w."partnershipId" = p.id AND w.field = '${wholePartnership}')
  AND ${appearsButForWithholding}`;

// The first term's start, or the registration's day in Sweden when no term has begun.
const startYear = `coalesce(
  (SELECT substr(t."startDate", 1, 4)::int FROM "PartnershipTerm" t WHERE t."partnershipId" = p.id ORDER BY t.term LIMIT 1),
  extract(year FROM p."createdAt" AT TIME ZONE 'Europe/Stockholm')::int)`;

/** The WHERE clause of a filter, its values numbered on from those given. */
function where(filter: RegisterFilter, values: unknown[]): string {
  return [appears, ...filterClauses(filter, values)].join(' AND ');
}

/** What the reader's filter asks of partnership `p`, beyond appearing. */
function filterClauses(filter: RegisterFilter, values: unknown[]): string[] {
  const clauses: string[] = [];
  if (filter.organisation) {
    values.push(filter.organisation);
    clauses.push(`EXISTS (SELECT 1 FROM "Party" fp JOIN "Organisation" fo ON fo.id = fp."organisationId" WHERE fp."partnershipId" = p.id AND fo."organisationNumber" = $${values.length})`);
  }
  if (filter.area) {
    values.push(filter.area);
    clauses.push(`p.area = $${values.length}`);
  }
  if (filter.phase) {
    values.push(filter.phase);
    clauses.push(`p.phase = $${values.length}`);
  }
  if (filter.year !== undefined) {
    values.push(filter.year);
    clauses.push(`${startYear} = $${values.length}`);
  }
  return clauses;
}

const summaryColumns = `
  p.id, p.title, p.area, p.phase, p.term, ${startYear} AS "startYear", p."termEndDate",
  to_char(p."updatedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt",
  coalesce((SELECT jsonb_agg(jsonb_build_object('name', o.name, 'organisationNumber', o."organisationNumber", 'kind', pa.kind) ORDER BY pa."recordedAtRevision", pa."recordedPosition")
    FROM "Party" pa JOIN "Organisation" o ON o.id = pa."organisationId" WHERE pa."partnershipId" = p.id AND pa."leftOn" IS NULL), '[]'::jsonb) AS parties`;

/** One page of the register's list: how many partnerships the filter finds, the page of them (newest change first), and what the filters offer. */
export interface RegisterListPage {
  total: number;
  summaries: RegisterSummary[];
  /** The public bodies taking part in any partnership that appears, whatever the filter. */
  publicBodies: { name: string; organisationNumber: string }[];
  /** The years that occur, newest first. */
  years: number[];
}

/**
 * The list page in one statement: which partnerships appear is worked out once, as a set, for the
 * page, its count and the filters' choices alike (at 10,000 partnerships that set is most of the
 * cost); the columns are made for the page's rows only.
 */
export function listPageStatement(filter: RegisterFilter, limit: number, offset: number): QueryConfig {
  const values: unknown[] = [];
  const clauses = filterClauses(filter, values);
  values.push(limit, offset);
  return {
    text: `WITH appearing AS MATERIALIZED (SELECT p.id, p."updatedAt", ${startYear} AS year FROM "Partnership" p WHERE ${appears}),
      shown AS MATERIALIZED (SELECT a.id, a."updatedAt" FROM appearing a JOIN "Partnership" p ON p.id = a.id WHERE ${clauses.length ? clauses.join(' AND ') : 'TRUE'}),
      page AS (SELECT id FROM shown ORDER BY "updatedAt" DESC, id LIMIT $${values.length - 1} OFFSET $${values.length})
      SELECT
        (SELECT count(*) FROM shown)::int AS total,
        coalesce((SELECT jsonb_agg(to_jsonb(s) ORDER BY s."updatedAt" DESC, s.id) FROM (SELECT ${summaryColumns} FROM page JOIN "Partnership" p ON p.id = page.id) s), '[]'::jsonb) AS summaries,
        coalesce((SELECT jsonb_agg(jsonb_build_object('name', name, 'organisationNumber', "organisationNumber") ORDER BY name, "organisationNumber") FROM (
          SELECT DISTINCT o.name, o."organisationNumber" FROM appearing a JOIN "Party" pa ON pa."partnershipId" = a.id AND pa.kind = 'PUBLIC'
          JOIN "Organisation" o ON o.id = pa."organisationId") b), '[]'::jsonb) AS "publicBodies",
        coalesce((SELECT jsonb_agg(year ORDER BY year DESC) FROM (SELECT DISTINCT year FROM appearing) y), '[]'::jsonb) AS years`,
    values,
  };
}

// The withheld fields of `p`, as an object of field → ground.
const withheldOf = `coalesce((SELECT jsonb_object_agg(w.field, w.ground) FROM "Withholding" w WHERE w."partnershipId" = p.id), '{}'::jsonb)`;

const entryColumns = `jsonb_build_object(
  'id', p.id, 'title', p.title,
  'challenge', CASE WHEN x.w ? 'challenge' THEN NULL ELSE p.challenge END,
  'caseNumber', CASE WHEN x.w ? 'caseNumber' THEN NULL ELSE p."caseNumber" END,
  'area', p.area, 'cooperationForm', p."cooperationForm", 'phase', p.phase, 'phaseEnteredOn', p."phaseEnteredOn", 'term', p.term,
  'startYear', ${startYear}, 'implementationStartDate', p."implementationStartDate", 'termEndDate', p."termEndDate",
  'updatedAt', to_char(p."updatedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'publishedEarly', EXISTS (SELECT 1 FROM "EarlyPublication" e WHERE e."partnershipId" = p.id),
  'terms', coalesce((SELECT jsonb_agg(jsonb_build_object('term', t.term, 'startDate', t."startDate", 'endDate', t."endDate") ORDER BY t.term)
    FROM "PartnershipTerm" t WHERE t."partnershipId" = p.id), '[]'::jsonb),
  'parties', coalesce((SELECT jsonb_agg(jsonb_build_object('partyId', pa."partyId", 'organisationId', o.id, 'name', o.name, 'organisationNumber', o."organisationNumber",
      'kind', pa.kind, 'municipalityCode', o."municipalityCode", 'joinedInTerm', pa."joinedInTerm", 'joinedOn', pa."joinedOn", 'leftOn', pa."leftOn")
      ORDER BY pa."recordedAtRevision", pa."recordedPosition")
    FROM "Party" pa JOIN "Organisation" o ON o.id = pa."organisationId" WHERE pa."partnershipId" = p.id), '[]'::jsonb),
  'contributions', CASE WHEN x.w ? 'contributions' THEN NULL ELSE coalesce((SELECT jsonb_agg(jsonb_build_object('contributionId', c."contributionId",
      'partyId', c."partyId", 'kind', c.kind, 'description', c.description, 'valueSek', c."valueSek") ORDER BY c."recordedAtRevision", c."recordedPosition")
    FROM "Contribution" c WHERE c."partnershipId" = p.id), '[]'::jsonb) END,
  'decisions', CASE WHEN x.w ? 'decisions' THEN NULL ELSE coalesce((SELECT jsonb_agg(jsonb_build_object('partyId', d."partyId", 'term', d.term,
      'agreementVersion', d."agreementVersion", 'outcome', d.outcome, 'decidingBody', d."decidingBody", 'decidingBodyKind', d."decidingBodyKind",
      'meetingDate', d."meetingDate", 'paragraph', d.paragraph, 'minutesReference', d."minutesReference", 'approvalDate', d."approvalDate",
      'postingDate', d."postingDate", 'appealWindowEnds', d."appealWindowEnds", 'appealed', d.appealed, 'final', d.final,
      'finalFrom', CASE WHEN NOT d.final THEN NULL WHEN d."appealWindowEnds" IS NULL THEN d."meetingDate" ELSE to_char(d."appealWindowEnds"::date + 1, 'YYYY-MM-DD') END)
      ORDER BY d.term, d."recordedAtRevision", d."recordedPosition")
    FROM "Decision" d WHERE d."partnershipId" = p.id AND d."supersededAtRevision" IS NULL), '[]'::jsonb) END,
  'agreement', CASE WHEN x.w ? 'agreement' THEN NULL ELSE (SELECT jsonb_build_object('version', a.version, 'sections', a.sections)
    FROM "AgreementVersion" a WHERE a."partnershipId" = p.id AND a.version = p."versionInForce") END,
  'evaluations', CASE WHEN x.w ? 'evaluations' THEN NULL ELSE coalesce((SELECT jsonb_agg(jsonb_build_object('evaluationId', ev."evaluationId", 'term', ev.term,
      'recordedOn', ev."recordedOn", 'conclusions', coalesce((SELECT jsonb_agg(jsonb_build_object('learningGoalId', la.value->>'learningGoalId', 'goal', g.description, 'assessment', la.value->>'assessment') ORDER BY la.ordinality)
        FROM jsonb_array_elements(ev."learningGoalAssessments") WITH ORDINALITY AS la(value, ordinality)
        LEFT JOIN "LearningGoal" g ON g."partnershipId" = p.id AND g."learningGoalId" = la.value->>'learningGoalId'), '[]'::jsonb))
      ORDER BY ev.term, ev."recordedOn", ev."evaluationId")
    FROM "Evaluation" ev WHERE ev."partnershipId" = p.id), '[]'::jsonb) END,
  'withheld', coalesce((SELECT jsonb_agg(jsonb_build_object('field', f.key, 'ground', f.value) ORDER BY f.key) FROM jsonb_each_text(x.w) f), '[]'::jsonb)
) AS entry`;

/** One partnership's entry, if it appears. */
export function entryStatement(id: string): QueryConfig {
  return { text: `SELECT ${entryColumns} FROM "Partnership" p CROSS JOIN LATERAL (SELECT ${withheldOf} AS w) x WHERE p.id = $1::uuid AND ${appears}`, values: [id] };
}

/** Every entry the filter finds, newest change first (the open data's whole dataset), or the newest `limit`. */
export function entriesStatement(filter: RegisterFilter, limit?: number): QueryConfig {
  const values: unknown[] = [];
  const condition = where(filter, values);
  if (limit !== undefined) values.push(limit);
  return {
    text: `SELECT ${entryColumns} FROM "Partnership" p CROSS JOIN LATERAL (SELECT ${withheldOf} AS w) x WHERE ${condition} ORDER BY p."updatedAt" DESC, p.id${limit !== undefined ? ` LIMIT $${values.length}` : ''}`,
    values,
  };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function registerListPage(db: Database, filter: RegisterFilter, limit: number, offset: number): Promise<RegisterListPage> {
  const { rows } = await db.pool.query<RegisterListPage>(listPageStatement(filter, limit, offset));
  return rows[0]!;
}

export async function registerEntry(db: Database, id: string): Promise<RegisterEntry | null> {
  if (!uuid.test(id)) return null;
  const { rows } = await db.pool.query<{ entry: RegisterEntry }>(entryStatement(id));
  return rows[0]?.entry ?? null;
}

export async function registerEntries(db: Database, filter: RegisterFilter, limit?: number): Promise<RegisterEntry[]> {
  const { rows } = await db.pool.query<{ entry: RegisterEntry }>(entriesStatement(filter, limit));
  return rows.map((r) => r.entry);
}

/** The register's figures, for its statistics page. */
export interface RegisterStatistics {
  total: number;
  byYear: { year: number; count: number }[];
  /** By the county of each public-body party (a partnership of two counties counts in both); null for a party with no code. */
  byCounty: { county: string | null; count: number }[];
  byArea: { area: Area | null; count: number }[];
  /** Contributions valued in kronor, by the kind of party that gives them and by money or in kind; withheld ones are left out. */
  contributions: { partyKind: string; kind: string; valueSek: number; count: number }[];
}

export async function registerStatistics(db: Database): Promise<RegisterStatistics> {
  const { rows } = await db.pool.query<{ statistics: RegisterStatistics }>(`
    WITH shown AS (SELECT p.id, p.area, ${startYear} AS year, ${withheldOf} AS w FROM "Partnership" p WHERE ${appears})
    SELECT jsonb_build_object(
      'total', (SELECT count(*) FROM shown),
      'byYear', coalesce((SELECT jsonb_agg(jsonb_build_object('year', year, 'count', n) ORDER BY year) FROM (SELECT year, count(*) AS n FROM shown GROUP BY year) y), '[]'::jsonb),
      'byCounty', coalesce((SELECT jsonb_agg(jsonb_build_object('county', county, 'count', n) ORDER BY county NULLS LAST) FROM (
        SELECT substr(o."municipalityCode", 1, 2) AS county, count(DISTINCT s.id) AS n
        FROM shown s JOIN "Party" pa ON pa."partnershipId" = s.id AND pa.kind = 'PUBLIC' JOIN "Organisation" o ON o.id = pa."organisationId"
        GROUP BY 1) c), '[]'::jsonb),
      'byArea', coalesce((SELECT jsonb_agg(jsonb_build_object('area', area, 'count', n) ORDER BY n DESC, area) FROM (SELECT area, count(*) AS n FROM shown GROUP BY area) a), '[]'::jsonb),
      'contributions', coalesce((SELECT jsonb_agg(jsonb_build_object('partyKind', "partyKind", 'kind', kind, 'valueSek', total, 'count', n) ORDER BY "partyKind", kind) FROM (
        SELECT pa.kind AS "partyKind", c.kind, coalesce(sum(c."valueSek"), 0) AS total, count(*) AS n
        FROM shown s JOIN "Contribution" c ON c."partnershipId" = s.id JOIN "Party" pa ON pa."partnershipId" = s.id AND pa."partyId" = c."partyId"
        WHERE NOT s.w ? 'contributions' GROUP BY 1, 2) k), '[]'::jsonb)
    ) AS statistics`);
  return rows[0]!.statistics;
}


/**
 * When the register's data last changed: the newest change among the partnerships that appear, their
 * early publications and withholdings, and the withholding of a whole partnership that would appear
 * but for it (its disappearance is a change too); the epoch when nothing appears. Lifting a
 * withholding deletes its row but touches the partnership's updatedAt
 * (api/partnerships/publication-routes.ts), which counts. A withdrawn early publication leaves no
 * row to date the partnership's going by: the date moves with its next change. With it, when the
 * earliest partnership that appears was registered (null when none does). From the data and not the
 * clock, so the catalogue of an unchanged register keeps its ETag.
 */
export async function registerLastModified(db: Database): Promise<{ modified: string; issued: string | null }> {
  const utc = (value: string) => `to_char((${value}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  const { rows } = await db.pool.query<{ modified: string; issued: string | null }>(`
    SELECT ${utc(`coalesce(greatest(
      (SELECT max(p."updatedAt") FROM "Partnership" p WHERE ${appears}),
      (SELECT max(e."publishedAt") FROM "EarlyPublication" e JOIN "Partnership" p ON p.id = e."partnershipId" WHERE ${appears}),
      (SELECT max(w."withheldAt") FROM "Withholding" w JOIN "Partnership" p ON p.id = w."partnershipId"
        WHERE w.field <> '${wholePartnership}' AND ${appears}),
      (SELECT max(w."withheldAt") FROM "Withholding" w JOIN "Partnership" p ON p.id = w."partnershipId"
        WHERE w.field = '${wholePartnership}' AND ${appearsButForWithholding})
    ), 'epoch'::timestamptz)`)} AS modified,
    ${utc(`(SELECT min(p."createdAt") FROM "Partnership" p WHERE ${appears})`)} AS issued`);
  return rows[0]!;
}
