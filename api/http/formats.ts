// Formats the API checks and the OpenAPI document states in the same words: a pattern, not only a
// `format` name, so that a client (or a fuzzer) that follows the document is never refused.
import { z } from 'zod';

/** Zod's e-mail pattern, and no more than 64 characters before the @, as RFC 5321 and the `email` format allow. */
const emailPattern = new RegExp(`^(?=[^@]{1,64}@)${z.regexes.email.source.slice(1)}`);

/**
 * An e-mail address as zod reads one: its pattern goes into the document with the format. Not
 * trimmed: an address with a space around it is refused, as the pattern says, not taken trimmed.
 */
export const emailAddress = () => z.string().max(254).regex(emailPattern, 'must be an e-mail address').meta({ format: 'email' });
