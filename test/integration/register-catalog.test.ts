import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jsonld from 'jsonld';
import { DataFactory, Parser, Writer, type Quad } from 'n3';
import { request } from 'undici';
import { PartnershipDriver } from '../support/lifecycle';
import { api, examplePartnership, startSystem, type TestSystem } from '../support/system';

// The register's DCAT-AP-SE catalogue as Sveriges dataportal's harvester meets it: RDF that parses in
// both formats to the same graph, that pySHACL finds conforming to the DCAT-AP-SE shapes, and that
// is cached and CORS-open like the rest of the open data.
const root = path.resolve(__dirname, '../..');
const pyshacl = path.join(root, '.tools', 'shacl', 'bin', 'pyshacl');
const shapes = path.join(root, 'test', 'support', 'dcat-ap-se-shapes.ttl');
const dct = 'http://purl.org/dc/terms/';
const foafName = 'http://xmlns.com/foaf/0.1/name';
const dcatDataset = 'http://www.w3.org/ns/dcat#Dataset';
const rdfType = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

// Everything a name may hold that breaks a careless writer: markup, a quote, a line break, and
// characters beyond the Basic Multilingual Plane (surrogate pairs in UTF-16).
const publisherName = 'Kommunen <Väst> "IOP"\nandra raden 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀';

const asNTriples = (quads: Quad[]) => quads.map((q) => new Writer({ format: 'N-Triples' }).quadToString(q.subject, q.predicate, q.object)).sort();

describe('the register’s DCAT-AP-SE catalogue', () => {
  let system: TestSystem;
  let dir: string;

  /** pySHACL's verdict on an RDF file against the shapes: its exit code and its report. */
  function validate(file: string, format: 'turtle' | 'json-ld'): { status: number | null; report: string } {
    if (!existsSync(pyshacl)) throw new Error(`no pySHACL at ${pyshacl}: run node scripts/setup.mjs --test`);
    const run = spawnSync(pyshacl, ['-s', shapes, '-df', format, file], { encoding: 'utf8' });
    return { status: run.status, report: `${run.stdout}${run.stderr}` };
  }

  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };

  async function turtle(): Promise<{ text: string; quads: Quad[] }> {
    const text = await (await fetch(`${system.baseUrl}/register/data/catalog.ttl`)).text();
    return { text, quads: new Parser({ format: 'text/turtle' }).parse(text) };
  }

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'iop-catalog-'));
    system = await startSystem({ registerPublisher: { name: publisherName, url: 'https://kommun.example.se/', contactEmail: 'iop-registret@kommun.example.se' } });
  });
  afterAll(async () => {
    await system.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when the catalogue is read as Turtle and as JSON-LD, then both are RDF of one and the same graph, and the publisher’s name comes through whole', async () => {
    const ttl = await fetch(`${system.baseUrl}/register/data/catalog.ttl`);
    expect(ttl.headers.get('content-type')).toBe('text/turtle; charset=utf-8');
    const fromTurtle = new Parser({ format: 'text/turtle' }).parse(await ttl.text());

    const ld = await fetch(`${system.baseUrl}/register/data/catalog.jsonld`);
    expect(ld.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    const nquads = (await jsonld.toRDF((await ld.json()) as object, { format: 'application/n-quads' })) as unknown as string;
    const fromJsonLd = new Parser({ format: 'N-Quads' }).parse(nquads);

    expect(fromTurtle.length).toBeGreaterThan(50);
    expect(fromJsonLd.length).toBe(fromTurtle.length);
    expect(asNTriples(fromJsonLd)).toEqual(asNTriples(fromTurtle));
    expect(fromTurtle.filter((q) => q.predicate.value === foafName).map((q) => q.object.value)).toEqual([publisherName]);
    expect(fromTurtle.filter((q) => q.predicate.value === rdfType && q.object.value === dcatDataset)).toHaveLength(1);
  });

  it('when pySHACL holds the catalogue to the DCAT-AP-SE shapes, then both formats conform', async () => {
    const ttl = write('catalog.ttl', (await turtle()).text);
    const ld = write('catalog.jsonld', await (await fetch(`${system.baseUrl}/register/data/catalog.jsonld`)).text());
    for (const [file, format] of [[ttl, 'turtle'], [ld, 'json-ld']] as const) {
      const verdict = validate(file, format);
      expect({ format, ...verdict }).toEqual({ format, status: 0, report: expect.stringContaining('Conforms: True') });
    }
  });

  it('when the dataset loses its title, or a distribution its access URL, then pySHACL finds the catalogue does not conform', async () => {
    const { quads } = await turtle();
    const dataset = quads.find((q) => q.predicate.value === rdfType && q.object.value === dcatDataset)!.subject.value;
    const without = (drop: (q: Quad) => boolean) => new Writer({ format: 'N-Triples' }).quadsToString(quads.filter((q) => !drop(q)));

    const untitled = validate(write('untitled.nt', without((q) => q.subject.value === dataset && q.predicate.value === `${dct}title`)), 'turtle');
    expect(untitled.status).toBe(1);
    expect(untitled.report).toMatch(/Conforms: False[\s\S]*MinCountConstraintComponent[\s\S]*dct:title/);

    const unreachable = validate(write('unreachable.nt', without((q) => q.predicate.value === 'http://www.w3.org/ns/dcat#accessURL' && q.subject.value.endsWith('#csv'))), 'turtle');
    expect(unreachable.status).toBe(1);
    expect(unreachable.report).toMatch(/Conforms: False[\s\S]*dcat:accessURL/);
  });

  it('when /register/data/catalog is asked for, then it sends the reader on with 303 to the format the Accept header prefers, Turtle unless it says otherwise', async () => {
    const cases: [string | undefined, string][] = [
      [undefined, '/register/data/catalog.ttl'],
      ['*/*', '/register/data/catalog.ttl'],
      ['text/turtle', '/register/data/catalog.ttl'],
      ['application/ld+json', '/register/data/catalog.jsonld'],
      ['text/html;q=0.9, application/ld+json', '/register/data/catalog.jsonld'],
      ['application/rdf+xml;q=1, text/turtle;q=0.5', '/register/data/catalog.ttl'],
    ];
    for (const [accept, location] of cases) {
      const response = await fetch(`${system.baseUrl}/register/data/catalog`, { redirect: 'manual', headers: accept ? { accept } : {} });
      expect({ accept, status: response.status, location: response.headers.get('location'), vary: response.headers.get('vary') }).toEqual({ accept, status: 303, location, vary: expect.stringMatching(/Accept/) });
    }
    const followed = await fetch(`${system.baseUrl}/register/data/catalog`, { headers: { accept: 'application/ld+json' } });
    expect(followed.headers.get('content-type')).toMatch(/^application\/ld\+json/);
  });

  it('when the catalogue is read from another origin or again, then it is CORS-open and cached, an unchanged one is 304 by its ETag, and a partnership appearing or withheld changes its date and its ETag', async () => {
    const etags: Record<string, string> = {};
    for (const format of ['ttl', 'jsonld']) {
      const url = `${system.baseUrl}/register/data/catalog.${format}`;
      const first = await request(url, { headers: { origin: 'https://www.dataportal.se' } });
      await first.body.dump();
      expect({ format, cors: first.headers['access-control-allow-origin'], cache: first.headers['cache-control'] }).toEqual({ format, cors: '*', cache: 'public, max-age=300' });
      etags[format] = String(first.headers.etag);
      expect(etags[format]).toBeTruthy();
      const again = await request(url, { headers: { 'if-none-match': etags[format]! } });
      await again.body.dump();
      expect({ format, status: again.statusCode }).toEqual({ format, status: 304 });
    }

    // A partnership published early appears: the register has changed, and its catalogue says so.
    const modified = (quads: Quad[]) => quads.find((q) => q.predicate.value === `${dct}modified` && q.subject.value.endsWith('/register/data/catalog'))!.object.value;
    const before = modified((await turtle()).quads);
    const driver = await PartnershipDriver.register(system, system.adminKey, { ...examplePartnership, title: `Katalog ${crypto.randomUUID()}` });
    expect((await api(system, 'PUT', `/api/v1/partnerships/${driver.id}/publication/early`, { key: system.adminKey })).status).toBe(200);
    const updatedAt = (await api(system, 'GET', `/register/data/partnerships/${driver.id}`)).body.updatedAt as string;
    const after = modified((await turtle()).quads);
    expect(after > before).toBe(true);
    expect(after >= updatedAt).toBe(true);
    const changed = await request(`${system.baseUrl}/register/data/catalog.ttl`, { headers: { 'if-none-match': etags.ttl! } });
    await changed.body.dump();
    expect(changed.statusCode).toBe(200);

    // Withheld whole on a ground of OSL, it leaves the register: a change too, though no row of it appears.
    const withheld = await api(system, 'PUT', `/api/v1/partnerships/${driver.id}/publication/withholdings/partnership`, { key: system.adminKey, body: { ground: '21 kap. 3 §' } });
    expect(withheld.body).toMatchObject({ appears: false });
    expect(modified((await turtle()).quads) > after).toBe(true);
  });
});

// Kept apart from the suite above, so that the hostile name's own system does not stand in for the defaults.
describe('the register’s catalogue with its default publisher', () => {
  it('when no publisher is configured, then the catalogue still names one and a contact point', async () => {
    const system = await startSystem({ worker: false });
    try {
      const quads = new Parser({ format: 'text/turtle' }).parse(await (await fetch(`${system.baseUrl}/register/data/catalog.ttl`)).text());
      expect(quads.filter((q) => q.predicate.value === foafName).map((q) => q.object.value)).toEqual(['IOP Lifecycle']);
      expect(quads.some((q) => q.predicate.value === 'http://www.w3.org/2006/vcard/ns#hasEmail' && q.object.equals(DataFactory.namedNode('mailto:register@iop-lifecycle.localhost')))).toBe(true);
    } finally {
      await system.stop();
    }
  });
});
