// The register's open data in the formats the sector opens: the whole dataset as JSON (with its
// published JSON Schema), as CSV for spreadsheets, and an Atom feed of new and changed entries.
import { stringify } from 'csv-stringify/sync';
import { Feed } from 'feed';
import { z } from 'zod';
import { areas } from '../../domain/areas';
import { registerEntrySchema, type RegisterEntry } from '../../domain/register-entry';

export const licence = { id: 'CC0-1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' };

export const registerDatasetSchema = z
  .object({
    licence: z.literal(licence.url).meta({ description: 'CC0 1.0: no rights reserved' }),
    generatedAt: z.iso.datetime().meta({ description: 'The newest change among its partnerships (the epoch when it has none)' }),
    partnerships: z.array(registerEntrySchema),
  })
  .meta({ title: 'The public register of idéburna offentliga partnerskap (IOP)' });

/** The dataset's JSON Schema (draft 2020-12), as /register/data/partnerships.schema.json publishes it. */
export function datasetJsonSchema(schemaUrl: string): object {
  return { $id: schemaUrl, ...z.toJSONSchema(registerDatasetSchema, { target: 'draft-2020-12', io: 'output' }) };
}

/** An entry's page, in Swedish or English. */
export const entryUrl = (baseUrl: string, id: string, language: 'sv' | 'en' = 'sv') => `${baseUrl}/register/${language}/partnerships/${id}`;

const sum = (values: (number | null)[]) => values.reduce<number>((total, v) => total + (v ?? 0), 0);

// A cell that a spreadsheet would take for a formula is opened as text (OWASP's CSV injection advice).
const formulaStart = /^[=+\-@\t\r]/;
const cell = (value: string | null | undefined) => (value == null ? '' : formulaStart.test(value) ? `'${value}` : value);

/** The CSV's columns: one row per partnership, the parties and sums flattened as a spreadsheet wants them. */
export const csvColumns = [
  'id',
  'url',
  'title',
  'challenge',
  'caseNumber',
  'area',
  'areaName',
  'phase',
  'term',
  'startYear',
  'termStartDate',
  'termEndDate',
  'publicBodies',
  'publicBodyNumbers',
  'idebornaOrganisations',
  'idebornaNumbers',
  'otherParties',
  'contributionsMoneySek',
  'contributionsInKindSek',
  'decisions',
  'allDecisionsFinal',
  'agreementVersion',
  'publishedEarly',
  'withheld',
  'updatedAt',
] as const;

function csvRow(baseUrl: string, e: RegisterEntry): Record<(typeof csvColumns)[number], string | number> {
  const current = e.parties.filter((p) => p.leftOn === null);
  const ofKind = (kind: string) => current.filter((p) => p.kind === kind);
  const names = (kind: string) => ofKind(kind).map((p) => cell(p.name)).join('; ');
  const numbers = (kind: string) => ofKind(kind).map((p) => p.organisationNumber).join('; ');
  const term = e.terms.find((t) => t.term === e.term);
  const partyName = new Map(e.parties.map((p) => [p.partyId, p.name]));
  return {
    id: e.id,
    url: entryUrl(baseUrl, e.id),
    title: cell(e.title),
    challenge: cell(e.challenge),
    caseNumber: cell(e.caseNumber),
    area: e.area ?? '',
    areaName: e.area ? areas[e.area].sv : '',
    phase: e.phase,
    term: e.term,
    startYear: e.startYear,
    termStartDate: term?.startDate ?? '',
    termEndDate: e.termEndDate ?? '',
    publicBodies: names('PUBLIC'),
    publicBodyNumbers: numbers('PUBLIC'),
    idebornaOrganisations: names('IDEBUREN'),
    idebornaNumbers: numbers('IDEBUREN'),
    otherParties: names('PRIVATE'),
    contributionsMoneySek: e.contributions ? sum(e.contributions.filter((c) => c.kind === 'MONEY').map((c) => c.valueSek)) : '',
    contributionsInKindSek: e.contributions ? sum(e.contributions.filter((c) => c.kind !== 'MONEY').map((c) => c.valueSek)) : '',
    decisions: e.decisions
      ? e.decisions
          .map((d) => cell(`${partyName.get(d.partyId) ?? d.partyId}: ${d.decidingBody}${d.paragraph ? ` ${d.paragraph}` : ''} ${d.meetingDate} ${d.outcome}${d.finalFrom ? `, laga kraft ${d.finalFrom}` : ''}`))
          .join('; ')
      : '',
    allDecisionsFinal: e.decisions ? String(current.length > 0 && current.every((p) => e.decisions!.some((d) => d.partyId === p.partyId && d.outcome === 'YES' && d.final))) : '',
    agreementVersion: e.agreement?.version ?? '',
    publishedEarly: String(e.publishedEarly),
    withheld: e.withheld.map((w) => `${w.field}: OSL ${w.ground}`).join('; '),
    updatedAt: e.updatedAt,
  };
}

/**
 * RFC 4180: comma-separated, CRLF, quoted where needed; UTF-8 with a byte order mark, without which
 * Excel reads the file as Windows-1252 and breaks å, ä and ö.
 */
export function registerCsv(baseUrl: string, entries: RegisterEntry[]): string {
  return stringify(
    entries.map((e) => csvRow(baseUrl, e)),
    { header: true, columns: [...csvColumns], bom: true, record_delimiter: 'windows', quoted_match: /[,"\r\n;]/ },
  );
}

/** An Atom feed (RFC 4287) of the newest new and changed entries. */
export function registerFeed(baseUrl: string, entries: RegisterEntry[]): string {
  const feedUrl = `${baseUrl}/register/data/feed.atom`;
  const feed = new Feed({
    id: feedUrl,
    title: 'IOP-registret: nya och ändrade partnerskap',
    description: 'Idéburna offentliga partnerskap (IOP) som har tillkommit eller ändrats i det öppna registret',
    link: `${baseUrl}/register/sv`,
    language: 'sv',
    updated: entries[0] ? new Date(entries[0].updatedAt) : new Date(0),
    copyright: 'CC0 1.0: inga rättigheter förbehållna',
    feedLinks: { atom: feedUrl },
  });
  for (const e of entries) {
    const parties = e.parties.filter((p) => p.leftOn === null).map((p) => p.name).join(', ');
    feed.addItem({
      id: entryUrl(baseUrl, e.id),
      link: entryUrl(baseUrl, e.id),
      title: e.title,
      description: [e.challenge, parties ? `Parter: ${parties}.` : null].filter(Boolean).join(' '),
      date: new Date(e.updatedAt),
    });
  }
  return feed.atom1();
}
