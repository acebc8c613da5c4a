import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { DatabaseUnavailable } from '../../platform/database-errors';
import type { ResponseFacts } from './api-metrics';

/** What a 503 asks the caller to wait: the database or the workflow engine is away for now. */
const databaseRetryAfterSeconds = 5;

/** RFC 9457 problem details. Every error the API returns has this shape. */
export const problemSchema = z
  .object({
    type: z.string().meta({ format: 'uri-reference', description: 'A URI reference that identifies the kind of problem; it resolves to a page that describes it (GET /problems/{type})', example: '/problems/step-refused' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    reason: z
      .string()
      .optional()
      .meta({ description: "For 409: the workflow's typed reason for refusing the step, e.g. PARTIES_MISSING" }),
    errors: z
      .array(
        z.object({
          in: z.enum(['body', 'path', 'query', 'header']),
          field: z.string().meta({ description: 'Dotted path of the offending field, e.g. coordinator.email' }),
          pointer: z.string().meta({ description: 'JSON Pointer (RFC 6901) to the offending field' }),
          detail: z.string(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof problemSchema>;
export type FieldError = NonNullable<Problem['errors']>[number];

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly reason?: string,
    /** Headers that go with the problem, such as the Location of what a 409 conflicts with. */
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = 'ProblemError';
  }
}

export const problems = {
  validation: (errors: FieldError[]) =>
    new ProblemError(
      400,
      'validation-error',
      'The request is not valid',
      errors.map((e) => `${e.in} ${e.field}: ${e.detail}`).join('; '),
      errors,
    ),
  unauthenticated: (detail: string) => new ProblemError(401, 'unauthenticated', 'Authentication required', detail),
  forbidden: (detail: string, reason = 'FORBIDDEN') => new ProblemError(403, 'forbidden', 'Forbidden', detail, undefined, reason),
  notFound: (detail = 'No such resource') => new ProblemError(404, 'not-found', 'Not found', detail),
  /** A field names something that is not registered: the request's form is fine, what it points at is not there. */
  referenceNotFound: (errors: FieldError[]) =>
    new ProblemError(404, 'reference-not-found', 'A resource the request names is not registered', errors.map((e) => `${e.in} ${e.field}: ${e.detail}`).join('; '), errors),
  unavailable: (detail: string) => new ProblemError(503, 'service-unavailable', 'Service unavailable', detail),
  preconditionFailed: (detail: string) => new ProblemError(412, 'precondition-failed', 'The partnership has changed', detail, undefined, 'STALE_REVISION'),
  refused: (reason: string, detail: string) =>
    new ProblemError(409, 'step-refused', 'The partnership cannot take this step now', detail, undefined, reason),
};

export const problemContentType = 'application/problem+json';

export function toFieldErrors(location: FieldError['in'], error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    // An unknown key is reported on its parent; name the key itself so the client sees which one.
    const path = issue.code === 'unrecognized_keys' ? issue.path.concat(issue.keys[0] ?? []) : issue.path;
    const segments = path.map(String);
    return {
      in: location,
      field: segments.length ? segments.join('.') : '(root)',
      pointer: `#/${segments.map((s) => s.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`,
      detail: issue.message,
    };
  });
}

function send(res: Parameters<RequestHandler>[1], problem: Problem): void {
  (res.locals as ResponseFacts).problemReason = problem.reason ?? problem.type.slice('/problems/'.length);
  res.status(problem.status).type(problemContentType).json(problem);
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(problems.notFound(`No route for ${req.method} ${req.path}`));
};

/**
 * The one place errors become responses. Anything that is not a ProblemError is logged and answered
 * with a bare 500: no stack, SQL or internal message reaches the client.
 */
export const problemHandler: ErrorRequestHandler = (error, req, res, next) => {
  if (res.headersSent) return next(error);
  // The path only: a query may carry a credential (a calendar subscription's token).
  const base = { instance: req.originalUrl.split('?')[0], requestId: String(req.id) };
  if (error instanceof ProblemError) {
    if (error.status === 503) res.set('Retry-After', String(databaseRetryAfterSeconds));
    for (const [name, value] of Object.entries(error.headers ?? {})) res.set(name, value);
    send(res, {
      type: `/problems/${error.slug}`,
      title: error.title,
      status: error.status,
      ...(error.detail ? { detail: error.detail } : {}),
      ...(error.errors ? { errors: error.errors } : {}),
      ...(error.reason ? { reason: error.reason } : {}),
      ...base,
    });
    return;
  }
  // Express's own layers say a client error with a status: body-parser's (with an expose flag), and
  // the router's when a path segment is not percent-encoded UTF-8 (a URIError, without one). Either
  // is the request's fault; only the message stays ours, since the answer never carries it.
  const status = typeof error?.status === 'number' ? error.status : 500;
  if (status >= 400 && status < 500) {
    if (error instanceof URIError) {
      send(res, { type: '/problems/bad-request', title: 'Bad request', status, detail: 'A path segment is not percent-encoded UTF-8 (RFC 3986)', ...base });
      return;
    }
    const [slug, title] =
      error.type === 'entity.parse.failed'
        ? ['malformed-json', 'The request body is not valid JSON']
        : error.type === 'entity.too.large'
          ? ['body-too-large', 'The request body is too large']
          : status === 415
            ? ['unsupported-media-type', 'Unsupported media type']
            : ['bad-request', 'Bad request'];
    send(res, { type: `/problems/${slug}`, title, status, ...base });
    return;
  }
  if (error instanceof DatabaseUnavailable) {
    req.log.warn({ err: error }, 'database unavailable');
    res.set('Retry-After', String(databaseRetryAfterSeconds));
    send(res, {
      type: '/problems/database-unavailable',
      title: 'Service unavailable',
      status: 503,
      detail: 'The database cannot be reached or did not answer in time; try again',
      ...base,
    });
    return;
  }
  req.log.error({ err: error }, 'unhandled error');
  send(res, { type: '/problems/internal-error', title: 'Internal server error', status: 500, ...base });
};
