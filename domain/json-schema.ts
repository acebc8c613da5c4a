// A small validator for the JSON Schemas the steps' payloads are published as: the keywords those
// schemas use and no more. The workflow validates with it, so that it needs no zod of its own.

export interface JsonSchema {
  $ref?: string;
  $defs?: Record<string, JsonSchema>;
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  anyOf?: JsonSchema[];
}

const known = new Set(['$ref', '$defs', 'type', 'properties', 'required', 'additionalProperties', 'items', 'minItems', 'maxItems', 'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'enum', 'anyOf', 'default']);

/** The first reason the value does not match the schema, with where; null when it matches. */
export function validate(root: JsonSchema, value: unknown): string | null {
  return check(root, root, value, '');
}

function check(root: JsonSchema, schema: JsonSchema, value: unknown, at: string): string | null {
  const unknownKeyword = Object.keys(schema).find((key) => !known.has(key));
  // A keyword this validator does not know would be silently ignored: refuse instead.
  if (unknownKeyword) return `${at || '/'}: the schema uses ${unknownKeyword}, which is not checked`;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/$defs/', '');
    const target = root.$defs?.[name];
    if (!target) return `${at || '/'}: no definition ${schema.$ref}`;
    return check(root, target, value, at);
  }
  if (schema.anyOf) return schema.anyOf.some((option) => check(root, option, value, at) === null) ? null : `${at || '/'}: matches none of the allowed forms`;
  if (schema.enum && !schema.enum.includes(value)) return `${at || '/'}: must be one of ${schema.enum.join(', ')}`;
  switch (schema.type) {
    case 'null':
      return value === null ? null : `${at || '/'}: must be null`;
    case 'boolean':
      return typeof value === 'boolean' ? null : `${at || '/'}: must be a boolean`;
    case 'number':
    case 'integer': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${at || '/'}: must be a number`;
      if (schema.type === 'integer' && !Number.isSafeInteger(value)) return `${at || '/'}: must be an integer`;
      if (schema.minimum !== undefined && value < schema.minimum) return `${at || '/'}: must be at least ${schema.minimum}`;
      if (schema.maximum !== undefined && value > schema.maximum) return `${at || '/'}: must be at most ${schema.maximum}`;
      return null;
    }
    case 'string': {
      if (typeof value !== 'string') return `${at || '/'}: must be a string`;
      // JSON Schema counts characters (code points), as the API does: an emoji is one, not two.
      let length = 0;
      for (const _ of value) length += 1;
      if (schema.minLength !== undefined && length < schema.minLength) return `${at || '/'}: must be at least ${schema.minLength} characters`;
      if (schema.maxLength !== undefined && length > schema.maxLength) return `${at || '/'}: must be at most ${schema.maxLength} characters`;
      // `u`: JSON Schema's patterns are ECMAScript's in Unicode mode (a surrogate pair is one character).
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return `${at || '/'}: has the wrong form`;
      return null;
    }
    case 'array': {
      if (!Array.isArray(value)) return `${at || '/'}: must be an array`;
      if (schema.minItems !== undefined && value.length < schema.minItems) return `${at || '/'}: must have at least ${schema.minItems} items`;
      if (schema.maxItems !== undefined && value.length > schema.maxItems) return `${at || '/'}: must have at most ${schema.maxItems} items`;
      for (const [i, item] of value.entries()) {
        const problem = schema.items ? check(root, schema.items, item, `${at}/${i}`) : null;
        if (problem) return problem;
      }
      return null;
    }
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return `${at || '/'}: must be an object`;
      const record = value as Record<string, unknown>;
      for (const name of schema.required ?? []) if (!(name in record)) return `${at}/${name}: is required`;
      for (const [name, item] of Object.entries(record)) {
        const property = schema.properties?.[name];
        if (property) {
          const problem = check(root, property, item, `${at}/${name}`);
          if (problem) return problem;
        } else if (schema.additionalProperties === false) {
          return `${at}/${name}: is not allowed`;
        } else if (typeof schema.additionalProperties === 'object') {
          const problem = check(root, schema.additionalProperties, item, `${at}/${name}`);
          if (problem) return problem;
        }
      }
      return null;
    }
    default:
      return null;
  }
}
