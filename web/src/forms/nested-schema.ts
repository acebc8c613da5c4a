// A published JSON Schema with objects inside arrays inside objects (the import's parties and
// decisions) made ready for the renderer at every depth: references inlined, "a value or null"
// made optional, labels and help in the person's language, and organisations chosen by name.
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import type { ApiProblem } from '../api';
import type { useTexts } from '../i18n';
import { fieldDetail } from '../problems';
import type { Organisation } from '../types';

type Texts = ReturnType<typeof useTexts>;

interface Options {
  texts: Texts;
  organisations: Organisation[];
  /** Fields the API fills in itself (a party's kind comes from the register): left out of the form. */
  omit: Set<string>;
}

export function nestedForm(published: RJSFSchema, options: Options): { schema: RJSFSchema; uiSchema: UiSchema } {
  const defs = (published.$defs ?? {}) as Record<string, RJSFSchema>;
  const { schema, ui } = prepare(inline(published, defs), options);
  const { $defs: _defs, $schema: _schema, title: _title, ...rest } = schema;
  return { schema: rest as RJSFSchema, uiSchema: { ...ui, 'ui:submitButtonOptions': { norender: true } } };
}

function inline(node: RJSFSchema, defs: Record<string, RJSFSchema>): RJSFSchema {
  if (node.$ref) return inline(defs[node.$ref.replace('#/$defs/', '')] ?? {}, defs);
  const out: RJSFSchema = { ...node };
  if (node.properties) out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, inline(v as RJSFSchema, defs)]));
  if (node.items && typeof node.items === 'object' && !Array.isArray(node.items)) out.items = inline(node.items as RJSFSchema, defs);
  if (node.anyOf) out.anyOf = (node.anyOf as RJSFSchema[]).map((o) => inline(o, defs));
  return out;
}

/** `anyOf: [X, {type: null}]` with default null as an optional X: left empty, the API takes its default. */
export function orNothing(property: RJSFSchema): RJSFSchema {
  const options = property.anyOf as RJSFSchema[] | undefined;
  const values = options?.filter((option) => option.type !== 'null');
  if (!options || values?.length !== 1 || values.length === options.length) return property;
  const { anyOf: _anyOf, default: _default, ...rest } = property;
  return { ...rest, ...values[0] } as RJSFSchema;
}

function prepare(given: RJSFSchema, options: Options, name?: string): { schema: RJSFSchema; ui: UiSchema } {
  const { texts, organisations } = options;
  const node = orNothing(given);
  const ui: UiSchema = {};
  if (name) {
    const [label, help] = texts.field(name);
    ui['ui:title'] = label;
    if (help) ui['ui:description'] = help;
  }
  // The schema's own descriptions are English: shown only when the person reads English.
  const { description, format: _format, pattern: _pattern, ...plain } = node;
  const described = texts.language === 'en' && description ? { description } : {};

  if (node.type === 'object' && node.properties) {
    const properties: Record<string, RJSFSchema> = {};
    for (const [child, schema] of Object.entries(node.properties)) {
      if (options.omit.has(child)) continue;
      const prepared = prepare(schema as RJSFSchema, options, child);
      properties[child] = prepared.schema;
      ui[child] = prepared.ui;
    }
    const required = (node.required ?? []).filter((r) => r in properties && !('anyOf' in (node.properties![r] as RJSFSchema)));
    return { schema: { ...plain, ...described, properties, required } as RJSFSchema, ui };
  }
  if (node.type === 'array' && node.items && typeof node.items === 'object') {
    const item = prepare(node.items as RJSFSchema, options);
    // Each item's heading: "Part", "Beslut", rather than the renderer's "parties-1".
    ui.items = { ...item.ui, ...(name ? { 'ui:title': texts.field(`${name}Item`)[0] } : {}) };
    // A list that must hold some starts with that many to fill in.
    const start = Array.from({ length: node.minItems ?? 0 }, () => ({}));
    return { schema: { ...plain, ...described, items: item.schema, default: start } as RJSFSchema, ui };
  }
  if (name === 'organisationId') {
    ui['ui:enumNames'] = organisations.map((o) => `${o.name} (${o.organisationNumber})`);
    ui['ui:placeholder'] = texts.t.choose;
    return { schema: { ...plain, ...described, type: 'string', enum: organisations.map((o) => o.id) } as RJSFSchema, ui };
  }
  if (node.enum) ui['ui:enumNames'] = node.enum.map((v) => (name === 'phase' || name === 'backTo' ? texts.phase(String(v)) : texts.value(String(v))));
  if (node.type === 'string' && (node.maxLength ?? 0) > 300) ui['ui:widget'] = 'textarea';
  if (node.format === 'date' || (node.pattern && node.pattern.includes('\\d{4}'))) ui['ui:placeholder'] = 'ÅÅÅÅ-MM-DD';
  return { schema: { ...plain, ...described } as RJSFSchema, ui };
}

/**
 * What is sent: fields left empty are left out, at every depth, and so are groups left empty unless
 * the schema requires them (an agreement with no heading filled in yet is still an agreement).
 */
export function filledInDeep(value: unknown, schema: RJSFSchema): unknown {
  if (Array.isArray(value)) return value.map((item) => filledInDeep(item, (schema.items ?? {}) as RJSFSchema));
  if (value && typeof value === 'object') {
    const properties = (schema.properties ?? {}) as Record<string, RJSFSchema>;
    const entries = Object.entries(value)
      .map(([k, v]) => [k, filledInDeep(v, properties[k] ?? {})] as const)
      .filter(([k, v]) => {
        if (v === undefined || v === '') return false;
        const emptyGroup = v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0;
        return !emptyGroup || (schema.required ?? []).includes(k);
      });
    return Object.fromEntries(entries);
  }
  return value;
}

/** The API's field errors (400) at their fields, however deep: `partnership.parties.0.organisationId`. */
export function errorsAtNestedFields(problem: ApiProblem | null, texts: Texts): ErrorSchema | undefined {
  if (!problem?.problem.errors?.length) return undefined;
  const errors: Record<string, unknown> = {};
  for (const error of problem.problem.errors) {
    let at = errors;
    for (const segment of error.field.split('.')) at = (at[segment] ??= {}) as Record<string, unknown>;
    ((at.__errors ??= []) as string[]).push(fieldDetail(error.detail, texts.language));
  }
  return errors as ErrorSchema;
}
