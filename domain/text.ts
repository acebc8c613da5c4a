// Free text as people type it, and only what PostgreSQL can store: no NUL, no other C0 control
// character but tab, newline and carriage return, and no half of a surrogate pair. Refused at the
// door with a problem naming the field, never accepted and then failed on the way to the database.
import { z } from 'zod';

/**
 * Every character but NUL and the other C0 controls (tab, newline and carriage return are kept), and
 * no half of a surrogate pair. A pattern rather than a function, so that the OpenAPI document, the
 * forms' JSON Schemas and the workflow's validator carry the same rule as the API. Read with the
 * `u` flag, as JSON Schema's patterns are: a whole pair is one character, and only a lone half is
 * one of the excluded \uD800-\uDFFF.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const storableText = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF]*$/u;

export const isStorable = (text: string) => storableText.test(text);

/** Trimmed free text of `min` to `max` characters that can be stored. */
export const freeText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .regex(storableText, { message: 'must not contain NUL, other control characters or a lone surrogate' })
    // The source alone: a JSON Schema pattern has no flags (it is read in Unicode mode).
    .meta({ pattern: storableText.source });
