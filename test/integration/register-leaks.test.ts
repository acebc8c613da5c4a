import { spawnSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { request } from 'undici';
import { agreementHeadings } from '../../domain/state';
import { PartnershipDriver, fullAgreement, registerOrganisation, runningPartnershipBody, today } from '../support/lifecycle';
import { api, examplePartnership, startSystem, type TestSystem } from '../support/system';

// The public register, walked as anyone on the internet walks it: every page and every file it
// links to, for a partnership full of people, legal review and drafts. Each secret is a marker
// of this run's own: it must be found in the records (so the test would see it leak) and in no
// public response.
describe('the public register', () => {
  let system: TestSystem;
  const token = crypto.randomUUID().replaceAll('-', '').slice(0, 12);
  const marker = (what: string) => `Leak${what}${token}`;
  const secrets = {
    coordinatorName: marker('Coordinator'),
    coordinatorEmail: `${marker('coordinatormail').toLowerCase()}@example.se`,
    contactName: marker('Contact'),
    contactEmail: `${marker('contactmail').toLowerCase()}@example.se`,
    contactPhone: `+4670${token.replace(/\D/g, '').padEnd(7, '7').slice(0, 7)}`,
    rationale: marker('Rationale'),
    draft: marker('Draft'),
    legalNote: marker('LegalNote'),
    legalConclusion: marker('LegalConclusion'),
    beforeFinal: marker('BeforeFinal'),
    followUp: marker('FollowUp'),
    conflicts: marker('Conflicts'),
  };
  const withheldChallenge = marker('WithheldChallenge');
  const withheldTitle = marker('WithheldPartnership');
  const published = { title: `Publicerat ${token}`, assessment: marker('PublishedConclusion') };
  let driver: PartnershipDriver;
  let hidden: PartnershipDriver;
  let parties: string[];
  let importedKommunNumber: string;

  const admin = (method: string, path: string, body?: unknown) => api(system, method, `/api/v1/partnerships/${path}`, { key: system.adminKey, body });

  /** Every response the register gives, from its entry points and every link in them, under /register. */
  async function walk(): Promise<Map<string, string>> {
    const seen = new Map<string, string>();
    const queue = ['/register', '/register/sv', '/register/en', '/register/data/partnerships.json', '/register/data/partnerships.csv', '/register/data/feed.atom', '/register/data/partnerships.schema.json', '/register/data/catalog', '/register/data/catalog.ttl', '/register/data/catalog.jsonld'];
    queue.push(`/register/data/partnerships/${driver.id}`, `/register/data/partnerships/${hidden.id}`, `/register/sv/partnerships/${driver.id}`, `/register/sv/partnerships/${hidden.id}`);
    // The pages, in both languages; each links to the rest (statistics, about, every partnership on the list).
    queue.push(`/register/en/partnerships/${driver.id}`, `/register/en/partnerships/${hidden.id}`, '/register/sv/statistics', '/register/en/statistics', '/register/sv/about', '/register/en/about');
    while (queue.length && seen.size < 400) {
      const path = queue.shift()!;
      if (seen.has(path)) continue;
      const response = await fetch(system.baseUrl + path, { redirect: 'manual' });
      const body = await response.text();
      seen.set(path, `${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${body}`);
      const location = response.headers.get('location');
      const links = [...body.matchAll(/(?:href|src|action)="([^"]+)"|"(\/register\/[^"]*)"|<(https?:\/\/[^>]+)>/g)].map((m) => m[1] ?? m[2] ?? m[3]!).concat(location ? [location] : []);
      for (const link of links) {
        const url = new URL(link.replaceAll('&amp;', '&'), system.baseUrl + path);
        if (url.origin === new URL(system.baseUrl).origin && url.pathname.startsWith('/register') && !seen.has(url.pathname + url.search)) queue.push(url.pathname + url.search);
      }
    }
    return seen;
  }

  beforeAll(async () => {
    system = await startSystem({ rateLimitPerMinute: 5_000 });
    driver = await PartnershipDriver.register(system, system.adminKey, {
      ...examplePartnership,
      title: published.title,
      challenge: withheldChallenge,
      coordinator: { name: secrets.coordinatorName, email: secrets.coordinatorEmail },
    });
    await driver.step('describe-challenge', { challenge: withheldChallenge });
    for (const kind of ['PUBLIC', 'IDEBUREN'] as const) await driver.step('add-party', { organisationId: await registerOrganisation(system, kind, `Part ${kind} ${token}`), kind });
    await driver.step('add-learning-goal', { partyId: null, description: `Mål ${token}` });
    const chosen = await driver.step('choose-cooperation-form', { form: 'IOP', rationale: secrets.rationale });
    parties = chosen.parties.map((p: { partyId: string }) => p.partyId);
    const organisationId = chosen.parties[1].organisationId;
    const contact = await api(system, 'POST', `/api/v1/organisations/${organisationId}/contacts`, { key: system.adminKey, body: { name: secrets.contactName, email: secrets.contactEmail, phone: secrets.contactPhone } });
    expect(contact.status).toBe(201);
    await driver.step('assign-contacts', { partyId: parties[1], contactIds: [contact.body.id] });
    await driver.step('complete-initiation');
    // A first draft with a secret in it goes to legal review and comes back: it is never in force.
    await driver.step('save-agreement-draft', { sections: { ...fullAgreement, [agreementHeadings[0]!]: secrets.draft } });
    await driver.step('submit-for-legal-review');
    await driver.step('record-legal-review-item', { item: 'STATE_AID', outcome: 'ISSUE', note: secrets.legalNote });
    await driver.step('conclude-legal-review', { conclusion: 'CHANGES_REQUESTED', note: secrets.legalConclusion });
    await driver.step('save-agreement-draft', { sections: fullAgreement });
    await driver.step('submit-for-legal-review');
    await driver.passLegalReview();
    const version = (await driver.state()).submittedVersion as number;
    await driver.decide(parties[0]!, version, 'YES', true);
    await driver.decide(parties[1]!, version, 'YES', false);
    await driver.step('start-implementation', { startDate: today(), beforeFinal: { reason: secrets.beforeFinal } });
    await driver.step('record-follow-up', { date: today(), participantPartyIds: parties, summary: secrets.followUp });
    await driver.step('start-evaluation');
    const goals = (await driver.state()).learningGoals as { learningGoalId: string }[];
    await driver.step('record-evaluation', {
      recordedOn: today(),
      learningGoalAssessments: goals.map((g) => ({ learningGoalId: g.learningGoalId, assessment: published.assessment })),
      conflictsToPrevent: secrets.conflicts,
    });

    hidden = await PartnershipDriver.register(system, system.adminKey, { ...examplePartnership, title: withheldTitle });
  }, 180_000);
  afterAll(() => system.stop());

  it('when every party’s yes is not yet final, then the partnership appears only once an administrator publishes it, and the publication is audited', async () => {
    expect((await fetch(`${system.baseUrl}/register/data/partnerships/${driver.id}`)).status).toBe(404);
    expect((await admin('GET', `${driver.id}/publication`)).body).toMatchObject({ appears: false, publishedEarly: null });

    const publishedEarly = await admin('PUT', `${driver.id}/publication/early`);
    expect(publishedEarly.body).toMatchObject({ appears: true, publishedEarly: { publishedAt: expect.any(String) }, register: `/register/sv/partnerships/${driver.id}` });
    const entry = await api(system, 'GET', `/register/data/partnerships/${driver.id}`);
    expect(entry.status).toBe(200);
    expect(entry.body).toMatchObject({ title: published.title, publishedEarly: true, phase: 'EVALUATION' });
    expect(entry.body.evaluations[0].conclusions[0]).toMatchObject({ goal: `Mål ${token}`, assessment: published.assessment });
    expect(entry.body.agreement.version).toBe(2);
    expect(await system.db.auditEvent.count({ where: { partnershipId: driver.id, action: 'partnership.publishedEarly' } })).toBe(1);
  });

  it('when a field and a partnership are withheld on a ground of OSL, then neither appears anywhere in the register, and the withholding is audited with its ground', async () => {
    await admin('PUT', `${hidden.id}/publication/early`);
    expect((await admin('PUT', `${hidden.id}/publication/withholdings/partnership`, { ground: '21 kap. 3 §' })).body).toMatchObject({ appears: false, register: null });
    expect((await admin('PUT', `${driver.id}/publication/withholdings/challenge`, { ground: '26 kap. 1 §' })).body).toMatchObject({
      appears: true,
      withholdings: [{ field: 'challenge', ground: '26 kap. 1 §' }],
    });
    const entry = (await api(system, 'GET', `/register/data/partnerships/${driver.id}`)).body;
    expect(entry).toMatchObject({ challenge: null, withheld: [{ field: 'challenge', ground: '26 kap. 1 §' }] });
    expect(await system.db.auditEvent.findFirst({ where: { partnershipId: hidden.id, action: 'partnership.withheld' } })).toMatchObject({ details: { field: 'partnership', ground: '21 kap. 3 §' } });

    // The secrets are where the case officers read them: a leak would be found.
    const record = JSON.stringify((await admin('GET', `${driver.id}`)).body);
    expect(record).toContain(withheldChallenge);

    const responses = await walk();
    expect([...responses.keys()]).toEqual(expect.arrayContaining(['/register/data/partnerships.csv', `/register/data/partnerships/${driver.id}`, '/register/sv', '/register/en/about', `/register/en/partnerships/${driver.id}`]));
    expect(responses.get(`/register/sv/partnerships/${driver.id}`)).toContain(published.assessment);
    const everything = [...responses.values()].join('\n');
    expect(everything).toContain(published.title);
    expect(everything).toContain(published.assessment);
    for (const [path, text] of responses) {
      // A withheld partnership's id is known to whoever asks for it by id: no answer may confirm more.
      const asked = path.includes(hidden.id) ? {} : { hiddenId: hidden.id };
      for (const [name, secret] of Object.entries({ ...secrets, withheldChallenge, withheldTitle, ...asked })) {
        if (text.includes(secret)) throw new Error(`${name} leaks in ${path}`);
      }
    }
  });

  it('when a withholding is lifted, then the register shows the field again', async () => {
    expect((await admin('DELETE', `${driver.id}/publication/withholdings/challenge`)).body).toMatchObject({ withholdings: [] });
    expect((await api(system, 'GET', `/register/data/partnerships/${driver.id}`)).body).toMatchObject({ challenge: withheldChallenge, withheld: [] });
    expect(await system.db.auditEvent.count({ where: { partnershipId: driver.id, action: 'partnership.withholdingLifted' } })).toBe(1);
    await admin('PUT', `${driver.id}/publication/withholdings/challenge`, { ground: '26 kap. 1 §' });
  });

  it('when a withholding is asked without a ground of OSL, or by someone who is no administrator, then it is refused and nothing changes', async () => {
    const before = await system.db.withholding.count({ where: { partnershipId: driver.id } });
    const noGround = await admin('PUT', `${driver.id}/publication/withholdings/decisions`, { ground: 'sekretess' });
    expect(noGround.status).toBe(400);
    expect(noGround.body.errors).toEqual([expect.objectContaining({ in: 'body', field: 'ground' })]);
    const noField = await admin('PUT', `${driver.id}/publication/withholdings/coordinatorName`, { ground: '21 kap. 7 §' });
    expect(noField.body.errors).toEqual([expect.objectContaining({ in: 'path', field: 'field' })]);
    const officer = await api(system, 'PUT', `/api/v1/partnerships/${driver.id}/publication/withholdings/decisions`, { key: (await system.newKey('CASE_OFFICER')).key, body: { ground: '21 kap. 7 §' } });
    expect(officer.status).toBe(403);
    expect(await system.db.withholding.count({ where: { partnershipId: driver.id } })).toBe(before);
  });

  it('when the CSV is opened as a spreadsheet reads it, then every partnership is one row with its Swedish letters and separators intact, and no cell is a formula', async () => {
    await admin('PUT', `${driver.id}/area`, { area: 'INTEGRATION' });
    // A title that breaks a naive writer, and one that a spreadsheet would run as a formula.
    const hostileTitle = `=HYPERLINK("https://example.org"), "Språk; å ä ö" ${token}`;
    const kommun = await registerOrganisation(system, 'PUBLIC', `Kommun, "Väst" ${token}`);
    const forening = await registerOrganisation(system, 'IDEBUREN', `Förening ${token}`);
    const imported = await api(system, 'POST', '/api/v1/partnership-imports', {
      key: system.adminKey,
      body: runningPartnershipBody(
        today(),
        (start) => ({
          parties: [
            { organisationId: kommun, kind: 'PUBLIC' },
            { organisationId: forening, kind: 'IDEBUREN' },
          ],
          decisions: [
            { organisationId: kommun, decidingBody: 'Kommunstyrelsen', decidingBodyKind: 'STYRELSE', meetingDate: start, paragraph: '§ 112', postingDate: start },
            { organisationId: forening, decidingBody: 'Styrelsen', decidingBodyKind: 'BOARD', meetingDate: start },
          ],
        }),
        hostileTitle,
      ),
    });
    expect(imported.status).toBe(201);
    importedKommunNumber = (await api(system, 'GET', `/api/v1/organisations/${kommun}`, { key: system.adminKey })).body.organisationNumber;
    const response = await fetch(`${system.baseUrl}/register/data/partnerships.csv`);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toMatch(/^\uFEFFid,url,title,.*\r\n/);
    // Python's csv module in its "excel" dialect reads as Excel does.
    const read = spawnSync('python3', ['-c', 'import csv,io,sys,json; print(json.dumps(list(csv.DictReader(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", newline=""), dialect="excel"))))'], { input: bytes });
    expect({ status: read.status, stderr: read.stderr.toString() }).toEqual({ status: 0, stderr: '' });
    const rows = JSON.parse(read.stdout.toString()) as Record<string, string>[];
    const row = rows.find((r) => r.id === driver.id)!;
    expect(row).toMatchObject({ title: published.title, challenge: '', area: 'INTEGRATION', areaName: 'Integration och etablering', phase: 'EVALUATION', withheld: 'challenge: OSL 26 kap. 1 §' });
    expect(row.idebornaOrganisations).toBe(`Part IDEBUREN ${token}`);
    expect(rows.some((r) => r.id === hidden.id)).toBe(false);
    const hostile = rows.find((r) => r.id === imported.body.id)!;
    expect(hostile).toMatchObject({ title: `'${hostileTitle}`, publicBodies: `Kommun, "Väst" ${token}`, allDecisionsFinal: 'true' });
    expect(hostile.decisions).toMatch(/^Kommun, "Väst" \S+: Kommunstyrelsen § 112 \d{4}-\d{2}-\d{2} YES, laga kraft \d{4}-\d{2}-\d{2}; /);
  });

  it('when the JSON dataset is read, then it holds to the JSON Schema the register publishes', async () => {
    const schema = await api(system, 'GET', '/register/data/partnerships.schema.json');
    expect(schema.headers.get('content-type')).toMatch(/^application\/schema\+json/);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(schema.body);
    const dataset = await api(system, 'GET', '/register/data/partnerships.json');
    expect(dataset.headers.get('link')).toContain('/register/data/partnerships.schema.json>; rel="describedby"');
    expect(validate(dataset.body) ? [] : validate.errors).toEqual([]);
    expect(dataset.body.partnerships.map((p: { id: string }) => p.id)).toContain(driver.id);
    // A wrong value is refused, and said so of the parameter that holds it.
    expect(validate({ ...dataset.body, partnerships: [{ ...dataset.body.partnerships[0], phase: 'SECRET' }] })).toBe(false);
  });

  it('when the open data is read from another origin or again, then it is CORS-open, and an unchanged answer is 304 by its ETag', async () => {
    // Other suites write to the same database: the lists are narrowed to this run's own partnership.
    const mine = `organisation=${importedKommunNumber}`;
    for (const path of [`/register/data/partnerships.json?${mine}`, `/register/data/partnerships.csv?${mine}`, '/register/data/feed.atom', `/register/data/partnerships/${driver.id}`]) {
      const first = await fetch(system.baseUrl + path, { headers: { origin: 'https://data.example.org' } });
      expect({ path, cors: first.headers.get('access-control-allow-origin'), cache: first.headers.get('cache-control') }).toEqual({ path, cors: '*', cache: 'public, max-age=300' });
      const etag = first.headers.get('etag')!;
      expect(etag).toBeTruthy();
      // As a cache revalidates (fetch() would add "Cache-Control: no-cache", which asks for the whole answer again).
      const again = await request(system.baseUrl + path, { headers: { 'if-none-match': etag } });
      await again.body.dump();
      // The feed holds every suite's newest changes, which other suites may make meanwhile.
      if (!path.endsWith('.atom')) expect({ path, status: again.statusCode }).toEqual({ path, status: 304 });
    }
  });

  it('when the register is asked to change something, or with a filter it does not know, then it refuses with a problem naming what is wrong', async () => {
    const post = await api(system, 'POST', '/register/data/partnerships.json', { body: {} });
    expect({ status: post.status, allow: post.headers.get('allow') }).toEqual({ status: 405, allow: 'GET, HEAD' });
    const badYear = await api(system, 'GET', '/register/data/partnerships.json?year=99999999999999999999');
    expect(badYear.status).toBe(400);
    expect(badYear.body.errors).toEqual([expect.objectContaining({ in: 'query', field: 'year' })]);
    const unknown = await api(system, 'GET', '/register/data/partnerships.csv?coordinator=x');
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'coordinator' })]);
    expect((await api(system, 'GET', '/register/data/partnerships/not-an-id')).status).toBe(404);
  });
});
