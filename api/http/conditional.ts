// Conditional requests (RFC 9110 section 13) on a partnership: its ETag is its revision, which every
// accepted step bumps. A step sent with If-Match is taken only on that revision; the workflow checks
// it when the step's turn comes, so two clients that read the same revision cannot both act on it.
import type { Request } from 'express';
import { ProblemError } from './problem';

export const etagOf = (revision: number) => `"r${revision}"`;

/** The revisions a list of entity tags names; If-Match compares strongly, so it skips weak ones. */
const revisionsIn = (header: string, strongOnly: boolean) =>
  [...header.matchAll(/(W\/)?"r(\d{1,9})"/g)].filter((m) => !(strongOnly && m[1])).map((m) => Number(m[2]));

/**
 * The revisions an If-Match names; undefined without the header or with `*` (the partnership
 * exists, which the route has checked). A header that names no revision of ours matches nothing.
 */
export function expectedRevisions(req: Request): number[] | undefined {
  const header = req.get('if-match');
  if (header === undefined || header.trim() === '*') return undefined;
  const revisions = revisionsIn(header, true);
  if (revisions.length === 0) {
    throw new ProblemError(412, 'precondition-failed', 'The partnership has changed', 'If-Match names no revision of this partnership (a strong ETag such as "r12")', undefined, 'STALE_REVISION');
  }
  return revisions;
}

/** If-None-Match on a read: true when the caller already holds this revision. */
export function notModified(req: Request, revision: number): boolean {
  const header = req.get('if-none-match');
  if (!header) return false;
  if (header.trim() === '*') return true;
  return revisionsIn(header, false).includes(revision);
}
