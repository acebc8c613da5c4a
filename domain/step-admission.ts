// Whether a step, as it reaches the workflow, may be judged at all: taken on the revision its caller
// read (If-Match), of the form its payload's JSON Schema states (zod gives the same schema to the
// API, but zod is not part of the workflow bundle), with texts that PostgreSQL can store and long
// texts as stored documents' references. Each answers a refusal; the workflow turns it into its failure.
import { documentsIn, isDocumentRef } from './documents';
import { validate, type JsonSchema } from './json-schema';
import { stepDocuments, type Step, type StepType } from './steps';
import payloadSchemas from './steps/payload-schemas.json';
import { isStorable } from './text';

/** Why a step is not judged; the codes are the API's (INVALID_COMMAND is the wire's older name for a step). */
export interface NotAdmitted {
  code: 'STALE_REVISION' | 'INVALID_COMMAND';
  message: string;
}

/** A conditional step (If-Match) on another revision than the caller read is refused, and changes nothing. */
export function staleRevision(revision: number, expected: number[] | undefined): NotAdmitted | null {
  if (!expected || expected.includes(revision)) return null;
  return { code: 'STALE_REVISION', message: `The partnership is at revision ${revision}, not the one the request was made on` };
}

function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value !== null && typeof value === 'object') return [...Object.keys(value), ...Object.values(value)].flatMap(stringsIn);
  return [];
}

/** The step, or why its payload cannot be judged. */
export function admitStep(type: StepType, payload: unknown): { ok: true; step: Step } | { ok: false; refusal: NotAdmitted } {
  const invalid = (why: string) => ({ ok: false as const, refusal: { code: 'INVALID_COMMAND' as const, message: `Invalid ${type}: ${why}` } });
  const problem = validate(payloadSchemas[type] as JsonSchema, payload);
  if (problem) return invalid(problem);
  // What PostgreSQL cannot store (a NUL, a lone surrogate) would fail its recording again and again.
  if (stringsIn(payload).some((text) => !isStorable(text))) return invalid('a text holds a character that cannot be stored');
  if (documentsIn(payload, stepDocuments[type]).some((text) => !isDocumentRef(text))) return invalid("a long text must be a stored document's reference");
  return { ok: true, step: { type, payload } as Step };
}
