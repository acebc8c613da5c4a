import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { caseLink } from '../domain/case-link';
import { roles } from '../domain/roles';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const url = (protocols: string[]) =>
  z.url({ protocol: new RegExp(`^(${protocols.join('|')})$`), error: `must be a ${protocols.join(' or ')} URL` });

/**
 * Every setting the API and the worker read, in one place. docker-compose.yml is checked against
 * these keys, so a variable given to a service here is one the code knows.
 */
/** HTTP_MAX_CONNECTIONS_PER_CLIENT when it is unset and no proxy stands in front. */
export const defaultMaxConnectionsPerClient = 100;

/** PEM text holding a block of `label` (any key type for a private key); the message never quotes it. */
const pem = (label: string) => z.string().regex(new RegExp(`-----BEGIN [A-Z ]*${label}-----`), `must be PEM text with a ${label} block`);

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number({ error: 'must be a port number' }).int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: url(['postgres', 'postgresql']),
  /**
   * Connections each process may open to PostgreSQL. Several processes share the server's
   * max_connections (100 by default): N API processes and M workers open up to (N + M) × this.
   */
  DATABASE_POOL_SIZE: z.coerce.number({ error: 'must be a number of connections' }).int().min(1).max(1_000).default(10),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port')
    .default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  /** TLS to Temporal with the system's trusted roots; implied by any TEMPORAL_TLS_* setting or TEMPORAL_API_KEY. */
  TEMPORAL_TLS: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').transform((value) => value === 'true'),
  /** The CA that signed Temporal's certificate, PEM (or TEMPORAL_TLS_CA_FILE), when it is not one the system trusts. */
  TEMPORAL_TLS_CA: pem('CERTIFICATE').optional(),
  /** mTLS: this client's certificate and private key, PEM (or the _FILE variants); one needs the other. */
  TEMPORAL_TLS_CERT: pem('CERTIFICATE').optional(),
  TEMPORAL_TLS_KEY: pem('PRIVATE KEY').optional(),
  /** The name Temporal's certificate is checked against, when it is not TEMPORAL_ADDRESS's host. */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** An API key for Temporal Cloud (or TEMPORAL_API_KEY_FILE); sent over TLS. */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('iop-lifecycle'),
  SMTP_URL: url(['smtp', 'smtps']).default('smtp://127.0.0.1:1025'),
  /** Refuse to send over smtp:// unless the server upgrades the connection with STARTTLS. */
  SMTP_REQUIRE_TLS: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').transform((value) => value === 'true'),
  MAIL_FROM: z.string().min(3).default('IOP Lifecycle <noreply@iop-lifecycle.localhost>'),
  PUBLIC_BASE_URL: url(['http', 'https']).default('http://127.0.0.1:3000'),
  /**
   * The link e-mails and calendar events give to the case, with {id} (the partnership) and
   * {caseNumber} (its diarienummer), e.g. https://diarium.kommun.se/arende?dnr={caseNumber}.
   * Unset, they carry no link: the JSON API would answer a browser with 401.
   */
  CASE_LINK_TEMPLATE: z
    .string()
    .refine((value) => /^https?:\/\//.test(value) && URL.canParse(caseLink(value, { id: 'x', caseNumber: 'x' }) ?? ''), 'must be an http(s) URL, with {id} or {caseNumber} where they go')
    .optional(),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  /**
   * Signs the subscription URLs of the partnerships' calendar feeds; changing it revokes every URL
   * given out. Unset, a feed can only be read with an API key.
   */
  CALENDAR_FEED_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Browser origins allowed to call the API (comma-separated, exact); unset, no cross-origin calls. */
  CORS_ORIGINS: z
    .string()
    .transform((value) => value.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.url({ protocol: /^https?$/, error: 'must be comma-separated http(s) origins, never *' })))
    .default([]),
  /** Connections the API holds open at once, in all (api/http/server.ts). */
  HTTP_MAX_CONNECTIONS: z.coerce.number({ error: 'must be a number of connections' }).int().min(1).max(100_000).default(2_000),
  /**
   * Connections the API holds open at once from one address; 0 for none. Unset: 100, or none when
   * TRUST_PROXY_HOPS says a proxy stands in front, as every connection then comes from it.
   */
  HTTP_MAX_CONNECTIONS_PER_CLIENT: z.coerce.number({ error: 'must be a number of connections' }).int().min(0).max(100_000).optional(),
  /** How long a request may take to arrive, headers and body; a slower one is answered 408 and its connection closed. */
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(600).default(30),
  /** Proxies in front of the API, counted: the client's address is taken that many hops back. Never "true". */
  TRUST_PROXY_HOPS: z.coerce.number({ error: 'must be a number of hops' }).int().min(0).max(10).default(0),
  /** Requests per minute for one key or person, and for one client address before it authenticates. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100_000).default(600),
  /** Requests per minute from one address to the public register (/register), counted apart from the API's. */
  REGISTER_RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: 'must be a number' }).int().min(1).max(100_000).default(300),
  /** Who publishes the register, as its DCAT-AP-SE catalogue names them to Sveriges dataportal: the municipality or region. */
  REGISTER_PUBLISHER_NAME: z.string().trim().min(1).max(200).default('IOP Lifecycle'),
  /** The publisher's own address, which identifies them in the catalogue; unset, the register's own (PUBLIC_BASE_URL/register). */
  REGISTER_PUBLISHER_URL: url(['https', 'http']).optional(),
  /** Where readers of the open data write with questions: a function's mailbox, never a person's. */
  REGISTER_CONTACT_EMAIL: z.email({ error: 'must be an e-mail address' }).default('register@iop-lifecycle.localhost'),
  /** Partnerships on one page of the public register's list (/register/sv). */
  REGISTER_PAGE_SIZE: z.coerce.number({ error: 'must be a number' }).int().min(1).max(200).default(20),
  /**
   * People sign in at their municipality's or region's identity provider; its tokens are verified
   * against this JWKS with the issuer, the audience and the algorithms pinned. Unset, only API keys.
   */
  JWT_JWKS_URL: url(['https', 'http']).optional(),
  JWT_ISSUER: z.string().min(1).optional(),
  JWT_AUDIENCE: z.string().min(1).optional(),
  JWT_ALGORITHMS: z
    .string()
    .transform((value) => value.split(',').map((a) => a.trim()))
    .pipe(z.array(z.enum(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'], { error: 'must be asymmetric JWS algorithms, comma-separated' })).min(1))
    .default(['RS256', 'ES256']),
  /** The claim that carries the person's role, and how its values map to the product's roles (JSON). */
  JWT_ROLE_CLAIM: z.string().min(1).default('iop_role'),
  JWT_ROLE_MAP: z
    .string()
    .transform((value, ctx) => {
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON object' });
        return z.NEVER;
      }
    })
    .pipe(z.record(z.string(), z.enum(roles)))
    .optional(),
  /** The claim that carries the id of the organisation a representative acts for. */
  JWT_ORGANISATION_CLAIM: z.string().min(1).default('iop_organisation_id'),
  /**
   * The workspace signs people in at JWT_ISSUER (OpenID Connect, the authorization code flow with
   * PKCE) as this registered client. Unset, the workspace has no sign-in and the API takes keys
   * and bearer tokens only.
   */
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Signs the workspace's session cookie; at least 32 characters. */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** A workspace session unused this long ends (minutes). */
  SESSION_IDLE_MINUTES: z.coerce.number({ error: 'must be a number of minutes' }).int().min(1).max(24 * 60).default(30),
  /** A workspace session ends this long after sign-in, used or not (hours). */
  SESSION_MAX_HOURS: z.coerce.number({ error: 'must be a number of hours' }).int().min(1).max(24 * 7).default(10),
  /**
   * Lets webhooks point at private, loopback and link-local addresses, and over http (SSRF guard
   * off): for development and tests only.
   */
  WEBHOOK_ALLOW_PRIVATE_URLS: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false').transform((value) => value === 'true'),
  /** The worker's pre-built workflow code (production images); unset, the worker bundles from source. */
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  /** Workflows the worker keeps in memory; one evicted is replayed from its history when it wakes. */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number({ error: 'must be a number' }).int().min(0).max(100_000).default(500),
  /**
   * How long a cached workflow's next task waits for this worker before another may take it (the
   * SDK's stickyQueueScheduleToStartTimeout). Every day's notices fall due in the same minute: at
   * the SDK's 10 s, about half of 1,000 reminders timed out waiting and were replayed from their
   * whole histories elsewhere (bench/lateness.ts). A worker that stops cleanly hands its
   * tasks back at once; one that dies holds them this long.
   */
  WORKER_STICKY_QUEUE_TIMEOUT_SECONDS: z.coerce.number({ error: 'must be a number' }).int().min(1).max(600).default(30),
  /** Whether the API counts its requests and serves /metrics: off, a deployment that scrapes nothing pays nothing. */
  METRICS_ENABLED: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true').transform((value) => value === 'true'),
  /** A bearer token that /metrics asks of a scrape; unset, the metrics are open to whoever reaches the API. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Where the worker serves its Prometheus metrics (the Temporal SDK's and the product's), host:port; unset, nowhere. */
  WORKER_METRICS_ADDRESS: z
    .string()
    .regex(/^[^\s:/]+:\d{1,5}$/, 'must be host:port')
    .optional(),
  /** The worker writes the time into this file while it runs: a container health check reads it. */
  WORKER_HEALTH_FILE: z.string().min(1).optional(),
});

export type Config = z.infer<typeof configSchema>;
export const configKeys = Object.keys(configSchema.shape) as (keyof Config)[];

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; problem: string }[]) {
    super(`Invalid configuration: ${problems.map((p) => `${p.variable} ${p.problem}`).join('; ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the settings from the environment and fails, naming each bad variable, if any is wrong. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const settings = withSettingFiles(env, configKeys);
  const input = Object.fromEntries(configKeys.map((key) => [key, settings[key] === '' ? undefined : settings[key]]));
  const parsed = configSchema.safeParse(input);
  if (parsed.success) {
    // Tokens are verified with the issuer and the audience pinned, or not accepted at all.
    const missing = parsed.data.JWT_JWKS_URL ? (['JWT_ISSUER', 'JWT_AUDIENCE'] as const).filter((key) => !parsed.data[key]) : [];
    if (missing.length) throw new ConfigError(missing.map((variable) => ({ variable, problem: 'is required when JWT_JWKS_URL is set' })));
    // Signing in needs the issuer it signs in at, the client's secret and a key for the cookie.
    const forSignIn = parsed.data.OIDC_CLIENT_ID ? (['JWT_JWKS_URL', 'JWT_ISSUER', 'JWT_AUDIENCE', 'OIDC_CLIENT_SECRET', 'SESSION_SECRET'] as const).filter((key) => !parsed.data[key]) : [];
    if (forSignIn.length) throw new ConfigError(forSignIn.map((variable) => ({ variable, problem: 'is required when OIDC_CLIENT_ID is set' })));
    const certPair = (['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY'] as const).filter((key) => !parsed.data[key]);
    if (certPair.length === 1) throw new ConfigError([{ variable: certPair[0]!, problem: `is required when ${certPair[0] === 'TEMPORAL_TLS_CERT' ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT'} is set` }]);
    return parsed.data;
  }
  // The message names the variable and what is wrong, never the value: it may be a secret.
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? '(unknown)');
      const given = input[variable] !== undefined;
      return { variable, problem: given ? issue.message : 'is required' };
    }),
  );
}

/**
 * Docker's convention for secrets: X_FILE names a file that holds X (a compose secret under
 * /run/secrets), so that the value is in no environment that `docker inspect` shows. The file's
 * one trailing newline, which editors and `echo` add, is not part of the value. X and X_FILE both
 * set is an error rather than a precedence: one of them is a mistake, and which is not for us to guess.
 */
export function withSettingFiles(env: NodeJS.ProcessEnv, keys: readonly string[]): NodeJS.ProcessEnv {
  const given = (name: string) => (env[name] === '' ? undefined : env[name]);
  const settings = { ...env };
  const problems: { variable: string; problem: string }[] = [];
  for (const key of keys) {
    const file = given(`${key}_FILE`);
    if (file === undefined) continue;
    if (given(key) !== undefined) {
      problems.push({ variable: key, problem: `and ${key}_FILE are both set; set one of them` });
      continue;
    }
    try {
      settings[key] = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      problems.push({ variable: `${key}_FILE`, problem: `names a file that cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'})` });
    }
  }
  if (problems.length) throw new ConfigError(problems);
  return settings;
}
