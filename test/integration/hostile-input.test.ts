import fc from 'fast-check';
import { apiBasePath, createApp, openApiDocument } from '../../api/app';
import { partnershipSorts } from '../../api/partnerships/listing';
import { registerOrganisation, PartnershipDriver } from '../support/lifecycle';
import { api, startSystem, type TestSystem } from '../support/system';

type Operation = { operationId: string; parameters?: { name: string; in: string; schema?: { enum?: string[] } }[] };
type Route = { method: string; path: string; operationId: string; owner?: string; parameters: NonNullable<Operation['parameters']> };

const base64url = (text: string) => Buffer.from(text).toString('base64url');
const cursorOf = (key: unknown) => base64url(JSON.stringify(key));

/** A text a client might put in a key: what no list writes (bad times, NUL, lone surrogates, huge years) and what one does. */
const keyText = fc.oneof(
  fc.constantFrom('not-a-time', '2026-13-01T00:00:00.000Z', '+300000-01-01T00:00:00.000Z', '0000-01-01T00:00:00.000Z', '2026-02-30', '', '\u0000', 'x\u0000', '\uD800', '~', '-1', '99999999999999999999', '__proto__'),
  // Any UTF-16 code unit: NUL, other controls and halves of surrogate pairs among them.
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)), maxLength: 30 }),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((time) => time.toISOString()),
  fc.date({ noInvalidDate: true }).map((time) => time.toISOString().slice(0, 10)),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
);
const keyPart = fc.oneof({ weight: 6, arbitrary: keyText }, fc.constant(null), fc.integer(), fc.boolean(), fc.constant({}), fc.array(fc.uuid(), { maxLength: 1 }));

/** Cursors the server did not make: keys of every length, keys led by a real sort, JSON that is not a key, and no JSON at all. */
const forgedCursor = fc.oneof(
  fc.array(keyPart, { minLength: 0, maxLength: 5 }).map(cursorOf),
  fc.tuple(fc.constantFrom(...partnershipSorts), keyPart, fc.oneof(fc.uuid(), keyPart)).map(cursorOf),
  fc.oneof(keyPart, fc.dictionary(fc.string(), keyPart)).map(cursorOf),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/),
  fc.string({ unit: 'binary', maxLength: 40 }).map(base64url),
);

/** Path segments that are not what a route takes: percent-encoding that is not UTF-8, and names every object has. */
const hostileSegment = fc.oneof(
  fc.constantFrom('%ff', '%ED%A0%80', '%C0%AF', '%E0%80%80', '%F4%90%80%80', '%', '%zz', '%00', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'),
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map(encodeURIComponent),
);

// A client can send anything as a cursor or a path segment: whatever it sends, the answer is a page
// or a 400 that names what was wrong, never a 5xx from a database or from the framework.
describe('hostile cursors and path segments', () => {
  let system: TestSystem;
  let routes: Route[];
  let ids: Record<string, string>;

  beforeAll(async () => {
    system = await startSystem({ rateLimitPerMinute: 1_000_000 });
    const driver = await PartnershipDriver.register(system);
    const organisationId = await registerOrganisation(system, 'IDEBUREN', 'Föreningen Hostile');
    const subscriptionId = crypto.randomUUID();
    await system.db.webhookSubscription.create({
      data: { id: subscriptionId, url: 'https://diarium.example.se/hook', organisationId, contactEmail: 'x@example.se', secrets: ['whsec_dGVzdA=='], status: 'DISABLED' },
    });
    ids = { partnership: driver.id, organisation: organisationId, webhook: subscriptionId };

    // Every route the app serves: the API's from its OpenAPI document, and the app's own pages (the problem types) from Express's router.
    const { app, routes: table } = createApp({ db: system.db, temporal: system.temporal, taskQueue: system.taskQueue, logger: system.logs.logger, publicBaseUrl: 'http://127.0.0.1:3000' });
    const owners = new Map(table.list().map((r) => [r.operationId, r.owner]));
    const document = openApiDocument(table, 'http://127.0.0.1:3000') as unknown as { paths: Record<string, Record<string, Operation>> };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ method, path, operationId: operation.operationId, owner: owners.get(operation.operationId), parameters: operation.parameters ?? [] })),
    );
    const pages = (app.router.stack as { route?: { path: string; methods: Record<string, boolean> } }[])
      .flatMap((layer) => (layer.route ? Object.keys(layer.route.methods).map((method) => ({ method, path: layer.route!.path.replace(/:(\w+)/g, '{$1}'), operationId: layer.route!.path, parameters: [] })) : []));
    routes = [...documented, ...pages];
    expect(documented.length).toBeGreaterThan(50);
    expect(pages.map((p) => p.path)).toContain('/problems/{slug}');
  }, 60_000);
  afterAll(() => system.stop());

  /** A route's URL with its parameters filled: `{id}` with a resource of its owner's kind, the rest as given. */
  const urlOf = (route: Route, fill: (name: string) => string) => route.path.replace(/\{(\w+)\}/g, (_all, name: string) => fill(name));
  const validId = (route: Route) => ids[route.owner ?? 'partnership']!;

  const lists = () =>
    routes
      .filter((r) => r.method === 'get')
      .flatMap((route) => route.parameters.filter((p) => p.in === 'query' && (p.name === 'after' || p.name === 'cursor')).map((p) => ({ route, parameter: p.name })));

  function expectPageOrNamedRefusal(response: { status: number; headers: Headers; body: any }, parameter: string, what: string) {
    if (response.status === 200) return;
    expect(`${what}: ${response.status} ${response.headers.get('content-type')} ${response.body?.errors?.[0]?.field}`).toBe(`${what}: 400 application/problem+json; charset=utf-8 ${parameter}`);
  }

  it.each([
    ['createdAt, a time that is none', 'createdAt', ['createdAt', 'not-a-time', crypto.randomUUID()]],
    ['createdAt, month 13', 'createdAt', ['createdAt', '2026-13-01T00:00:00.000Z', crypto.randomUUID()]],
    ['createdAt, year 300000', 'createdAt', ['createdAt', '+300000-01-01T00:00:00.000Z', crypto.randomUUID()]],
    ['createdAt, an empty string', 'createdAt', ['createdAt', '', crypto.randomUUID()]],
    ['createdAt, a NUL', 'createdAt', ['createdAt', '\u0000', crypto.randomUUID()]],
    ['title, a NUL', 'title', ['title', 'a\u0000b', crypto.randomUUID()]],
    ['nextDeadlineOn, a lone surrogate', 'nextDeadlineOn', ['nextDeadlineOn', '\uD800', crypto.randomUUID()]],
  ])('when the partnership list is asked from a cursor with %s, then 400 names the cursor', async (_what, sort, key) => {
    const response = await api(system, 'GET', `/api/v1/partnerships?sort=${sort}&cursor=${cursorOf(key)}`, { key: system.adminKey });
    expect([response.status, response.body.errors?.[0]?.field]).toEqual([400, 'cursor']);
  });

  it.each([
    ['organisations', '/api/v1/organisations?name=Fören&after=', [null, crypto.randomUUID()]],
    ['organisations', '/api/v1/organisations?name=Fören&after=', ['Föreningen', 'not-an-id']],
    ['organisations', '/api/v1/organisations?name=Fören&after=', ['Förening\u0000', crypto.randomUUID()]],
    ['tasks', '/api/v1/tasks?after=', ['2026-01-01', '2026-01-01T00:00:00.000Z', '0', `${crypto.randomUUID()}:x\u0000`]],
    ['tasks', '/api/v1/tasks?after=', [null, '2026-01-01T00:00:00.000Z', '99999999999', `${crypto.randomUUID()}:x`]],
  ])('when the %s list is asked from a forged cursor, then 400 names it', async (_list, path, key) => {
    const response = await api(system, 'GET', `${path}${cursorOf(key)}`, { key: system.adminKey });
    expect([response.status, response.body.errors?.[0]?.field]).toEqual([400, 'after']);
  });

  it('when every list is asked from generated cursors, then each answers a page or a 400 naming its cursor, never a 5xx', async () => {
    const found = lists();
    // The lists with keyset paging, as the OpenAPI document declares them.
    expect(found.map((l) => l.route.operationId).sort()).toEqual(
      expect.arrayContaining(['listPartnerships', 'findOrganisations', 'listTasks', 'listNotifications', 'listWebhookDeliveries', 'listEvents']),
    );
    for (const { route, parameter } of found) {
      const sorts = route.parameters.find((p) => p.name === 'sort')?.schema?.enum ?? [];
      await fc.assert(
        fc.asyncProperty(forgedCursor, fc.constantFrom(...(sorts.length ? sorts : [undefined])), async (cursor, sort) => {
          const query = new URLSearchParams({ [parameter]: cursor, ...(sort ? { sort } : {}), ...(route.operationId === 'findOrganisations' ? { name: 'Fören' } : {}) });
          const response = await api(system, 'GET', `${urlOf(route, () => validId(route))}?${query}`, { key: system.adminKey });
          expectPageOrNamedRefusal(response, parameter, `${route.operationId} ${JSON.stringify(Buffer.from(cursor, 'base64url').toString('utf8'))}`);
        }),
        { numRuns: 150 },
      );
    }
  }, 600_000);

  it('when each list is read one row a page, in each of its sorts, then every cursor it gave is taken back', async () => {
    await PartnershipDriver.register(system);
    await registerOrganisation(system, 'IDEBUREN', 'Föreningen Två');
    const partnershipId = ids.partnership!;
    await system.db.outboundEmail.createMany({
      data: [null, '2027-01-04', '2027-01-05'].map((dueOn, n) => ({ idempotencyKey: `hostile-${crypto.randomUUID()}`, partnershipId, kind: 'TEST', recipient: `r${n}@example.se`, dueOn, status: 'SENT' })),
    });
    await system.db.webhookDelivery.createMany({
      data: [1, 2, 3].map((attempt) => ({ subscriptionId: ids.webhook!, eventId: `${partnershipId}:1:${attempt}`, attempt, latencyMs: 5, succeeded: true })),
    });
    await system.db.task.createMany({
      data: [null, '2027-01-04', '2027-01-05'].map((dueOn, n) => ({ id: `${partnershipId}:hostile-${n}`, partnershipId, key: `hostile-${n}`, kind: 'TEST', dueOn, openedAtRevision: 1, openedPosition: n })),
    });
    await system.db.auditEvent.createMany({ data: [1, 2].map(() => ({ actorType: 'SYSTEM', action: 'test.hostile', partnershipId })) });
    const collections = ['partnerships', 'organisations', 'tasks', 'notifications', 'deliveries', 'events'];
    for (const { route, parameter } of lists()) {
      const sorts = route.parameters.find((p) => p.name === 'sort')?.schema?.enum ?? [undefined];
      for (const sort of sorts) {
        const query = (cursor?: string) =>
          new URLSearchParams({ limit: '1', ...(sort ? { sort } : {}), ...(route.operationId === 'findOrganisations' ? { name: 'Fören' } : {}), ...(cursor ? { [parameter]: cursor } : {}) });
        let cursor: string | undefined;
        let followed = 0;
        for (let page = 0; page < 3; page++) {
          const response = await api(system, 'GET', `${urlOf(route, () => validId(route))}?${query(cursor)}`, { key: system.adminKey });
          const rows = collections.map((c) => response.body[c]).find(Array.isArray) ?? [];
          expect(`${route.operationId} ${sort ?? ''} page ${page}: ${response.status}`).toBe(`${route.operationId} ${sort ?? ''} page ${page}: 200`);
          // A list answers its next page as a cursor, the partnership list as the URL that carries it.
          const next = response.body.next?.startsWith?.('/') ? new URL(response.body.next, 'http://x').searchParams.get(parameter) : response.body.next;
          if (cursor && rows.length > 0) followed++;
          if (!next || rows.length === 0) break;
          cursor = next;
        }
        expect(`${route.operationId} ${sort ?? ''}: ${followed > 0 ? 'a cursor was followed' : 'none'}`).toBe(`${route.operationId} ${sort ?? ''}: a cursor was followed`);
      }
    }
  });

  it('when a page ends on the longest name an organisation may have, then its cursor is taken back and the next page follows it', async () => {
    const names = [`Långnamn ${'å'.repeat(291)}`, `Långnamn ${'ö'.repeat(291)}`];
    for (const name of names) await registerOrganisation(system, 'IDEBUREN', name);
    const first = await api(system, 'GET', `/api/v1/organisations?name=${encodeURIComponent('Långnamn')}&limit=1`, { key: system.adminKey });
    const second = await api(system, 'GET', `/api/v1/organisations?name=${encodeURIComponent('Långnamn')}&limit=1&after=${first.body.next}`, { key: system.adminKey });
    expect([first.body.organisations[0].name, second.status, second.body.organisations?.[0]?.name]).toEqual([names[0], 200, names[1]]);
  });

  it('when every route is called with malformed path segments, with a key and without, then none answers a 5xx', async () => {
    expect(routes.length).toBeGreaterThan(50);
    for (const route of routes) {
      const parameters = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
      for (const hostile of parameters) {
        await fc.assert(
          fc.asyncProperty(hostileSegment, fc.boolean(), async (segment, withKey) => {
            const url = urlOf(route, (name) => (name === hostile ? segment : validId(route)));
            const response = await api(system, route.method.toUpperCase(), url, { ...(withKey ? { key: system.adminKey } : {}), ...(route.method === 'post' ? { body: {} } : {}) });
            expect(`${route.method.toUpperCase()} ${url}: ${response.status < 500 ? 'no 5xx' : response.status}`).toBe(`${route.method.toUpperCase()} ${url}: no 5xx`);
          }),
          { numRuns: 25 },
        );
      }
    }
  }, 600_000);

  it('when every read is asked with hostile query parameters, with a key and without, then none answers a 5xx', async () => {
    const reads = routes.filter((r) => r.method === 'get');
    const hostileQuery = (route: Route) =>
      fc
        .array(
          fc.tuple(
            fc.oneof(fc.constantFrom(...route.parameters.filter((p) => p.in === 'query').map((p) => p.name), '__proto__', 'constructor', 'hasOwnProperty', 'after[a]', 'limit[]'), fc.string({ maxLength: 8 })),
            fc.oneof(hostileSegment, forgedCursor, fc.string({ maxLength: 20 }).map(encodeURIComponent)),
          ),
          { minLength: 1, maxLength: 4 },
        )
        .map((pairs) => pairs.map(([name, value]) => `${encodeURIComponent(name)}=${value}`).join('&'));
    for (const route of reads) {
      await fc.assert(
        fc.asyncProperty(hostileQuery(route), fc.boolean(), async (query, withKey) => {
          const url = `${urlOf(route, () => validId(route))}?${query}`;
          const response = await api(system, 'GET', url, withKey ? { key: system.adminKey } : {});
          expect(`GET ${url}: ${response.status < 500 ? 'no 5xx' : response.status}`).toBe(`GET ${url}: no 5xx`);
        }),
        { numRuns: 25 },
      );
    }
  }, 600_000);

  it.each(['%ff', '%ED%A0%80'])('when a path segment is %s, then the answer is a 400 problem, with a key and without', async (segment) => {
    for (const path of [`${apiBasePath}/partnerships/${segment}`, `${apiBasePath}/organisations/${segment}`, `${apiBasePath}/forms/${segment}`, `/problems/${segment}`]) {
      for (const key of [system.adminKey, undefined]) {
        const response = await api(system, 'GET', path, { key });
        expect(`${path}: ${response.status} ${response.headers.get('content-type')}`).toBe(`${path}: 400 application/problem+json; charset=utf-8`);
      }
    }
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('when the problem type %s is asked for, then it is not found', async (slug) => {
    const response = await api(system, 'GET', `/problems/${slug}`);
    expect(response.status).toBe(404);
  });
});
