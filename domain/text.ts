// Free text as people type it, and only what PostgreSQL can store: no NUL, no other C0 control
// character but tab, newline and carriage return, and no half of a surrogate pair. Refused at the
// door with a problem naming the field, never accepted and then failed on the way to the database.
//
// One rule, stated once, for the API and for everyone who reads its JSON Schemas (the OpenAPI
// document, the forms, the workflow's validator): a text is kept as it is sent, never trimmed, and
// its length is counted in characters (Unicode code points, as JSON Schema counts them, not UTF-16
// units). A required text must hold a character that is not white space. Trimming had the API
// accept, after trimming, texts the published lengths refuse, and refuse blank texts they accept.
import { z } from 'zod';

// What JSON Schema (ECMAScript), Python and Rust read alike: explicit code points, no \s or \d,
// whose meaning differs between the engines that read these patterns.
const controls = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F';
/** White space as ECMAScript's trim() knows it, less the control characters no text may hold. */
const spaces = '\\t\\n\\r \\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000\\uFEFF';

/**
 * Every character but NUL and the other C0 controls (tab, newline and carriage return are kept), and
 * no half of a surrogate pair. Read with the `u` flag: a whole pair is one character, and only a
 * lone half is one of the excluded \uD800-\uDFFF.
 */
export const storableText = new RegExp(`^[^${controls}\\uD800-\\uDFFF]*$`, 'u');

/**
 * The same rule as the OpenAPI document, the forms' JSON Schemas and the workflow's validator state
 * it, in JSON Schema's own terms (ECMAScript, Unicode mode, no flags). It leaves out the lone
 * surrogates: a JSON Schema tool on Unicode scalar values (Rust's, schemathesis's) cannot compile a
 * pattern that names them, and none can send one; the API refuses them all the same.
 */
export const publishedStorableText = `^[^${controls}]*$`;

/**
 * Storable, and not blank: white space, then a character that is not, then anything storable. The
 * leading part can only be white space, so a long blank text is refused in one pass, not by
 * backtracking.
 */
export const publishedNonBlankText = `^[${spaces}]*[^${controls}${spaces}][^${controls}]*$`;
const nonBlankText = new RegExp(publishedNonBlankText, 'u');

export const isStorable = (text: string) => storableText.test(text);

/** Characters as JSON Schema's minLength and maxLength count them: code points. */
export const characterCount = (text: string) => {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
};

/**
 * Free text of `min` to `max` characters that can be stored, kept as sent. With `min` of 1 or
 * more it must hold a character that is not white space; with `min` 0 it may be empty or blank.
 */
export const freeText = (min: number, max: number) =>
  z
    .string()
    .refine(isStorable, { message: 'must not contain NUL, other control characters or a lone surrogate', abort: true })
    .refine((text) => min === 0 || nonBlankText.test(text), { message: 'must hold a character that is not white space', abort: true })
    .refine((text) => characterCount(text) >= min, { message: `must be at least ${min} characters` })
    .refine((text) => characterCount(text) <= max, { message: `must be at most ${max} characters` })
    .meta({ minLength: min, maxLength: max, pattern: min === 0 ? publishedStorableText : publishedNonBlankText });
