// The JSON Schema (draft 2020-12) of every step's payload, derived from the steps' zod schemas.
// The workflow validates with these, so that zod stays out of the workflow bundle (each cached
// workflow would carry its own copy); a unit test keeps the committed file equal to the schemas.
//   npx tsx scripts/payload-schemas.ts --write
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { stepPayloadSchemas } from '../domain/steps';

export const payloadSchemasFile = path.join(__dirname, '..', 'domain', 'steps', 'payload-schemas.json');

/** What validation needs, without the words meant for people. */
function essentials(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(essentials);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => !['description', 'example', 'examples', '$schema', 'id'].includes(key))
      .map(([key, value]) => [key, key === 'properties' || key === '$defs' ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, essentials(v)])) : essentials(value)]),
  );
}

export function payloadSchemas(): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(stepPayloadSchemas).map(([type, schema]) => [type, essentials(z.toJSONSchema(schema as z.ZodType, { io: 'output', unrepresentable: 'any', reused: 'inline' }))]),
  );
}

export const payloadSchemasText = () => `${JSON.stringify(payloadSchemas(), null, 1)}\n`;

if (require.main === module) {
  if (process.argv.includes('--write')) writeFileSync(payloadSchemasFile, payloadSchemasText());
  else process.stdout.write(payloadSchemasText());
}
