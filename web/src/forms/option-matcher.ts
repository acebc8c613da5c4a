// What the form renderer asks of a validator, answered without compiling schemas to code (the CSP
// forbids eval, which Ajv's compiler needs). The API validates every step against the same
// schema and its answer is shown at the fields; here the renderer only needs to know which option
// of an `anyOf` (a value or null) some data fits, which a structural check tells.
import type { RJSFSchema, ValidatorType } from '@rjsf/utils';

type Schema = RJSFSchema;

function fits(schema: Schema | boolean | undefined, value: unknown, root: Schema): boolean {
  if (schema === undefined || schema === true) return true;
  if (schema === false) return false;
  if (schema.$ref) return fits(root.$defs?.[schema.$ref.replace('#/$defs/', '')] as Schema | undefined, value, root);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return (options as Schema[]).some((option) => fits(option, value, root));
  if ('const' in schema) return schema.const === value;
  if (schema.enum) return schema.enum.includes(value as never);
  switch (schema.type) {
    case 'null':
      return value === null;
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'number':
    case 'integer':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value) && (schema.required ?? []).every((name) => name in (value as object));
    default:
      return true;
  }
}

export const optionMatcher: ValidatorType = {
  validateFormData: () => ({ errors: [], errorSchema: {} }),
  isValid: (schema, formData, root) => fits(schema, formData, root),
  rawValidation: () => ({ errors: [] }),
};
