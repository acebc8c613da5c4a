import { OpenAPIRegistry, type RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../../platform/logger';
import { nameRequestSpan } from '../../platform/tracing';
import { apiKeyHeader } from '../auth/authenticate';
import type { Principal } from '../auth/principal';
import { rightsOf, type Rights, type Role, type Scope } from '../../domain/policy';
import { allowedPhases, stepConditions } from '../../domain/steps';
import type { Database } from '../../platform/database';
import { checkIdempotencyKey, once, requestHash } from './idempotency';
import type { ResponseFacts } from './api-metrics';
import { ProblemError, problemContentType, problemSchema, problems, toFieldErrors } from './problem';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal | undefined;
  /** How far the caller's rights reach: 'own' means only what its organisation is party to. */
  scope: Scope | undefined;
  log: Logger;
  requestId: string;
  req: Request;
  /**
   * For an idempotent route called with an Idempotency-Key: an id reserved for that key (the new
   * resource's id, the step's Update id), the same on every retry. Undefined without a key.
   */
  reservedId: string | undefined;
}

export interface RouteSpec<
  P extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, never>>,
  B extends z.ZodType = z.ZodType<undefined>,
> {
  method: Method;
  /** Express-style path relative to the router, e.g. `/partnerships/:id`. */
  path: string;
  operationId: string;
  summary: string;
  tags: string[];
  /**
   * 'api-key': the request must carry a valid key, and the caller's role must have a right to the
   * operation in the policy table (domain/policy.ts); 'public': no key (health, docs).
   */
  access: 'api-key' | 'public';
  /**
   * The resource named by `:id`, for rights scoped to a caller's own organisation: a representative
   * of another organisation gets 404, as if it did not exist.
   */
  owner?: 'partnership' | 'organisation' | 'webhook';
  params?: P;
  query?: Q;
  body?: B;
  /**
   * A credential accepted instead of a key, for clients that cannot send headers (a calendar
   * subscribing to a feed). Tried only when no key is sent; the handler then gets no principal.
   */
  queryCredential?: QueryCredential;
  /**
   * Honours an Idempotency-Key: the handler runs in effect once per (caller, key), with the same
   * `reservedId`, and every retry gets the first answer (api/http/idempotency.ts).
   */
  idempotent?: boolean;
  /** Every status the route may answer with a body, and that body's schema. */
  responses: Record<number, ResponseSpec>;
  handler: (ctx: RouteContext<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<RouteResult>;
}

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  headers?: Record<string, string>;
  /** The media type of a body that is not JSON (a text the handler renders); JSON when unset. */
  contentType?: string;
  /** OpenAPI links: the operations this answer leads to, and which of its values they take. */
  links?: Record<string, { operationId: string; parameters: Record<string, string>; description?: string }>;
}

export interface QueryCredential {
  /** The query parameter that carries it; it is taken out of the query before validation. */
  name: string;
  /** Its OpenAPI security scheme. */
  scheme: string;
  description: string;
  /** Whether the value grants this request; sees the raw path parameters, before validation. */
  verify: (value: string, req: Request) => boolean | Promise<boolean>;
}

/**
 * Where routes are declared. Each route is registered twice from one spec: with Express, where its
 * zod schemas validate the request and the response, and with the OpenAPI registry, where the same
 * schemas become the published contract.
 */
export class RouteTable {
  readonly registry = new OpenAPIRegistry();
  private readonly routes: { spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>; basePath: string }[] = [];

  constructor() {
    this.registry.registerComponent('securitySchemes', 'ApiKey', {
      type: 'apiKey',
      in: 'header',
      name: 'X-API-Key',
      description: 'A key created with `npm run api-keys -- create`.',
    });
    this.registry.registerComponent('securitySchemes', 'Person', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
      description: "A person's token from the municipality's or region's identity provider (JWT_JWKS_URL).",
    });
  }

  add<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(basePath: string, spec: RouteSpec<P, Q, B>): void {
    // Deny by default: a route nobody has a right to cannot even be declared.
    if (spec.access === 'api-key' && !rightsOf(spec.operationId)) throw new Error(`${spec.operationId} has no entry in the policy table`);
    this.routes.push({ spec: spec as unknown as RouteSpec<z.ZodType, z.ZodType, z.ZodType>, basePath });
    const credential = spec.queryCredential;
    if (credential) {
      this.registry.registerComponent('securitySchemes', credential.scheme, {
        type: 'apiKey',
        in: 'query',
        name: credential.name,
        description: credential.description,
      });
    }
    this.registry.registerPath(toOpenApi(basePath, spec as unknown as RouteSpec<z.ZodType, z.ZodType, z.ZodType>));
  }

  /** The declared routes, for tests that walk the router. */
  list(): {
    method: Method;
    path: string;
    operationId: string;
    access: RouteSpec['access'];
    owner?: RouteSpec['owner'];
    queryCredential?: string;
    rights: Rights | undefined;
  }[] {
    return this.routes.map(({ spec, basePath }) => ({
      method: spec.method,
      path: basePath + spec.path,
      operationId: spec.operationId,
      access: spec.access,
      ...(spec.owner ? { owner: spec.owner } : {}),
      ...(spec.queryCredential ? { queryCredential: spec.queryCredential.name } : {}),
      rights: rightsOf(spec.operationId),
    }));
  }

  mount(router: Router, basePath: string, authenticate: (req: Request) => Promise<Principal>, ownership: Ownership, db: Database): void {
    const mine = this.routes.filter((r) => r.basePath === basePath);
    for (const { spec } of mine) {
      router[spec.method](spec.path, async (req: Request, res: Response) => {
        Object.assign(res.locals as ResponseFacts, { route: basePath + spec.path, operationId: spec.operationId });
        nameRequestSpan(req.method, basePath + spec.path);
        // Authentication comes before validation: an anonymous caller learns nothing about the API.
        const principal = spec.access === 'api-key' ? await authenticateRoute(spec, req, authenticate) : undefined;
        const log = principal ? req.log.child({ keyId: principal.keyId, role: principal.role }) : req.log;
        // A role without the right learns nothing either, not even what a valid path would be.
        if (principal && !rightsOf(spec.operationId)?.[principal.role as Role]) throw problems.forbidden(`The ${principal.role} role may not ${spec.operationId}`);
        const params = parse('path', spec.params, req.params);
        const scope = principal ? await authorize(spec, principal, params, ownership) : undefined;
        const query = parse('query', spec.query, withoutCredential(spec, req.query));
        const body = parse('body', spec.body, req.body);
        const key = spec.idempotent && principal ? checkIdempotencyKey(req.get('idempotency-key')) : undefined;
        const run = (reservedId: string | undefined) => spec.handler({ params, query, body, principal, scope, log, requestId: String(req.id), req, reservedId });
        const result = key
          ? await once(db, { callerId: principal!.keyId, key, operation: spec.operationId, hash: requestHash(spec.operationId, params, body) }, run)
          : await run(undefined);
        const declared = spec.responses[result.status];
        if (!declared) throw new Error(`${spec.operationId} answered an undeclared status ${result.status}`);
        // The response is held to its schema too: what is published is what is sent.
        const payload = declared.schema ? declared.schema.parse(result.body) : result.body;
        for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
        if (payload === undefined) res.status(result.status).end();
        else if (declared.contentType) res.status(result.status).type(declared.contentType).send(payload);
        else res.status(result.status).json(payload);
      });
    }
    // A path that exists, asked with a method it does not have: 405 and the methods it has (RFC 9110).
    const methods = new Map<string, Set<string>>();
    for (const { spec } of mine) methods.set(spec.path, (methods.get(spec.path) ?? new Set<string>()).add(spec.method.toUpperCase()));
    for (const [path, allowed] of methods) {
      if (allowed.has('GET')) allowed.add('HEAD');
      const allow = [...allowed].sort().join(', ');
      router.all(path, (req: Request, res: Response) => {
        res.setHeader('Allow', allow);
        throw new ProblemError(405, 'method-not-allowed', 'Method not allowed', `${req.method} is not allowed here; the methods are ${allow}`);
      });
    }
  }
}

/** What the route table asks the database to tell whether a resource is the caller's own. */
export interface Ownership {
  /** The organisations party to a partnership; null when there is no such partnership. */
  partnershipOrganisations(partnershipId: string): Promise<string[] | null>;
  /** The organisation a webhook subscription is for; null when none, or no such subscription. */
  webhookOrganisation(subscriptionId: string): Promise<string | null>;
}

async function authorize(spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>, principal: Principal, params: unknown, ownership: Ownership): Promise<Scope> {
  const scope = rightsOf(spec.operationId)?.[principal.role as Role];
  if (!scope) throw problems.forbidden(`The ${principal.role} role may not ${spec.operationId}`);
  if (scope === 'any' || !spec.owner) return scope;
  const id = String((params as { id?: unknown })?.id);
  const own =
    spec.owner === 'organisation'
      ? id === principal.organisationId
      : spec.owner === 'webhook'
        ? !!principal.organisationId && (await ownership.webhookOrganisation(id)) === principal.organisationId
        : !!principal.organisationId && !!(await ownership.partnershipOrganisations(id))?.includes(principal.organisationId);
  // The same answer as for a resource that does not exist: nothing is revealed.
  if (!own) throw problems.notFound(spec.owner === 'organisation' ? 'No such organisation' : spec.owner === 'webhook' ? 'No such subscription' : 'No such partnership');
  return scope;
}

async function authenticateRoute(
  spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>,
  req: Request,
  authenticate: (req: Request) => Promise<Principal>,
): Promise<Principal | undefined> {
  const credential = spec.queryCredential;
  const presented = credential && !req.get(apiKeyHeader) && !req.get('authorization') ? req.query[credential.name] : undefined;
  if (!credential || presented === undefined) return authenticate(req);
  if (typeof presented === 'string' && (await credential.verify(presented, req))) return undefined;
  throw problems.unauthenticated(`The ${credential.name} is not valid`);
}

function withoutCredential(spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>, query: Request['query']): Request['query'] {
  if (!spec.queryCredential) return query;
  const { [spec.queryCredential.name]: _credential, ...rest } = query;
  return rest;
}

function parse<T extends z.ZodType>(location: 'path' | 'query' | 'body', schema: T | undefined, value: unknown): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw problems.validation(toFieldErrors(location, parsed.error));
  return parsed.data;
}

const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x20-\x7e]{1,200}$/)
  .optional()
  .meta({ description: 'Makes a retried request the same request: one effect, the same answer, for at least 24 hours' });

const problemResponse = (description: string) => ({
  description,
  content: { [problemContentType]: { schema: problemSchema } },
});

/** What a reader needs beyond the summary: who may call it, and for a step, when. */
function describe(spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>): string {
  const rights = rightsOf(spec.operationId) ?? {};
  const who = Object.entries(rights).map(([role, scope]) => (scope === 'own' ? `${role} (for its own organisation)` : role));
  const phases = (allowedPhases as Record<string, readonly string[]>)[spec.operationId];
  const conditions = (stepConditions as Record<string, readonly string[]>)[spec.operationId];
  return [
    `${spec.summary}.`,
    spec.access === 'public' ? 'Open to every caller.' : `Who may: ${who.join(', ')}.`,
    phases ? `Taken in ${phases.join(', ')}; in any other phase it is refused (409, WRONG_PHASE). The workflow checks the same rights and guards.` : '',
    conditions?.length ? `Refused (409, with the code) unless ${conditions.join('; ')}. A partnership's read lists under \`nextSteps\` the steps the caller may take now and what each waits on.` : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function toOpenApi(basePath: string, spec: RouteSpec<z.ZodType, z.ZodType, z.ZodType>): RouteConfig {
  const responses: RouteConfig['responses'] = {};
  for (const [status, response] of Object.entries(spec.responses)) {
    if (Number(status) >= 400 && !response.schema) {
      responses[status] = problemResponse(response.description);
      continue;
    }
    responses[status] = {
      description: response.description,
      ...(response.headers
        ? { headers: Object.fromEntries(Object.entries(response.headers).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }])) }
        : {}),
      ...(response.schema ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } } : {}),
      ...(response.links ? { links: response.links } : {}),
    };
  }
  if (spec.params || spec.query || spec.body) responses[400] = problemResponse('The request is not valid; `errors` names each field');
  if (spec.idempotent) responses[422] = problemResponse('The Idempotency-Key was sent before with another request; `reason` is IDEMPOTENCY_KEY_REUSED');
  if (spec.access === 'api-key') {
    responses[401] = problemResponse(spec.queryCredential ? `No valid API key or ${spec.queryCredential.name} was sent` : 'No valid API key was sent');
    const rights = rightsOf(spec.operationId) ?? {};
    const who = Object.entries(rights).map(([role, scope]) => (scope === 'own' ? `${role} (own organisation)` : role));
    responses[403] ??= problemResponse(`The caller's role has no right to this; allowed: ${who.join(', ')}`);
  }
  // What the app's own layers may answer on any operation (api/http/hardening.ts, problem.ts).
  if (spec.body) {
    responses[413] ??= problemResponse('The body is larger than 256 kB');
    responses[415] ??= problemResponse('The body is not JSON');
  }
  responses[429] ??= problemResponse('Too many requests from this key or address this minute; try again later');
  responses[500] = problemResponse('An internal error; nothing internal is disclosed');
  responses[503] ??= problemResponse('The database or the workflow engine cannot be reached, or did not answer in time; nothing changed. `Retry-After` says when to try again');

  return {
    method: spec.method,
    path: basePath + spec.path.replace(/:(\w+)/g, '{$1}'),
    operationId: spec.operationId,
    summary: spec.summary,
    description: describe(spec),
    tags: spec.tags,
    security: spec.access !== 'api-key' ? [] : [{ ApiKey: [] }, { Person: [] }, ...(spec.queryCredential ? [{ [spec.queryCredential.scheme]: [] }] : [])],
    request: {
      ...(spec.idempotent ? { headers: z.object({ 'Idempotency-Key': idempotencyKeyHeader }) } : {}),
      ...(spec.params ? { params: spec.params as z.ZodObject } : {}),
      ...(spec.query ? { query: spec.query as z.ZodObject } : {}),
      ...(spec.body ? { body: { required: true, content: { 'application/json': { schema: spec.body } } } } : {}),
    },
    responses,
  };
}
