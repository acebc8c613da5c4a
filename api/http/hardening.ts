// What every request passes before it reaches a route (OWASP API4 and API8): security headers,
// CORS from configuration, rate limits, and a body that must be JSON.
import { createHash } from 'node:crypto';
import cors from 'cors';
import type { Express, Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import helmet from 'helmet';
import { ProblemError } from './problem';

export interface HardeningSettings {
  /** Exact origins; none means no cross-origin browser calls at all. */
  corsOrigins: string[];
  /** How many proxies stand in front: the client address is read that many hops back. */
  trustProxyHops: number;
  rateLimitPerMinute: number;
  /**
   * Whose counters these are: every API process of a deployment counts against the same limits in
   * PostgreSQL under one scope. Tests that share a database give each system a scope of its own.
   */
  rateLimitScope: string;
}

/** The rate limits' counters for a prefix, shared by the API processes (records/rate-limit-store.ts). */
export type RateLimitCounters = (prefix: string) => Store;

export function harden(app: Express, settings: HardeningSettings, counters: RateLimitCounters): void {
  // A hop count, never `true`: a client cannot choose its own address with X-Forwarded-For.
  app.set('trust proxy', settings.trustProxyHops);
  app.use(helmet());
  if (settings.corsOrigins.length) {
    app.use(cors({ origin: settings.corsOrigins, allowedHeaders: ['Content-Type', 'Authorization', 'X-API-Key', 'Idempotency-Key', 'X-Request-Id'], exposedHeaders: ['Location', 'X-Request-Id'] }));
  }
  const tooMany = (_req: Request, _res: unknown, next: (error: unknown) => void) =>
    next(new ProblemError(429, 'too-many-requests', 'Too many requests', 'Slow down and try again in a minute'));
  // Per credential (an API key, or a person's bearer token) and, separately, per client address.
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: settings.rateLimitPerMinute,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      store: counters(`${settings.rateLimitScope}:credential`),
      // PostgreSQL down: the request goes on to be answered 503 where it needs the database, rather
      // than here; the liveness probe is never failed by it.
      passOnStoreError: true,
      skip: (req) => credentialOf(req) === null,
      keyGenerator: (req) => credentialOf(req)!,
      handler: tooMany,
    }),
  );
  app.use(
    rateLimit({
      windowMs: 60_000,
      // Several keys and people may share one address (a municipality's NAT): five times as many.
      limit: settings.rateLimitPerMinute * 5,
      standardHeaders: false,
      legacyHeaders: false,
      store: counters(`${settings.rateLimitScope}:address`),
      passOnStoreError: true,
      keyGenerator: (req) => ipKeyGenerator(req.ip ?? 'unknown'),
      handler: tooMany,
    }),
  );
  app.use(requireJsonBody);
}

/** Who is asking, before authentication: the key's id (never its secret), or a digest of the token. */
function credentialOf(req: Request): string | null {
  const key = req.get('x-api-key');
  if (key) return `key:${/^iop_([0-9a-f-]{36})_/.exec(key)?.[1] ?? digest(key)}`;
  const bearer = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1];
  return bearer ? `person:${digest(bearer)}` : null;
}

const digest = (value: string) => createHash('sha256').update(value).digest('hex').slice(0, 32);

/** A request that carries a body carries JSON: anything else is refused before it is read. */
const requireJsonBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.get('content-length') ?? 0) > 0 || req.get('transfer-encoding') !== undefined;
  if (hasBody && !req.is('application/json')) {
    next(new ProblemError(415, 'unsupported-media-type', 'Unsupported media type', 'Send the body as application/json'));
    return;
  }
  next();
};
