import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Client, Connection } from '@temporalio/client';
import type { z } from 'zod';
import { createApp } from '../../api/app';
import { formSchema } from '../../api/forms/routes';
import { createContactRequest, createOrganisationRequest } from '../../api/organisations/schemas';
import { coordinatorRequest } from '../../api/partnerships/coordinator-routes';
import { createPartnershipRequest } from '../../api/partnerships/schemas';
import { validate, type JsonSchema } from '../../domain/json-schema';
import { stepPayloadSchemas, stepTypes } from '../../domain/steps';
import payloadSchemas from '../../domain/steps/payload-schemas.json';
import { createDatabase } from '../../platform/database';
import { createLogger } from '../../platform/logger';

// Trimming, lengths and patterns are one rule: for every text a client sends, the published JSON
// Schema accepts exactly what the API's zod schema accepts. The one exception is documented in
// domain/text.ts: a lone surrogate, which no published pattern can name, is refused by the API only.
type Json = Record<string, unknown> & { $ref?: string; anyOf?: Json[]; properties?: Record<string, Json>; items?: Json; minLength?: number; maxLength?: number };
interface Leaf {
  at: string;
  zod: z.ZodType;
  json: Json;
}

function deref(root: Json, schema: Json): Json {
  let at = schema;
  while (at.$ref) at = at.$ref.replace(/^#\//, '').split('/').reduce<Json>((node, key) => node[key] as Json, root);
  return at;
}

/** The JSON Schema of the value when it is there: a nullable field's branch that is not null. */
function present(root: Json, schema: Json): Json {
  const resolved = deref(root, schema);
  const branches = resolved.anyOf?.map((branch) => deref(root, branch)).filter((branch) => branch.type !== 'null');
  return branches?.length === 1 ? branches[0]! : resolved;
}

/** Every string field of a zod schema, beside the JSON Schema that publishes it. */
function stringLeaves(schema: z.ZodType, json: Json, root: Json, at: string): Leaf[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const published = present(root, json);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
      return stringLeaves(def.innerType as z.ZodType, published, root, at);
    case 'pipe':
      // A string read and then transformed (an organisation number): the whole of it is the field.
      return (def.in as { _zod: { def: { type: string } } })._zod.def.type === 'string' ? [{ at, zod: schema, json: published }] : [];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([name, child]) => stringLeaves(child, published.properties![name]!, root, `${at}.${name}`));
    case 'array':
      return stringLeaves(def.element as z.ZodType, published.items!, root, `${at}[]`);
    case 'string':
      return [{ at, zod: schema, json: published }];
    default:
      return [];
  }
}

/** The awkward texts around a field's limits. */
function edgeCases({ minLength = 0, maxLength = 300 }: Json): [string, string][] {
  const x = (n: number) => 'x'.repeat(Math.max(n, 0));
  return [
    ['empty', ''],
    ['a space', ' '],
    ['spaces only', ' '.repeat(Math.max(minLength, 3))],
    ['tab and newline only', '\t\n\r\n'],
    ['no-break and zero-width no-break spaces only', '\u00A0\uFEFF\u3000'],
    ['one character', 'x'],
    ['the minimum', x(minLength)],
    ['one short of the minimum', x(minLength - 1)],
    ['the minimum, padded with spaces', ` ${x(minLength - 1)} `],
    ['the maximum', x(maxLength)],
    ['the maximum plus a trailing space', `${x(maxLength)} `],
    ['the maximum plus a leading space', ` ${x(maxLength)}`],
    ['one over the maximum', x(maxLength + 1)],
    ['the maximum in emoji (two UTF-16 units each)', '😀'.repeat(maxLength)],
    ['one emoji over the maximum', '😀'.repeat(maxLength + 1)],
    ['a text with a leading and a trailing space', ' Borås Stad '],
    ['tabs and newlines inside', 'rad ett\n\trad två\r\n'],
    ['NUL', 'a\u0000b'],
    ['NUL only', '\u0000'],
    ['a bell', 'a\u0007b'],
    ['a vertical tab', 'a\u000Bb'],
    ['the unit separator', '\u001F'],
    ['DEL', 'a\u007Fb'],
    ['a line separator before a letter', '\u2028x'],
    ['a uuid', '0b7e6c38-3a2b-4c1e-9a51-2f4f0f1f8a10'],
    ['a date', '2026-03-12'],
    ['an e-mail address', 'anna.andersson@example.se'],
    ['an e-mail address with a trailing space', 'anna.andersson@example.se '],
    ['an organisation number', '212000-1355'],
  ];
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// The organisation number's check digit is beyond any pattern; its format names it for people.
ajv.addFormat('se-organisation-number', true);

/** Each field and edge case on which the API and the schema part ways. */
function disagreements(leaves: Leaf[], accepts: (leaf: Leaf) => (text: string) => boolean): string[] {
  return leaves.flatMap((leaf) => {
    const schemaAccepts = accepts(leaf);
    return edgeCases(leaf.json).flatMap(([what, text]) => {
      const api = leaf.zod.safeParse(text).success;
      return api === schemaAccepts(text) ? [] : [`${leaf.at}: ${what}: the API ${api ? 'accepts' : 'refuses'} it, the schema does not`];
    });
  });
}

const stepLeaves = (schemaOf: (type: (typeof stepTypes)[number]) => Json) =>
  stepTypes.flatMap((type) => stringLeaves(stepPayloadSchemas[type] as z.ZodType, schemaOf(type), schemaOf(type), type));

describe('one rule for texts, in the API and in its published schemas', () => {
  it("when every step's text fields are given blank, padded, long and control-character texts, then each form's JSON Schema accepts exactly what the API accepts", () => {
    const leaves = stepLeaves((type) => formSchema(type) as Json);
    // Not vacuous: every step with a text has its fields here, free texts among them.
    expect(leaves.filter((leaf) => leaf.json.pattern && leaf.json.maxLength).length).toBeGreaterThan(50);
    expect(disagreements(leaves, (leaf) => (value) => ajv.validate(leaf.json, value) as boolean)).toEqual([]);
  });

  it("when the same texts are checked by the workflow's validator (payload-schemas.json), then it accepts exactly what the API accepts", () => {
    const leaves = stepLeaves((type) => (payloadSchemas as Record<string, Json>)[type]!);
    expect(leaves.length).toBeGreaterThan(50);
    expect(disagreements(leaves, (leaf) => (value) => validate(leaf.json as JsonSchema, value) === null)).toEqual([]);
  });

  it('when the request bodies outside the steps are read from the OpenAPI document, then it accepts exactly what the API accepts', async () => {
    const { app } = createApp({
      db: createDatabase('postgresql://postgres@127.0.0.1:9/unused'),
      temporal: new Client({ connection: Connection.lazy({ address: '127.0.0.1:9' }) }),
      taskQueue: 'unused',
      logger: createLogger({ level: 'silent', name: 'text-rule-test' }),
      publicBaseUrl: 'http://127.0.0.1',
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    const doc = (await (await fetch(`http://127.0.0.1:${port}/api/v1/openapi.json`)).json()) as Json & { components: { schemas: Record<string, Json> } };
    server.close();
    const bodies: [string, z.ZodType][] = [
      ['CreatePartnershipRequest', createPartnershipRequest],
      ['ChangeCoordinator', coordinatorRequest],
      ['CreateOrganisationRequest', createOrganisationRequest],
      ['CreateContactRequest', createContactRequest],
    ];
    const leaves = bodies.flatMap(([name, schema]) => stringLeaves(schema, doc.components.schemas[name]!, doc, name));
    expect(leaves.length).toBeGreaterThanOrEqual(10);
    expect(disagreements(leaves, (leaf) => ajv.compile({ ...leaf.json, components: doc.components }) as (value: string) => boolean)).toEqual([]);
  });

  it('when a text holds a lone surrogate, then the API refuses it though the published pattern cannot name it (the documented exception)', () => {
    const [leaf] = stepLeaves((type) => formSchema(type) as Json).filter((l) => l.json.pattern && l.json.maxLength);
    expect(ajv.validate(leaf!.json, 'a\uD800b')).toBe(true);
    expect(leaf!.zod.safeParse('a\uD800b').success).toBe(false);
  });
});
