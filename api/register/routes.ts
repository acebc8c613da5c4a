// The public register of IOPs (issue "The public register"): read-only, for anyone, with no sign-in.
// Its own router with its own limits: a rate limit of its own per address, separate from the API's,
// CORS open to every origin, and answers cached with ETag and Cache-Control. It reads only through
// records/register.ts, which reads only what domain/publication.ts publishes.
import cors from 'cors';
import express, { type Request, type Response, type Router } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Database } from '../../platform/database';
import { registerEntries, registerEntry, registerLastModified } from '../../records/register';
import { ProblemError, problems } from '../http/problem';
import type { RateLimitCounters } from '../http/hardening';
import { catalogFormats, catalogJsonLd, catalogQuads, catalogTurtle, type RegisterPublisher } from './catalog';
import { datasetJsonSchema, licence, registerCsv, registerFeed } from './open-data';
import { filterOf } from './register-filter';
import { registerPages } from './page-routes';

export interface RegisterSettings {
  /** Requests per minute from one address, for the register alone (REGISTER_RATE_LIMIT_PER_MINUTE). */
  rateLimitPerMinute: number;
  /** How long a reader may keep an answer before asking again (Cache-Control max-age). */
  maxAgeSeconds: number;
  /** Who publishes the register, as its DCAT-AP-SE catalogue says (REGISTER_PUBLISHER_NAME, _URL, REGISTER_CONTACT_EMAIL). */
  publisher: RegisterPublisher;
  /** Partnerships on one page of the register's list. */
  pageSize: number;
}

export const defaultRegisterSettings: RegisterSettings = {
  rateLimitPerMinute: 300,
  maxAgeSeconds: 300,
  publisher: { name: 'IOP Lifecycle', contactEmail: 'register@iop-lifecycle.localhost' },
  pageSize: 20,
};

export interface RegisterDependencies {
  db: Database;
  publicBaseUrl: string;
  settings: RegisterSettings;
  counters: RateLimitCounters;
  /** The deployment's rate-limit scope (HardeningSettings.rateLimitScope). */
  scope: string;
}

export function registerRouter(deps: RegisterDependencies): Router {
  const router = express.Router();
  const baseUrl = deps.publicBaseUrl;
  const db = deps.db;

  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: { defaultSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:'], scriptSrc: ["'none'"], objectSrc: ["'none'"], baseUri: ["'none'"], frameAncestors: ["'none'"], formAction: ["'self'"] },
      },
      // Open data is read from any origin, also by pages that embed it.
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );
  router.use(cors({ origin: '*', methods: ['GET', 'HEAD'], exposedHeaders: ['ETag', 'Link'] }));
  router.use(
    rateLimit({
      windowMs: 60_000,
      limit: deps.settings.rateLimitPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      store: deps.counters(`${deps.scope}:register`),
      passOnStoreError: true,
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
      handler: (_req, _res, next) => next(new ProblemError(429, 'too-many-requests', 'Too many requests', 'The register answers a limited number of requests a minute from one address: try again in a minute')),
    }),
  );
  // Read-only: anything but reading is refused before it reaches a route.
  router.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    res.setHeader('Allow', 'GET, HEAD');
    next(new ProblemError(405, 'method-not-allowed', 'Method not allowed', 'The register is read-only'));
  });
  // Express answers a matching If-None-Match with 304 from the body's ETag.
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', `public, max-age=${deps.settings.maxAgeSeconds}`);
    next();
  });

  const get = (path: string, handler: (req: Request, res: Response) => Promise<void>) =>
    router.get(path, (req, res, next) => {
      handler(req, res).catch(next);
    });

  // The DCAT-AP-SE catalogue Sveriges dataportal harvests; /data/catalog sends a reader to the format it accepts.
  const catalog = async () => catalogQuads(baseUrl, deps.settings.publisher, await registerLastModified(db));
  get('/data/catalog', async (req, res) => {
    res.vary('Accept');
    const preferred = req.accepts(['text/turtle', 'application/ld+json', 'application/json']);
    res.redirect(303, `${req.baseUrl}/data/catalog.${preferred === 'application/ld+json' || preferred === 'application/json' ? 'jsonld' : 'ttl'}`);
  });
  get('/data/catalog.ttl', async (_req, res) => {
    res.type(`${catalogFormats.ttl}; charset=utf-8`).send(await catalogTurtle(await catalog()));
  });
  get('/data/catalog.jsonld', async (_req, res) => {
    res.type(catalogFormats.jsonld).send(JSON.stringify(await catalogJsonLd(await catalog())));
  });

  get('/data/partnerships.schema.json', async (_req, res) => {
    res.type('application/schema+json').send(JSON.stringify(datasetJsonSchema(`${baseUrl}/register/data/partnerships.schema.json`)));
  });

  get('/data/partnerships.json', async (req, res) => {
    const partnerships = await registerEntries(db, filterOf(req.query));
    res.setHeader('Link', `<${baseUrl}/register/data/partnerships.schema.json>; rel="describedby"`);
    // The newest change among the entries, not the clock: the same data gives the same body, so its ETag holds.
    const generatedAt = partnerships[0]?.updatedAt ?? new Date(0).toISOString();
    res.type('json').send(JSON.stringify({ licence: licence.url, generatedAt, partnerships }));
  });

  get('/data/partnerships/:id', async (req, res) => {
    const entry = await registerEntry(db, String(req.params.id));
    if (!entry) throw problems.notFound('No partnership with this id appears in the register');
    res.type('json').send(JSON.stringify(entry));
  });

  get('/data/partnerships.csv', async (req, res) => {
    const csv = registerCsv(baseUrl, await registerEntries(db, filterOf(req.query)));
    res.setHeader('Content-Disposition', 'attachment; filename="iop-registret.csv"');
    res.type('text/csv; charset=utf-8; header=present').send(csv);
  });

  get('/data/feed.atom', async (_req, res) => {
    res.type('application/atom+xml; charset=utf-8').send(registerFeed(baseUrl, await registerEntries(db, {}, 100)));
  });

  registerPages(router, { db, pageSize: deps.settings.pageSize });
  return router;
}
