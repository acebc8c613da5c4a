// What `zod` resolves to inside the workflow bundle. The domain's modules declare their payload
// schemas when they load; the workflow validates with the JSON Schemas derived from them
// (domain/steps/payload-schemas.json) and never touches a schema object. Without zod each cached
// workflow carried a copy of it of its own (about 2.5 MB). Parsing with one here fails loudly.
function unavailable(): never {
  throw new Error('zod is not part of the workflow bundle: validate with domain/json-schema.ts');
}

const inert: unknown = new Proxy(function inertSchema() {}, {
  get: (_target, key) => (key === 'parse' || key === 'safeParse' || key === 'parseAsync' || key === 'safeParseAsync' ? unavailable : inert),
  apply: () => inert,
});

export const z = inert;
export default inert;
