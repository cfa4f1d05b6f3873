/**
 * @module schema/crd-validate
 * OpenAPI v3 validation of custom resources against their CRD's structural schema, producing the 422 causes
 * kube-apiserver produces: `spec.replicas: Invalid value: "string": spec.replicas in body must be of type
 * integer: "string"`, `spec.foo: Required value`, `spec.mode: Unsupported value: "x": supported values: ...`.
 */
import { fieldErrors, type StatusCause } from '@sphere/shared';
import type { SchemaNode } from './types';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const child = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The type name kube-openapi reports for a JSON value. */
function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  return typeof value; // string, object
}

function hasType(value: unknown, type: NonNullable<SchemaNode['type']>): boolean {
  switch (type) {
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'string':
      return typeof value === 'string';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
  }
}

/** String formats kube-apiserver checks; others are accepted as plain strings. */
const FORMATS: Record<string, (s: string) => boolean> = {
  'date-time': (s) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(s),
  date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s),
  uuid: (s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s),
  byte: (s) => /^[A-Za-z0-9+/]*={0,2}$/.test(s) && s.length % 4 === 0,
  ipv4: (s) => /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/.test(s),
  email: (s) => /^[^@\s]+@[^@\s]+$/.test(s),
};

/** JSON equality for enum and uniqueness checks (key order insensitive). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (isObject(v)) {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * Validates a custom resource against its version's schema (as converted by `fromOpenApiV3Schema`).
 * `apiVersion`, `kind` and `metadata` at the root are left to the generic object checks; nodes that are
 * references (`metadata` typed by ObjectMeta) are skipped.
 */
export function validateCustomResource(obj: unknown, schema: SchemaNode): StatusCause[] {
  const causes: StatusCause[] = [];
  if (!isObject(obj)) return causes;
  const rest = { ...obj };
  delete rest.apiVersion;
  delete rest.kind;
  delete rest.metadata;
  const rootSchema: SchemaNode = { ...schema, required: schema.required?.filter((r) => r !== 'metadata') };
  validateNode(rest, rootSchema, '', causes);
  return causes;
}

/** The type a value should have had, or undefined when its JSON type is acceptable. */
function expectedType(value: unknown, node: SchemaNode): string | undefined {
  if (value === null) {
    if (node.nullable) return undefined;
    return node.intOrString ? 'integer,string' : node.type;
  }
  if (node.intOrString) {
    const ok = typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
    return ok ? undefined : 'integer,string';
  }
  return node.type && !hasType(value, node.type) ? node.type : undefined;
}

function validateNode(value: unknown, node: SchemaNode, path: string, causes: StatusCause[]): void {
  if (node.ref) return;
  const shown = path || '<root>';
  const expected = expectedType(value, node);
  if (expected) {
    const actual = jsonTypeOf(value);
    causes.push(
      fieldErrors.invalid(path, actual, `${shown} in body must be of type ${expected}: "${actual}"`),
    );
  }
  if (value === null) return;
  // Like kube-openapi, enum is checked whatever the type; the keyword checks apply to values of their type.
  if (node.enum && !node.enum.some((e) => canonical(e) === canonical(value))) {
    const supported = node.enum.map((e) => (typeof e === 'string' ? e : JSON.stringify(e)));
    causes.push(fieldErrors.notSupported(path, value, supported));
  }
  if (!expected) {
    if (typeof value === 'number') validateNumber(value, node, path, shown, causes);
    if (typeof value === 'string') validateString(value, node, path, shown, causes);
    if (Array.isArray(value)) validateArray(value, node, path, shown, causes);
    if (isObject(value)) validateObject(value, node, path, shown, causes);
  }
  validateCombinators(value, node, path, shown, causes);
}

function validateNumber(value: number, node: SchemaNode, path: string, shown: string, causes: StatusCause[]) {
  if (node.minimum !== undefined) {
    if (node.exclusiveMinimum ? value <= node.minimum : value < node.minimum) {
      const op = node.exclusiveMinimum ? 'greater than' : 'greater than or equal to';
      causes.push(fieldErrors.invalid(path, value, `${shown} in body should be ${op} ${node.minimum}`));
    }
  }
  if (node.maximum !== undefined) {
    if (node.exclusiveMaximum ? value >= node.maximum : value > node.maximum) {
      const op = node.exclusiveMaximum ? 'less than' : 'less than or equal to';
      causes.push(fieldErrors.invalid(path, value, `${shown} in body should be ${op} ${node.maximum}`));
    }
  }
  if (node.multipleOf !== undefined && node.multipleOf > 0) {
    const q = value / node.multipleOf;
    if (Math.abs(q - Math.round(q)) > 1e-9) {
      causes.push(
        fieldErrors.invalid(path, value, `${shown} in body should be a multiple of ${node.multipleOf}`),
      );
    }
  }
}

function validateString(value: string, node: SchemaNode, path: string, shown: string, causes: StatusCause[]) {
  const length = [...value].length;
  if (node.minLength !== undefined && length < node.minLength) {
    causes.push(
      fieldErrors.invalid(path, value, `${shown} in body should be at least ${node.minLength} chars long`),
    );
  }
  if (node.maxLength !== undefined && length > node.maxLength) {
    causes.push(fieldErrors.tooLong(path, value, node.maxLength));
  }
  if (node.pattern !== undefined && !safeRegExp(node.pattern)?.test(value)) {
    causes.push(fieldErrors.invalid(path, value, `${shown} in body should match '${node.pattern}'`));
  }
  const check = node.format ? FORMATS[node.format] : undefined;
  if (check && !check(value)) {
    causes.push(
      fieldErrors.invalid(path, value, `${shown} in body must be of type ${node.format}: "${value}"`),
    );
  }
}

const regexCache = new Map<string, RegExp | undefined>();

/** Compiles a schema pattern once; an uncompilable pattern matches nothing rather than throwing. */
function safeRegExp(pattern: string): RegExp | undefined {
  if (!regexCache.has(pattern)) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = undefined;
    }
    regexCache.set(pattern, re);
  }
  return regexCache.get(pattern);
}

function validateArray(
  value: unknown[],
  node: SchemaNode,
  path: string,
  shown: string,
  causes: StatusCause[],
) {
  if (node.minItems !== undefined && value.length < node.minItems) {
    causes.push(
      fieldErrors.invalid(path, value, `${shown} in body should have at least ${node.minItems} items`),
    );
  }
  if (node.maxItems !== undefined && value.length > node.maxItems) {
    causes.push({
      reason: 'FieldValueTooMany',
      field: path,
      message: `Too many: ${value.length}: must have at most ${node.maxItems} items`,
    });
  }
  if (node.items) value.forEach((v, i) => validateNode(v, node.items!, `${path}[${i}]`, causes));
  const listKeys = node.listType === 'map' ? (node.listMapKeys ?? []) : undefined;
  if (node.uniqueItems || node.listType === 'set' || listKeys) {
    const seen = new Set<string>();
    value.forEach((v, i) => {
      const identity =
        listKeys && isObject(v) ? Object.fromEntries(listKeys.map((k) => [k, v[k] ?? null])) : v;
      const key = canonical(identity);
      if (seen.has(key)) causes.push(fieldErrors.duplicate(`${path}[${i}]`, identity));
      seen.add(key);
    });
  }
}

function validateObject(
  value: JsonObject,
  node: SchemaNode,
  path: string,
  shown: string,
  causes: StatusCause[],
) {
  for (const name of node.required ?? []) {
    if (!(name in value)) causes.push(fieldErrors.required(child(path, name)));
  }
  const count = Object.keys(value).length;
  if (node.minProperties !== undefined && count < node.minProperties) {
    causes.push(
      fieldErrors.invalid(
        path,
        value,
        `${shown} in body should have at least ${node.minProperties} properties`,
      ),
    );
  }
  if (node.maxProperties !== undefined && count > node.maxProperties) {
    causes.push({
      reason: 'FieldValueTooMany',
      field: path,
      message: `Too many: ${count}: must have at most ${node.maxProperties} items`,
    });
  }
  for (const [key, v] of Object.entries(value)) {
    const prop = node.properties?.[key];
    if (prop) validateNode(v, prop, child(path, key), causes);
    else if (node.additionalProperties && node.additionalProperties !== true) {
      validateNode(v, node.additionalProperties, child(path, key), causes);
    }
  }
  if (node.embeddedResource) {
    for (const name of ['apiVersion', 'kind']) {
      if (typeof value[name] !== 'string' || value[name] === '') {
        causes.push(fieldErrors.required(child(path, name), 'must not be empty'));
      }
    }
  }
}

function causesOf(value: unknown, node: SchemaNode, path: string): StatusCause[] {
  const causes: StatusCause[] = [];
  validateNode(value, node, path, causes);
  return causes;
}

/** kube-openapi reports failed combinators without a field: `<nil>: Invalid value: "": "spec.x" must ...`. */
const combinatorCause = (message: string): StatusCause => ({
  reason: 'FieldValueInvalid',
  message: `Invalid value: "": ${message}`,
});

/** The failing branch with the fewest errors (the first on ties), as kube-openapi reports it. */
function bestFailure(results: StatusCause[][]): StatusCause[] {
  return results.reduce((best, r) => (r.length && r.length < best.length ? r : best), results[0] ?? []);
}

function validateCombinators(
  value: unknown,
  node: SchemaNode,
  path: string,
  shown: string,
  causes: StatusCause[],
) {
  if (node.allOf?.length) {
    const failing = node.allOf.map((s) => causesOf(value, s, path)).filter((r) => r.length);
    if (failing.length) {
      const none = failing.length === node.allOf.length ? '. None validated' : '';
      causes.push(
        combinatorCause(`"${shown}" must validate all the schemas (allOf)${none}`),
        ...failing.flat(),
      );
    }
  }
  if (node.anyOf?.length) {
    const results = node.anyOf.map((s) => causesOf(value, s, path));
    if (results.every((r) => r.length)) {
      causes.push(
        combinatorCause(`"${shown}" must validate at least one schema (anyOf)`),
        ...bestFailure(results),
      );
    }
  }
  if (node.oneOf?.length) {
    const results = node.oneOf.map((s) => causesOf(value, s, path));
    const valid = results.filter((r) => !r.length).length;
    if (valid !== 1) {
      causes.push(combinatorCause(`"${shown}" must validate one and only one schema (oneOf)`));
      if (valid === 0) causes.push(...bestFailure(results));
    }
  }
  if (node.not && causesOf(value, node.not, path).length === 0) {
    causes.push(combinatorCause(`"${shown}" must not validate the schema (not)`));
  }
}
