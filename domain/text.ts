// Free text as people type it, and only what PostgreSQL can store: no NUL, no other C0 control
// character but tab, newline and carriage return, and no half of a surrogate pair. Refused at the
// door with a problem naming the field, never accepted and then failed on the way to the database.
import { z } from 'zod';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const unstorable = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorable = (text: string) => !unstorable.test(text);

/** Trimmed free text of `min` to `max` characters that can be stored. */
export const freeText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine(isStorable, { message: 'must not contain NUL, other control characters or a lone surrogate' });
