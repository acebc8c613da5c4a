// The register's DCAT-AP-SE catalogue: what Sveriges dataportal harvests to list the register's open
// data (docs/register.md, "For the data portal"). The triples are made once, here, and written as
// Turtle and as JSON-LD from the very same quads, so the two can never say different things.
import jsonld from 'jsonld';
import { DataFactory, Writer, type Quad, type Quad_Object } from 'n3';

const { namedNode, literal, quad } = DataFactory;

const ns = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
} as const;

// The EU Publications Office's authority tables, which DCAT-AP-SE asks the values of these properties from.
const eu = 'http://publications.europa.eu/resource/authority/';
const iana = 'https://www.iana.org/assignments/media-types/';
// DCAT-AP names CC0 by the IRI Creative Commons gives it, with http (open-data.ts links the https page).
const cc0 = 'http://creativecommons.org/publicdomain/zero/1.0/';

/** Who publishes the register: REGISTER_PUBLISHER_NAME, REGISTER_PUBLISHER_URL and REGISTER_CONTACT_EMAIL. */
export interface RegisterPublisher {
  name: string;
  /** Identifies the publisher; the register's own address when not given. */
  url?: string;
  contactEmail: string;
}

/** What the catalogue says of the data's dates: from the data, never the clock, so its ETag holds. */
export interface CatalogDates {
  /** When the register's data last changed (records/register.ts registerLastModified). */
  modified: string;
  /** When the earliest partnership in it was registered; none while it is empty. */
  issued: string | null;
}

/** The catalogue's media types, by the extension of its address. */
export const catalogFormats = { ttl: 'text/turtle', jsonld: 'application/ld+json' } as const;

// A setting's URL is valid to WHATWG, which leaves characters in it that an IRI in Turtle may not hold.
const iriSafe = (value: string) => [...value].map((c) => (c.codePointAt(0)! <= 0x20 || '<>"{}|^`\\'.includes(c) ? encodeURIComponent(c) : c)).join('');

/** The catalogue, the dataset, its distributions and the things they point at, as quads. */
export function catalogQuads(publicBaseUrl: string, publisher: RegisterPublisher, dates: CatalogDates): Quad[] {
  const baseUrl = iriSafe(publicBaseUrl);
  const data = `${baseUrl}/register/data`;
  const catalog = namedNode(`${data}/catalog`);
  const dataset = namedNode(`${data}/catalog#partnerships`);
  const agent = namedNode(publisher.url ? iriSafe(publisher.url) : `${baseUrl}/register`);
  const contact = namedNode(`${data}/catalog#contact`);
  const quads: Quad[] = [];
  const iri = (value: string) => namedNode(value);
  const term = (prefixed: string) => {
    const [prefix, local] = prefixed.split(':') as [keyof typeof ns, string];
    return namedNode(ns[prefix] + local);
  };
  const add = (subject: string | ReturnType<typeof namedNode>, predicate: string, ...objects: Quad_Object[]) => {
    for (const object of objects) quads.push(quad(typeof subject === 'string' ? iri(subject) : subject, term(predicate), object));
  };
  const sv = (text: string) => literal(text, 'sv');
  const en = (text: string) => literal(text, 'en');
  const dateTime = (value: string) => literal(value, term('xsd:dateTime'));
  const a = (subject: string | ReturnType<typeof namedNode>, ...classes: string[]) => add(subject, 'rdf:type', ...classes.map(term));

  a(catalog, 'dcat:Catalog');
  add(catalog, 'dct:title', sv('IOP-registret'), en('The IOP register'));
  add(
    catalog,
    'dct:description',
    sv('Öppna data om idéburna offentliga partnerskap (IOP) som en kommun eller region har ingått med idéburna organisationer.'),
    en('Open data on the idea-based public partnerships (IOP) a Swedish municipality or region has entered into with civil-society organisations.'),
  );
  add(catalog, 'dct:publisher', agent);
  add(catalog, 'foaf:homepage', iri(`${baseUrl}/register/sv`));
  add(catalog, 'dct:language', iri(`${eu}language/SWE`), iri(`${eu}language/ENG`));
  add(catalog, 'dct:license', iri(cc0));
  add(catalog, 'dct:modified', dateTime(dates.modified));
  if (dates.issued) add(catalog, 'dct:issued', dateTime(dates.issued));
  add(catalog, 'dcat:dataset', dataset);

  a(dataset, 'dcat:Dataset');
  add(dataset, 'dct:title', sv('Idéburna offentliga partnerskap (IOP)'), en('Idea-based public partnerships (IOP)'));
  add(
    dataset,
    'dct:description',
    sv('Varje IOP i registret: parterna, verksamhetsområdet, fasen, avtalsperioderna, parternas beslut och laga kraft, insatserna, avtalet i kraft och utvärderingarnas slutsatser. Uppgifter som omfattas av sekretess enligt offentlighets- och sekretesslagen publiceras inte.'),
    en('Every IOP in the register: its parties, area of work, phase, terms, the parties’ decisions and when they became final, the contributions, the agreement in force and the conclusions of its evaluations. Nothing classified under the Public Access to Information and Secrecy Act is published.'),
  );
  add(dataset, 'dct:publisher', agent);
  add(dataset, 'dcat:contactPoint', contact);
  add(dataset, 'dcat:theme', iri(`${eu}data-theme/SOCI`), iri(`${eu}data-theme/GOVE`));
  add(dataset, 'dcat:keyword', sv('IOP'), sv('idéburet offentligt partnerskap'), sv('civilsamhälle'), sv('idéburen sektor'), sv('kommun'), sv('region'), en('public-civil partnership'), en('civil society'));
  add(dataset, 'dct:spatial', iri(`${eu}country/SWE`));
  add(dataset, 'dct:language', iri(`${eu}language/SWE`));
  add(dataset, 'dct:accessRights', iri(`${eu}access-right/PUBLIC`));
  add(dataset, 'dct:accrualPeriodicity', iri(`${eu}frequency/UPDATE_CONT`));
  add(dataset, 'dcat:landingPage', iri(`${baseUrl}/register/sv`), iri(`${baseUrl}/register/en`));
  add(dataset, 'dct:modified', dateTime(dates.modified));
  if (dates.issued) add(dataset, 'dct:issued', dateTime(dates.issued));

  const distributions = [
    { key: 'json', path: 'partnerships.json', fileType: 'JSON', mediaType: 'application/json', sv: 'Hela registret som JSON', en: 'The whole register as JSON', schema: `${data}/partnerships.schema.json` },
    { key: 'csv', path: 'partnerships.csv', fileType: 'CSV', mediaType: 'text/csv', sv: 'Hela registret som CSV, en rad per partnerskap', en: 'The whole register as CSV, one row per partnership' },
    { key: 'atom', path: 'feed.atom', fileType: 'ATOM', mediaType: 'application/atom+xml', sv: 'Nya och ändrade partnerskap (Atom)', en: 'New and changed partnerships (Atom)' },
  ];
  add(dataset, 'dcat:distribution', ...distributions.map((d) => namedNode(`${data}/catalog#${d.key}`)));
  for (const d of distributions) {
    const distribution = namedNode(`${data}/catalog#${d.key}`);
    a(distribution, 'dcat:Distribution');
    add(distribution, 'dct:title', sv(d.sv), en(d.en));
    add(distribution, 'dcat:accessURL', iri(`${data}/${d.path}`));
    add(distribution, 'dcat:downloadURL', iri(`${data}/${d.path}`));
    add(distribution, 'dct:format', iri(`${eu}file-type/${d.fileType}`));
    add(distribution, 'dcat:mediaType', iri(iana + d.mediaType));
    add(distribution, 'dct:license', iri(cc0));
    add(distribution, 'dct:modified', dateTime(dates.modified));
    if (d.schema) {
      add(distribution, 'dct:conformsTo', iri(d.schema));
      a(d.schema, 'dct:Standard');
      add(d.schema, 'dct:title', en('The JSON Schema (2020-12) of the register’s JSON dataset'));
    }
    a(iri(`${eu}file-type/${d.fileType}`), 'dct:MediaTypeOrExtent');
    a(iri(iana + d.mediaType), 'dct:MediaType');
  }

  a(agent, 'foaf:Agent');
  add(agent, 'foaf:name', literal(publisher.name));
  if (publisher.url) add(agent, 'foaf:homepage', agent);
  a(contact, 'vcard:Organization');
  add(contact, 'vcard:fn', literal(publisher.name));
  add(contact, 'vcard:hasEmail', iri(iriSafe(`mailto:${publisher.contactEmail}`)));

  // The classes of what the properties point at, as DCAT-AP's ranges ask, so that a harvester need not look them up.
  a(cc0, 'dct:LicenseDocument');
  for (const theme of ['SOCI', 'GOVE']) a(`${eu}data-theme/${theme}`, 'skos:Concept');
  a(`${eu}country/SWE`, 'dct:Location');
  for (const language of ['SWE', 'ENG']) a(`${eu}language/${language}`, 'dct:LinguisticSystem');
  a(`${eu}access-right/PUBLIC`, 'dct:RightsStatement');
  a(`${eu}frequency/UPDATE_CONT`, 'dct:Frequency');
  a(`${baseUrl}/register/sv`, 'foaf:Document');
  a(`${baseUrl}/register/en`, 'foaf:Document');
  return quads;
}

function write(quads: Quad[], options: ConstructorParameters<typeof Writer>[0]): Promise<string> {
  return new Promise((resolve, reject) => {
    const writer = new Writer(options);
    writer.addQuads(quads);
    writer.end((error, result: string) => (error ? reject(error) : resolve(result)));
  });
}

/** The catalogue as Turtle. */
export function catalogTurtle(quads: Quad[]): Promise<string> {
  return write(quads, { format: 'Turtle', prefixes: ns });
}

/** The catalogue as JSON-LD, compacted with the prefixes the Turtle uses: the same quads through N-Quads. */
export async function catalogJsonLd(quads: Quad[]): Promise<object> {
  const nquads = await write(quads, { format: 'N-Quads' });
  const expanded = await jsonld.fromRDF(nquads, { format: 'application/n-quads' });
  return jsonld.compact(expanded, { ...ns });
}
