/**
 * Every payload of a workflow history as readable text: the inputs, results, updates and queries
 * that Temporal stores, decoded from their bytes, so a test can scan them for what must not be there.
 */
export function historyText(history: unknown): string {
  const parts: string[] = [];
  const visit = (value: unknown): void => {
    if (value instanceof Uint8Array) parts.push(Buffer.from(value).toString('utf8'));
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
    else if (typeof value === 'string') parts.push(value);
  };
  visit(history);
  return parts.join('\n');
}

/** The same for a history stored as JSON (`temporal workflow show --output json`), payloads in base64. */
export function storedHistoryText(json: string): string {
  const parts: string[] = [];
  JSON.parse(json, (key, value: unknown) => {
    if (key === 'data' && typeof value === 'string') parts.push(Buffer.from(value, 'base64').toString('utf8'));
    else if (typeof value === 'string') parts.push(value);
    return value;
  });
  return parts.join('\n');
}

/** The size in bytes of the largest payload anywhere in a history: what Temporal limits per payload. */
export function largestPayloadBytes(history: unknown): number {
  let largest = 0;
  const visit = (value: unknown): void => {
    if (value instanceof Uint8Array) largest = Math.max(largest, value.byteLength);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(history);
  return largest;
}
