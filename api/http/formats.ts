// Formats the API checks and the OpenAPI document states in the same words: a pattern, not only a
// `format` name, so that a client (or a fuzzer) that follows the document is never refused.
import { z } from 'zod';

/**
 * An e-mail address as zod reads one: its pattern goes into the document with the format. Not
 * trimmed: an address with a space around it is refused, as the pattern says, not taken trimmed.
 */
export const emailAddress = () => z.string().max(254).regex(z.regexes.email, 'must be an e-mail address').meta({ format: 'email' });
