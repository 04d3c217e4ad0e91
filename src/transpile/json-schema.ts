/**
 * The subset of JSON Schema (draft-07) that mappings/mappings.schema.json uses: type, enum, pattern,
 * minimum, properties, required, additionalProperties, items, minItems, oneOf and local $ref.
 * No dependency is installed for this; the schema stays the one source of truth for editors and the loader.
 */
export type JsonSchema = {
  $ref?: string; type?: string; enum?: unknown[]; pattern?: string; minimum?: number; minItems?: number;
  properties?: Record<string, JsonSchema>; required?: string[]; additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema; oneOf?: JsonSchema[]; definitions?: Record<string, JsonSchema>;
};

/** The first problem found, as `path: reason`, or undefined when the value is valid. */
export function validateJson(value: unknown, schema: JsonSchema, root: JsonSchema = schema, path = '$'): string | undefined {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/definitions/', '');
    const target = root.definitions?.[name];
    if (!target) return `${path}: schema reference ${schema.$ref} not found`;
    return validateJson(value, target, root, path);
  }
  if (schema.oneOf) {
    const errors = schema.oneOf.map((s) => validateJson(value, s, root, path));
    if (errors.some((e) => e === undefined)) return undefined;
    // Report the branch whose type fits, which is the one the author meant.
    const typed = schema.oneOf.findIndex((s) => typeFits(value, s, root));
    return typed >= 0 ? errors[typed] : `${path}: ${describe(value)} is not allowed here`;
  }
  if (schema.type && !typeFits(value, schema, root)) return `${path}: expected ${schema.type}, found ${describe(value)}`;
  if (schema.enum && !schema.enum.includes(value)) return `${path}: must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
  if (typeof value === 'string' && schema.pattern && !new RegExp(schema.pattern).test(value)) {
    return `${path}: "${value}" does not match ${schema.pattern}`;
  }
  if (typeof value === 'number' && schema.minimum !== undefined && value < schema.minimum) return `${path}: must be >= ${schema.minimum}`;
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return `${path}: needs at least ${schema.minItems} item(s)`;
    if (schema.items) {
      for (let i = 0; i < value.length; i++) {
        const e = validateJson(value[i], schema.items, root, `${path}[${i}]`);
        if (e) return e;
      }
    }
  } else if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const r of schema.required ?? []) if (!(r in obj)) return `${path}: missing required key "${r}"`;
    for (const [k, v] of Object.entries(obj)) {
      const p = schema.properties?.[k];
      if (p) {
        const e = validateJson(v, p, root, `${path}.${k}`);
        if (e) return e;
      } else if (schema.additionalProperties === false) {
        return `${path}: unknown key "${k}"${schema.properties ? ` (allowed: ${Object.keys(schema.properties).join(', ')})` : ''}`;
      } else if (typeof schema.additionalProperties === 'object') {
        const e = validateJson(v, schema.additionalProperties, root, `${path}.${k}`);
        if (e) return e;
      }
    }
  }
  return undefined;
}

function typeFits(value: unknown, schema: JsonSchema, root: JsonSchema): boolean {
  const s = schema.$ref ? root.definitions?.[schema.$ref.replace('#/definitions/', '')] ?? schema : schema;
  switch (s.type) {
    case undefined: return s.enum ? s.enum.includes(value) : true;
    case 'string': return typeof value === 'string';
    case 'integer': return Number.isInteger(value);
    case 'number': return typeof value === 'number';
    case 'boolean': return typeof value === 'boolean';
    case 'array': return Array.isArray(value);
    case 'object': return value !== null && typeof value === 'object' && !Array.isArray(value);
    default: return false;
  }
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${JSON.stringify(v)}`;
}
