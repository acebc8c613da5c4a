import { PartnershipDriver } from '../support/lifecycle';
import { publishPartnership, registerPartyOrganisation, withhold } from '../support/register-partnerships';
import { startSystem, type TestSystem } from '../support/system';

// The register's pages as anyone's browser reads them: HTML in Swedish and in English, with no
// script, narrowed by a GET form and paged by links. Other suites publish partnerships to the same
// database, so every list here is narrowed to this run's own municipality.
describe("the public register's pages", () => {
  let system: TestSystem;
  const token = crypto.randomUUID().replaceAll('-', '').slice(0, 10);
  const hostileTitle = `<script>alert("x")</script> "&<> ${token}`;
  const longTitle = `Långt avtal ${token}`;
  const plainTitle = `Läxhjälp ${token}`;
  const withheldChallenge = `HemligUtmaning${token}`;
  const unpublishedTitle = `Opublicerat ${token}`;
  // 14 headings of 18 000 characters: over 250 kB of agreement, under the API's 256 kB body limit.
  const longSection = (heading: string) => `${heading} "&<> `.padEnd(17_990, 'lorem ipsum ') + ` slut ${token}`;
  let municipality: { id: string; organisationNumber: string };
  const ids = { hostile: '', long: '', plain: '', unpublished: '' };
  let startYear: number;
  let associationNumber: string;

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(system.baseUrl + path, { headers, redirect: 'manual' });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
  const mine = () => `organisation=${municipality.organisationNumber}`;
  const escaped = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

  beforeAll(async () => {
    system = await startSystem({ registerPageSize: 2 });
    municipality = await registerPartyOrganisation(system, `Borås kommun ${token}`, 'PUBLIC', '1490');
    const { id: association, organisationNumber } = await registerPartyOrganisation(system, `Föreningen Språkvän ${token}`, 'IDEBUREN');
    associationNumber = organisationNumber;
    const parties: [string, string] = [municipality.id, association];
    ids.long = await publishPartnership(system, {
      title: longTitle,
      parties,
      area: 'CHILDREN_YOUTH',
      challenge: withheldChallenge,
      agreement: Object.fromEntries(['background', 'challenge', 'sharedValues', 'purposeAndGoals', 'efforts', 'targetGroup', 'governance', 'ownership', 'dialogueAndFollowUp', 'learningGoals', 'resourcesAndEconomy', 'termAndRenegotiation', 'terminationAndDisputes', 'transparencyAndEquality'].map((h) => [h, longSection(h)])),
    });
    await withhold(system, ids.long, 'challenge', '26 kap. 1 §');
    ids.plain = await publishPartnership(system, { title: plainTitle, parties, area: 'INTEGRATION' });
    ids.hostile = await publishPartnership(system, {
      title: hostileTitle,
      parties,
      area: 'INTEGRATION',
      challenge: `Ensamhet bland äldre ${token}`,
      contributions: [
        { party: 0, kind: 'MONEY', description: 'Verksamhetsstöd', valueSek: 250_000 },
        { party: 1, kind: 'VOLUNTEER_WORK', description: 'Språkvänner varje vecka', valueSek: 40_000 },
      ],
    });
    ids.unpublished = (await PartnershipDriver.register(system, system.adminKey, { title: unpublishedTitle, coordinator: { name: 'Anna Andersson', email: 'anna.andersson@example.se' } })).id;
    startYear = ((await (await fetch(`${system.baseUrl}/register/data/partnerships/${ids.plain}`)).json()) as { startYear: number }).startYear;
  }, 180_000);
  afterAll(() => system.stop());

  it('when /register is asked for, then it sends the reader to the list in Swedish, or in English when that is the language asked for first', async () => {
    expect((await get('/register')).headers.get('location')).toBe('/register/sv');
    const english = await get('/register', { 'accept-language': 'en-GB,en;q=0.9,sv;q=0.5' });
    expect({ status: english.status, location: english.headers.get('location'), vary: english.headers.get('vary') }).toEqual({ status: 303, location: '/register/en', vary: expect.stringContaining('Accept-Language') });
    expect((await get('/register', { 'accept-language': 'sv-SE,sv;q=0.9,en;q=0.5' })).headers.get('location')).toBe('/register/sv');
  });

  it('when every kind of page is read in Swedish and in English, then it is HTML in that language with one h1, no script and no inline style, under a CSP that allows neither, and it points at the feed and the catalogue', async () => {
    for (const language of ['sv', 'en']) {
      for (const path of ['', `?${mine()}`, '/statistics', '/about', `/partnerships/${ids.plain}`]) {
        const page = await get(`/register/${language}${path}`);
        expect({ path, status: page.status, type: page.headers.get('content-type') }).toEqual({ path, status: 200, type: 'text/html; charset=utf-8' });
        expect(page.body).toMatch(new RegExp(`^<!DOCTYPE html><html lang="${language}">`));
        expect(page.body.match(/<h1[ >]/g)).toHaveLength(1);
        expect(page.body).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
        expect(page.headers.get('content-security-policy')).toContain("script-src 'none'");
        expect(page.headers.get('content-security-policy')).toContain("style-src 'self'");
        // The language switch goes to the same page in the other language, and says which that is.
        const other = language === 'sv' ? 'en' : 'sv';
        expect(page.body).toContain(`href="/register/${other}${path.replaceAll('&', '&amp;')}" hrefLang="${other}" lang="${other}"`);
        // A feed reader or a harvester that finds any page finds the feed and the catalogue.
        expect(page.body).toMatch(/<link rel="alternate" type="application\/atom\+xml" title="[^"]+" href="\/register\/data\/feed.atom"\/>/);
        expect(page.body).toMatch(/<link rel="alternate" type="text\/turtle" title="[^"]+" href="\/register\/data\/catalog.ttl"\/>/);
      }
    }
    const about = (await get('/register/sv/about')).body;
    expect(about).toContain('href="/register/data/catalog.ttl" type="text/turtle"');
    expect(about).toContain('href="/register/data/catalog.jsonld" type="application/ld+json"');
    const css = await get('/register/assets/register.css');
    expect({ status: css.status, type: css.headers.get('content-type') }).toEqual({ status: 200, type: 'text/css; charset=utf-8' });
    expect(css.body).toContain(':focus-visible');
  });

  it('when the list is narrowed by the form’s filters, then it shows only the partnerships that match, and says how many', async () => {
    const titles = (body: string) => [longTitle, plainTitle, hostileTitle].filter((title) => body.includes(escaped(title)));
    const all = await get(`/register/sv?${mine()}&area=&phase=&year=`);
    expect(all.body).toContain('3 partnerskap, 1–2 visas');
    const integration = await get(`/register/sv?${mine()}&area=INTEGRATION`);
    expect(integration.body).toContain('<p class="results-count">2 partnerskap</p>');
    expect(titles(integration.body).sort()).toEqual([plainTitle, hostileTitle].sort());
    expect(integration.body).toContain('<option value="INTEGRATION" selected="">Integration och etablering</option>');
    const children = await get(`/register/en?${mine()}&area=CHILDREN_YOUTH&phase=IMPLEMENTATION&year=${startYear}`);
    expect(children.body).toContain('<p class="results-count">1 partnership</p>');
    expect(titles(children.body)).toEqual([longTitle]);
    expect(children.body).toContain(`href="/register/en/partnerships/${ids.long}"`);
    expect((await get(`/register/sv?${mine()}&phase=ENDED`)).body).toContain('Inga partnerskap matchar filtren.');
    expect((await get(`/register/en?${mine()}&year=1999`)).body).toContain('No partnership matches the filters.');
    // Narrowed to a party that is no public body, the form still shows the filter that is on.
    const byAssociation = await get(`/register/sv?organisation=${associationNumber}`);
    expect(byAssociation.body).toContain('3 partnerskap, 1–2 visas');
    expect(byAssociation.body).toContain(`<option value="${associationNumber}" selected="">${associationNumber}</option>`);
    // The form offers this run's municipality among the public bodies that take part.
    expect(all.body).toContain(`<option value="${municipality.organisationNumber}" selected="">Borås kommun ${token} (${municipality.organisationNumber})</option>`);
  });

  it('when the list is longer than a page, then pages link to each other, and a page past the last is a 404 page with a way back', async () => {
    const first = await get(`/register/sv?${mine()}`);
    expect(first.body.match(/href="\/register\/sv\/partnerships\//g)).toHaveLength(2);
    expect(first.body).toContain(`<a href="/register/sv?${mine()}&amp;page=2" rel="next">Nästa sida</a>`);
    expect(first.body).toContain('Sida 1 av 2');
    const second = await get(`/register/sv?${mine()}&page=2`);
    expect(second.body.match(/href="\/register\/sv\/partnerships\//g)).toHaveLength(1);
    expect(second.body).toContain(`<a href="/register/sv?${mine()}" rel="prev">Föregående sida</a>`);
    expect(second.body).toContain('<ol class="results" start="3">');
    const beyond = await get(`/register/en?${mine()}&page=7`);
    expect(beyond.status).toBe(404);
    expect(beyond.body).toContain('With these filters the list has 2 pages, not 7.');
    expect(beyond.body).toContain(`<a href="/register/en?${mine()}">To the first page of the list</a>`);
    for (const page of ['0', 'abc', '-1', '99999999999999999999']) {
      const refused = await get(`/register/sv?page=${page}`);
      expect({ page, status: refused.status }).toEqual({ page, status: 400 });
      expect(refused.body).toContain('<strong>Sida</strong> (<code>page</code>)');
    }
  });

  it('when a filter cannot be understood, then the answer is a 400 page in the page’s language that names the field', async () => {
    const year = await get('/register/sv?year=abcd');
    expect({ status: year.status, type: year.headers.get('content-type') }).toEqual({ status: 400, type: 'text/html; charset=utf-8' });
    expect(year.body).toContain('<html lang="sv">');
    expect(year.body).toContain('<strong>Startår</strong> (<code>year</code>): ska vara ett årtal, ÅÅÅÅ');
    const area = await get('/register/en?area=NOPE&organisation=12');
    expect(area.body).toContain('<strong>Area of work</strong> (<code>area</code>)');
    expect(area.body).toContain('<strong>Municipality or region</strong> (<code>organisation</code>): must be an organisation number, NNNNNN-NNNN');
    const unknown = await get('/register/en?%3Cb%3Ecoordinator=x');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('<li><code>&lt;b&gt;coordinator</code>: the register has no such parameter');
  });

  it('when a partnership’s page is read, then it shows its parties, term, contributions in kronor, decisions and agreement, and links to its JSON', async () => {
    const sv = await get(`/register/sv/partnerships/${ids.hostile}`);
    for (const text of [
      `Borås kommun ${token}`,
      municipality.organisationNumber,
      'Offentlig aktör',
      'Idéburen organisation',
      `Ensamhet bland äldre ${token}`,
      '250\u00a0000\u00a0kr',
      '40\u00a0000\u00a0kr',
      'Ideellt arbete',
      'Socialnämnden',
      '§ 45',
      'Laga kraft från',
      'Bakgrund och uppdrag',
      'Överenskommelsens text under background.',
      'Genomförande',
      'Integration och etablering',
      `href="/register/data/partnerships/${ids.hostile}"`,
    ]) {
      expect(sv.body).toContain(text);
    }
    expect(sv.body).toMatch(/<caption>Varje parts insatser/);
    const en = await get(`/register/en/partnerships/${ids.hostile}`);
    for (const text of ['Public body', 'Non-profit organisation', 'SEK\u00a0250,000', 'Volunteer work', 'Final from', 'Background and remit', 'Implementation', 'Integration and introduction']) {
      expect(en.body).toContain(text);
    }
  });

  it('when a title holds HTML and quotes, then every page shows it as text, never as markup', async () => {
    for (const path of [`/register/sv?${mine()}&area=INTEGRATION`, `/register/en/partnerships/${ids.hostile}`]) {
      const page = await get(path);
      expect(page.body).toContain(escaped(hostileTitle));
      expect(page.body).not.toContain('<script');
    }
    expect((await get(`/register/sv/partnerships/${ids.hostile}`)).body).toContain(`<title>${escaped(hostileTitle)} – IOP-registret</title>`);
  });

  it('when an agreement of over 250 kB is published, then its page shows it whole', async () => {
    const page = await get(`/register/sv/partnerships/${ids.long}`);
    expect(page.status).toBe(200);
    expect(page.body.length).toBeGreaterThan(250_000);
    expect(page.body).toContain(`slut ${token}</p></section></section>`);
    expect(page.body).toContain('Transparens och jämlikhet');
  });

  it('when a field is withheld, then the page says on which ground of OSL, and its text appears on no page', async () => {
    const sv = await get(`/register/sv/partnerships/${ids.long}`);
    expect(sv.body).toContain('Uppgiften är sekretessbelagd enligt offentlighets- och sekretesslagen (OSL) 26 kap. 1 §.');
    const en = await get(`/register/en/partnerships/${ids.long}`);
    expect(en.body).toContain('Withheld under the Public Access to Information and Secrecy Act (OSL) 26 kap. 1 §.');
    for (const path of [`/register/sv/partnerships/${ids.long}`, `/register/en/partnerships/${ids.long}`, `/register/sv?${mine()}`, '/register/en/statistics']) {
      expect((await get(path)).body).not.toContain(withheldChallenge);
    }
  });

  it('when a partnership is not published, or there is no such page, then the answer is a 404 page in the page’s language', async () => {
    for (const [path, language] of [
      [`/register/sv/partnerships/${ids.unpublished}`, 'sv'],
      [`/register/en/partnerships/${ids.unpublished}`, 'en'],
      [`/register/en/partnerships/${crypto.randomUUID()}`, 'en'],
      ['/register/sv/partnerships/not-an-id', 'sv'],
      ['/register/en/no/such/page', 'en'],
    ] as const) {
      const page = await get(path);
      expect({ path, status: page.status, type: page.headers.get('content-type') }).toEqual({ path, status: 404, type: 'text/html; charset=utf-8' });
      expect(page.body).toContain(`<html lang="${language}">`);
      expect(page.body).toContain(language === 'sv' ? 'Sidan finns inte' : 'Page not found');
      expect(page.body).not.toContain(unpublishedTitle);
    }
    expect((await get(`/register/sv?${mine()}`)).body).not.toContain(unpublishedTitle);
  });

  it('when a page is asked to change something, or asked too often, then the refusal is a page in its language too', async () => {
    const post = await fetch(`${system.baseUrl}/register/sv/about`, { method: 'POST' });
    expect({ status: post.status, allow: post.headers.get('allow'), type: post.headers.get('content-type') }).toEqual({ status: 405, allow: 'GET, HEAD', type: 'text/html; charset=utf-8' });
    expect(await post.text()).toContain('<h1>Registret går bara att läsa</h1>');
    // The open data keeps its JSON problem.
    expect((await fetch(`${system.baseUrl}/register/data/partnerships.json`, { method: 'POST' })).headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const limited = await startSystem({ registerRateLimitPerMinute: 2, worker: false });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${limited.baseUrl}/register/en/about`)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const refused = await fetch(`${limited.baseUrl}/register/en/about`);
      expect(refused.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(await refused.text()).toContain('<h1>Too many requests</h1>');
    } finally {
      await limited.stop();
    }
  });

  it('when the statistics are read, then each chart is an SVG image named by its title, with its figures in a table with a caption', async () => {
    const page = await get('/register/sv/statistics');
    for (const heading of ['Partnerskap per startår', 'Partnerskap per län', 'Partnerskap per verksamhetsområde', 'Insatser per slag av part, i kronor']) {
      expect(page.body).toContain(`<caption>${heading}</caption>`);
    }
    expect(page.body.match(/<svg class="bar-chart" role="img" aria-labelledby="[a-z-]+-svg-title"/g)).toHaveLength(4);
    expect(page.body).toContain('<th scope="row">Västra Götalands län</th>');
    expect(page.body).toContain('<th scope="row">Barn och unga</th>');
    expect(page.body).toMatch(/Sammanlagt [\d\u00a0]+\u00a0kr i pengar/);
    expect((await get('/register/en/statistics')).body).toContain('<caption>Partnerships by county</caption>');
  });
});
