// Keyset paging for the API's lists: a cursor is the sort key of the last row a page held, opaque
// to the client (base64url JSON), so a page never repeats or skips a row that stayed put. Each list
// declares its key's schema here, part by part, as the server writes it; a cursor that is not exactly
// such a key (a forged time, a NUL, a lone surrogate, another list's key) is a 400 naming its
// parameter, and never reaches the database.
import { z } from 'zod';
import { storableText } from '../../domain/text';
import { ProblemError } from './problem';

/**
 * Long enough for the longest key a list writes: a 300-character name of three-byte characters, JSON
 * escapes and an id come to well under 2 kB of base64url.
 */
const maxCursorLength = 2048;

/** A list's cursor parameter: the `next` of the page before, as it was given. */
export const cursorParameter = () =>
  z
    .string()
    .min(1)
    .max(maxCursorLength)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional()
    .meta({ description: 'Where the page starts: the `next` of the page before' });

export const afterParameter = cursorParameter();

/** The parts a key is made of, each as the server writes it. */
export const cursorParts = {
  id: z.uuid(),
  /**
   * An instant as Date.toISOString writes it, and only one that PostgreSQL's timestamptz takes:
   * years 0001 to 9999 (there is no year 0; a sixth digit is out of its range).
   */
  instant: z
    .string()
    .regex(/^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/)
    .refine((text) => {
      const time = new Date(text);
      return !Number.isNaN(time.getTime()) && time.toISOString() === text;
    }),
  day: z.iso.date(),
  /** Text a column holds: what the API lets in (domain/text.ts), no longer than its field. */
  text: (max: number) => z.string().max(max).regex(storableText),
  /** A whole number written in decimal, of at most `digits` digits, no leading zero. */
  count: (digits: number) => z.string().regex(new RegExp(`^(0|[1-9]\\d{0,${digits - 1}})$`)),
};

/** The 400 for a cursor the client did not get from us, naming its parameter. */
export const invalidCursor = (field = 'after', detail = 'Not a cursor this API gave') =>
  new ProblemError(400, 'validation-error', 'The request is not valid', `query ${field}: ${detail}`, [{ in: 'query', field, pointer: `#/${field}`, detail }]);

export interface CursorCodec<Key> {
  encode(key: Key): string;
  /** The key a cursor holds, or a 400 naming the parameter: a client can only send back what it was given. */
  decode(text: string): Key;
  /** A page's `next`: the cursor after its last row when the list goes on, else null. */
  next<T>(rows: T[], limit: number, key: (row: T) => Key): string | null;
}

/** One list's cursors: its key's schema, and the query parameter that carries them. */
export function cursorCodec<S extends z.ZodType<readonly (string | null)[]>>(schema: S, field = 'after'): CursorCodec<z.output<S>> {
  const encode = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
  return {
    encode,
    decode(text) {
      let key: unknown;
      try {
        key = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
      } catch {
        throw invalidCursor(field);
      }
      const parsed = schema.safeParse(key);
      // Written again, it must be the very text: no other spelling of a key is one we gave.
      if (!parsed.success || encode(key) !== text) throw invalidCursor(field);
      return parsed.data;
    },
    next: (rows, limit, key) => (rows.length > limit ? encode(key(rows[limit - 1]!)) : null),
  };
}
