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

/** The 400 for a cursor the client did not get from us, naming its parameter. */
export const invalidCursor = (field = 'after', detail = 'Not a cursor this API gave') =>
  new ProblemError(400, 'validation-error', 'The request is not valid', `query ${field}: ${detail}`, [{ in: 'query', field, pointer: `#/${field}`, detail }]);

/** The sort key a cursor holds, or a 400 naming its parameter: a client can only send back what it was given. */
export function decodeCursor(text: string, arity: number, field = 'after'): (string | null)[] {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    key = null;
  }
  const parsed = z.array(z.string().max(300).nullable()).length(arity).safeParse(key);
  if (!parsed.success) throw invalidCursor(field);
  return parsed.data;
}

/** A page's `next`: the cursor after its last row when the list goes on, else null. */
export const nextCursor = <T>(rows: T[], limit: number, key: (row: T) => (string | null)[]) => (rows.length > limit ? encodeCursor(key(rows[limit - 1]!)) : null);
