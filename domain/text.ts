// Free text as people type it, and only what PostgreSQL can store: no NUL, no other C0 control
// character but tab, newline and carriage return, and no half of a surrogate pair. Refused at the
// door with a problem naming the field, never accepted and then failed on the way to the database.
import { z } from 'zod';

/**
 * Every character but NUL and the other C0 controls (tab, newline and carriage return are kept), and
 * no half of a surrogate pair. Read with the `u` flag: a whole pair is one character, and only a
 * lone half is one of the excluded \uD800-\uDFFF.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const storableText = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF]*$/u;

/**
 * The same rule as the OpenAPI document, the forms' JSON Schemas and the workflow's validator state
 * it, in JSON Schema's own terms (ECMAScript, Unicode mode, no flags). It leaves out the lone
 * surrogates: a JSON Schema tool on Unicode scalar values (Rust's, schemathesis's) cannot compile a
 * pattern that names them, and none can send one; the API refuses them all the same.
 */
// eslint-disable-next-line no-control-regex -- as above
export const publishedStorableText = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F]*$/u.source;

export const isStorable = (text: string) => storableText.test(text);

/** Trimmed free text of `min` to `max` characters that can be stored. */
export const freeText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .regex(storableText, { message: 'must not contain NUL, other control characters or a lone surrogate' })
    .meta({ pattern: publishedStorableText });
