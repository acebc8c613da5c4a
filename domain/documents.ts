// The claim check: a long text (an agreement's section, a rationale, an evaluation…) is stored in
// PostgreSQL under its SHA-256 before the workflow hears of it, and the workflow, its history and
// its state carry only the reference. However long the texts and however many the versions, every
// payload stays small.

/** A stored text's reference: `sha256:` and the hex digest of its UTF-8 bytes. */
export const documentRefPattern = /^sha256:[0-9a-f]{64}$/;
export const isDocumentRef = (value: unknown): value is string => typeof value === 'string' && documentRefPattern.test(value);

/**
 * Rewrites every text found at the given paths with `replace`; a path is property names joined by
 * dots, `*` for every property of an object, a trailing `[]` for every element of an array. Empty
 * and missing texts are left as they are. Returns a copy; the payload is not changed.
 */
export function mapDocuments<T>(payload: T, paths: readonly string[], replace: (text: string) => string): T {
  let copy = payload;
  for (const path of paths) copy = mapAt(copy, path.split('.'), replace) as T;
  return copy;
}

/** Every non-empty text at the given paths. */
export function documentsIn(payload: unknown, paths: readonly string[]): string[] {
  const found: string[] = [];
  mapDocuments(payload, paths, (text) => {
    found.push(text);
    return text;
  });
  return found;
}

function mapAt(value: unknown, segments: string[], replace: (text: string) => string): unknown {
  if (segments.length === 0) return typeof value === 'string' && value !== '' ? replace(value) : value;
  if (value === null || typeof value !== 'object') return value;
  const [head, ...rest] = segments as [string, ...string[]];
  const isArray = head.endsWith('[]');
  const name = isArray ? head.slice(0, -2) : head;
  const each = (item: unknown) => (isArray ? (Array.isArray(item) ? item.map((element) => mapAt(element, rest, replace)) : item) : mapAt(item, rest, replace));
  const record = value as Record<string, unknown>;
  if (name === '*') return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, each(item)]));
  if (!(name in record)) return value;
  return { ...record, [name]: each(record[name]) };
}
