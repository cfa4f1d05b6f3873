/**
 * @module schema/validate
 * Schema checks the apiserver performs while decoding a request body: unknown fields (reported as
 * `strict decoding error: unknown field "spec.foo"` under `fieldValidation=Strict`, as warnings under `Warn`)
 * and JSON type mismatches (a 400 decode error for built-in kinds). Custom resources additionally get
 * OpenAPI v3 validation, pruning and defaulting (re-exported from `crd-validate`, `prune`, `defaults`).
 */
import type { StatusCause } from '@sphere/shared';
import { deref } from './registry';
import type { SchemaNode, SchemaRegistry } from './types';

export { validateCustomResource } from './crd-validate';
export { pruneUnknownFields } from './prune';
export { findDuplicateFields } from './duplicates';
export { applyCustomResourceDefaults } from './defaults';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `a` + `b` as the apiserver writes field paths: `spec.template.spec.containers[0].foo`. */
export function childPath(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Fields that every embedded object (`x-kubernetes-embedded-resource`) may carry. */
const EMBEDDED_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * Paths of fields the schema does not know, in document order, formatted as kube-apiserver reports them
 * (`spec.foo`, `spec.template.spec.containers[0].foo`, `metadata.labelz`). `apiVersion` and `kind` are always
 * allowed at the root; `metadata` is typed by ObjectMeta.
 */
export function findUnknownFields(obj: unknown, root: SchemaNode, registry: SchemaRegistry): string[] {
  const out: string[] = [];
  if (isObject(obj)) {
    const rest = { ...obj };
    delete rest.apiVersion;
    delete rest.kind;
    walkUnknown(rest, root, '', registry, out);
  }
  return out;
}

function walkUnknown(
  value: unknown,
  node: SchemaNode,
  path: string,
  registry: SchemaRegistry,
  out: string[],
) {
  if (value === null || typeof value !== 'object') return;
  const n = deref(node, registry);
  if (n.intOrString) return;
  if (Array.isArray(value)) {
    if (n.items) value.forEach((v, i) => walkUnknown(v, n.items!, `${path}[${i}]`, registry, out));
    return;
  }
  if (n.type && n.type !== 'object') return; // a type error, reported by checkTypes
  for (const [key, child] of Object.entries(value)) {
    const field = childPath(path, key);
    const prop = n.properties?.[key];
    if (prop) walkUnknown(child, prop, field, registry, out);
    else if (n.additionalProperties && n.additionalProperties !== true) {
      walkUnknown(child, n.additionalProperties, field, registry, out);
    } else if (n.embeddedResource && EMBEDDED_FIELDS.has(key)) {
      continue;
    } else if (!n.preserveUnknownFields && n.additionalProperties !== true) {
      out.push(field);
    }
  }
}

/** The Go type name a definition id stands for (`io.k8s.api.core.v1.PodSpec` → `v1.PodSpec`). */
function goTypeOfRef(ref: string): string {
  const parts = ref.split('.');
  return parts.slice(-2).join('.');
}

function goTypeOf(node: SchemaNode, registry: SchemaRegistry): string {
  if (node.ref) return goTypeOfRef(node.ref);
  switch (node.type) {
    case 'integer':
      return node.format === 'int32' ? 'int32' : 'int64';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    case 'string':
      return node.format === 'byte' ? '[]uint8' : 'string';
    case 'array':
      return `[]${node.items ? goTypeOf(node.items, registry) : 'interface {}'}`;
    case 'object':
      if (node.additionalProperties && node.additionalProperties !== true) {
        return `map[string]${goTypeOf(node.additionalProperties, registry)}`;
      }
      return 'map[string]interface {}';
    default:
      return 'interface {}';
  }
}

/** How Go's encoding/json names a JSON value in `cannot unmarshal <x> into ...`. */
function jsonKindOf(value: unknown, wantInteger: boolean): string {
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number')
    return wantInteger && !Number.isInteger(value) ? `number ${value}` : 'number';
  if (typeof value === 'string') return 'string';
  return 'object';
}

/** Accepted by `resource.Quantity` (the apiserver's decode-time check). */
const QUANTITY = /^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/;

function matchesType(value: unknown, n: SchemaNode): boolean {
  if (n.intOrString) {
    return (
      typeof value === 'string' ||
      (typeof value === 'number' && (n.format === 'quantity' || Number.isInteger(value)))
    );
  }
  switch (n.type) {
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
    default:
      return true;
  }
}

/**
 * Type mismatches in a built-in object, as Go's JSON decoder reports them:
 * `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.
 * `null` is accepted everywhere (it decodes to the zero value). The caller turns the causes into a 400
 * (see `decodeErrorMessage`).
 */
export function checkTypes(obj: unknown, root: SchemaNode, registry: SchemaRegistry): StatusCause[] {
  const causes: StatusCause[] = [];
  if (isObject(obj)) walkTypes(obj, root, '', rootStructName(root), registry, causes);
  return causes;
}

function rootStructName(root: SchemaNode): string {
  if (root.ref) return root.ref.split('.').pop()!;
  return root.gvk?.[0]?.kind ?? 'Object';
}

function walkTypes(
  value: unknown,
  node: SchemaNode,
  path: string,
  struct: string,
  registry: SchemaRegistry,
  causes: StatusCause[],
): void {
  if (value === null || value === undefined) return;
  const n = deref(node, registry);
  if (!matchesType(value, n)) {
    const goType = goTypeOf(node.ref ? node : n, registry);
    const kind = jsonKindOf(value, n.type === 'integer');
    causes.push({
      reason: 'FieldValueTypeInvalid',
      field: path,
      message: `json: cannot unmarshal ${kind} into Go struct field ${struct}.${path} of type ${goType}`,
    });
    return;
  }
  if (n.format === 'quantity' && typeof value === 'string' && !QUANTITY.test(value)) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: path,
      message: `quantities must match the regular expression '${QUANTITY.source}'`,
    });
    return;
  }
  if (n.preserveUnknownFields && !n.properties) return;
  // Fields of a struct are reported as `<StructName>.<full path>` (Go 1.20+ encoding/json).
  const childStruct = node.ref ? node.ref.split('.').pop()! : struct;
  if (Array.isArray(value)) {
    if (n.items)
      value.forEach((v, i) => walkTypes(v, n.items!, `${path}[${i}]`, childStruct, registry, causes));
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const prop = n.properties?.[key];
    const sub = prop ?? (n.additionalProperties !== true ? n.additionalProperties : undefined);
    if (sub) walkTypes(child, sub, childPath(path, key), childStruct, registry, causes);
  }
}

/** The 400 message kube-apiserver answers for an undecodable built-in object. */
export function decodeErrorMessage(kind: string, version: string, causes: StatusCause[]): string {
  return `${kind} in version "${version}" cannot be handled as a ${kind}: ${causes.map((c) => c.message).join(', ')}`;
}

/** The 400 message for `fieldValidation=Strict` failures (unknown and duplicate fields). */
export function strictDecodingMessage(unknown: string[], duplicates: string[] = []): string {
  const parts = [
    ...duplicates.map((p) => `duplicate field "${p}"`),
    ...unknown.map((p) => `unknown field "${p}"`),
  ];
  return `strict decoding error: ${parts.join(', ')}`;
}
