// A page behind every problem `type` the API answers with (RFC 9457 section 3.1.1; DIGG REST
// API-profil, felhantering): what the problem means and what the caller can do about it.
import type { Express } from 'express';
import { escapeHtml } from '../../platform/html';
import { problems } from './problem';

export const problemTypes: Record<string, { status: number; title: string; meaning: string }> = {
  'validation-error': { status: 400, title: 'The request is not valid', meaning: 'A field, a parameter or a header breaks the published schema. `errors` names each one, with its JSON Pointer. Correct them and send the request again.' },
  'bad-request': { status: 400, title: 'Bad request', meaning: 'The request could not be read as HTTP the API understands, such as a path segment that is not percent-encoded UTF-8.' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON', meaning: 'The body is not well-formed JSON. Send UTF-8 JSON with Content-Type: application/json.' },
  unauthenticated: { status: 401, title: 'Authentication required', meaning: 'No valid API key (X-API-Key) or bearer token was sent, or it has expired or been revoked.' },
  forbidden: { status: 403, title: 'Forbidden', meaning: 'The caller’s role has no right to this, or a representative acted for another party (`reason` is FORBIDDEN or NOT_YOUR_PARTY). The operation’s description lists who may.' },
  'not-found': { status: 404, title: 'Not found', meaning: 'There is no such resource, or none the caller may see: the answer is the same, so nothing is revealed.' },
  'reference-not-found': { status: 404, title: 'A resource the request names is not registered', meaning: 'A field names an organisation (or another resource) by an id that nothing is registered under; `errors` names the field with its JSON Pointer. Register it first, or correct the id. Nothing changed.' },
  'method-not-allowed': { status: 405, title: 'Method not allowed', meaning: 'The path exists but not with this method; `Allow` lists the methods it has.' },
  'step-refused': { status: 409, title: 'The partnership cannot take this step now', meaning: 'The lifecycle’s rules refuse the step; `reason` is their typed reason (WRONG_PHASE, PARTIES_MISSING, DATE_IN_FUTURE, …). Nothing changed.' },
  'already-registered': { status: 409, title: 'Already registered', meaning: 'An organisation with this organisation number is registered already; `Location` is its URL.' },
  'task-closed': { status: 409, title: 'The task is closed', meaning: 'Nothing waits on anyone for this task any more, so it cannot be given to someone.' },
  'calendar-subscription-unavailable': { status: 409, title: 'Calendar subscriptions are not configured', meaning: 'The deployment has no CALENDAR_FEED_SECRET; the calendar feed is read with an API key.' },
  'precondition-failed': { status: 412, title: 'The partnership has changed', meaning: 'If-Match named a revision the partnership is no longer at (`reason` STALE_REVISION). Read it again and decide anew; nothing changed.' },
  'body-too-large': { status: 413, title: 'The request body is too large', meaning: 'Bodies are limited to 256 kB.' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type', meaning: 'Bodies are JSON: send Content-Type: application/json.' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency-Key reused', meaning: 'The key was sent before with another request (`reason` IDEMPOTENCY_KEY_REUSED). A retry must repeat the request exactly; a new request needs a new key.' },
  'too-many-requests': { status: 429, title: 'Too many requests', meaning: 'Too many requests from this key or address this minute; `Retry-After` says when to try again.' },
  'internal-error': { status: 500, title: 'Internal server error', meaning: 'Something failed inside the API. Nothing internal is disclosed; the request id (`requestId`) finds it in the logs.' },
  'service-unavailable': { status: 503, title: 'Service unavailable', meaning: 'The workflow engine or a dependency cannot be reached or did not answer in time; nothing changed. `Retry-After` says when to try again.' },
  'database-unavailable': { status: 503, title: 'Service unavailable', meaning: 'The database cannot be reached or did not answer in time; nothing changed. `Retry-After` says when to try again.' },
};

/** GET /problems and /problems/{type}: small HTML pages, public, as the `type` URIs are. */
export function serveProblemTypes(app: Express): void {
  const page = (title: string, body: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
  app.get('/problems', (_req, res) => {
    const items = Object.entries(problemTypes).map(([slug, t]) => `<li><a href="/problems/${slug}">${t.status} ${escapeHtml(t.title)}</a></li>`);
    res.type('html').send(page('Problem types', `<h1>Problem types of the IOP Lifecycle API</h1><ul>${items.join('')}</ul>`));
  });
  app.get('/problems/:slug', (req, res, next) => {
    // Its own entries only: `__proto__` or `toString` is no problem type.
    const type = Object.hasOwn(problemTypes, req.params.slug) ? problemTypes[req.params.slug] : undefined;
    if (!type) return next(problems.notFound('No such problem type'));
    res.type('html').send(page(type.title, `<h1>${type.status} ${escapeHtml(type.title)}</h1><p>${escapeHtml(type.meaning)}</p><p><a href="/problems">Every problem type</a></p>`));
  });
}
