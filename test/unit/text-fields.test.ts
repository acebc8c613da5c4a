import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../api/app';
import { createDatabase } from '../../platform/database';
import { createLogger } from '../../platform/logger';

// Every string a caller can send is held by the published contract to a form that excludes NUL and
// the other control characters: the storable-text pattern, a stricter pattern, a format, or a list.
type Schema = { type?: string | string[]; pattern?: string; format?: string; enum?: unknown[]; const?: unknown; $ref?: string; [key: string]: unknown };

let stringsSeen = 0;

function openStrings(schema: Schema | undefined, components: Record<string, Schema>, at: string, seen = new Set<string>()): string[] {
  if (!schema || typeof schema !== 'object') return [];
  if (schema.$ref) {
    const name = schema.$ref.split('/').at(-1)!;
    if (seen.has(name)) return [];
    return openStrings(components[name], components, at, new Set([...seen, name]));
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.includes('string')) stringsSeen += 1;
  const open = types.includes('string') && !schema.pattern && !schema.format && !schema.enum && schema.const === undefined ? [at] : [];
  const nested = Object.entries(schema).flatMap(([key, value]) => {
    if (key === 'properties') return Object.entries(value as Record<string, Schema>).flatMap(([name, child]) => openStrings(child, components, `${at}.${name}`, seen));
    if (key === 'items' || key === 'additionalProperties') return openStrings(value as Schema, components, `${at}[]`, seen);
    if (key === 'anyOf' || key === 'oneOf' || key === 'allOf') return (value as Schema[]).flatMap((child) => openStrings(child, components, at, seen));
    return [];
  });
  return [...open, ...nested];
}

describe('every text a caller sends, as the contract states it', () => {
  it('when the OpenAPI document is read, then no request field or parameter is a string that could carry NUL or a control character', async () => {
    const { app } = createApp({
      db: createDatabase('postgresql://postgres@127.0.0.1:9/unused'),
      temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:9' }) }),
      taskQueue: 'unused',
      logger: createLogger({ level: 'silent', name: 'text-fields-test' }),
      publicBaseUrl: 'http://127.0.0.1',
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    const doc = (await (await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string; schema: Schema }[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    server.close();
    const open: string[] = [];
    let fields = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const parameter of operation.parameters ?? []) {
          fields += 1;
          open.push(...openStrings(parameter.schema, doc.components.schemas, `${method.toUpperCase()} ${path} ${parameter.in} ${parameter.name}`));
        }
        for (const content of Object.values(operation.requestBody?.content ?? {})) {
          fields += 1;
          open.push(...openStrings(content.schema, doc.components.schemas, `${method.toUpperCase()} ${path} body`));
        }
      }
    }
    expect(fields).toBeGreaterThan(50);
    // Not vacuous: the walk reached the strings (free texts, ids, dates, numbers, references…).
    expect(stringsSeen).toBeGreaterThan(100);
    expect(open).toEqual([]);
  });
});
