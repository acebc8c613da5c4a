// Keyset paging for the API's lists: a cursor is the sort key of the last row a page held, opaque
// to the client (base64url JSON), so a page never repeats or skips a row that stayed put.
import { z } from 'zod';
import { ProblemError } from './problem';

export const afterParameter = z
  .string()
  .min(1)
  .max(600)
  .regex(/^[A-Za-z0-9_-]+$/)
  .optional()
  .meta({ description: 'Where the page starts: the `next` of the page before' });

export const encodeCursor = (key: (string | null)[]) => Buffer.from(JSON.stringify(key)).toString('base64url');

/** The sort key a cursor holds, or a 400 naming `after`: a client can only send back what it was given. */
export function decodeCursor(text: string, arity: number): (string | null)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  const parsed = z.array(z.string().max(300).nullable()).length(arity).safeParse(key);
  if (!parsed.success) {
    throw new ProblemError(400, 'validation-error', 'The request is not valid', 'query after: not a cursor this API gave', [
      { in: 'query', field: 'after', pointer: '#/after', detail: 'Not a cursor this API gave' },
    ]);
  }
  return parsed.data;
}

/** A page's `next`: the cursor after its last row when the list goes on, else null. */
export const nextCursor = <T>(rows: T[], limit: number, key: (row: T) => (string | null)[]) => (rows.length > limit ? encodeCursor(key(rows[limit - 1]!)) : null);
