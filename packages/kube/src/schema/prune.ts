/**
 * @module schema/prune
 * Pruning of custom resources: fields their structural schema does not specify are dropped before the
 * object is stored, unless a node says `x-kubernetes-preserve-unknown-fields`. Embedded resources keep
 * `apiVersion`, `kind` and `metadata`; the root's `apiVersion`, `kind` and `metadata` are never pruned.
 */
import type { SchemaNode } from './types';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

/**
 * Removes unspecified fields in place. Returns the removed fields' paths (`spec.foo`,
 * `spec.items[0].bar`), which are exactly the unknown fields `fieldValidation=Strict|Warn` reports for
 * custom resources.
 */
export function pruneUnknownFields(obj: unknown, schema: SchemaNode): string[] {
  const removed: string[] = [];
  if (isObject(obj)) pruneObject(obj, schema, '', ROOT_FIELDS, removed);
  return removed;
}

function pruneValue(value: unknown, node: SchemaNode, path: string, removed: string[]): void {
  if (node.ref) return; // a typed built-in (metadata): not pruned by the CRD schema
  if (Array.isArray(value)) {
    if (node.items) value.forEach((v, i) => pruneValue(v, node.items!, `${path}[${i}]`, removed));
    return;
  }
  if (isObject(value))
    pruneObject(value, node, path, node.embeddedResource ? ROOT_FIELDS : undefined, removed);
}

function pruneObject(
  obj: JsonObject,
  node: SchemaNode,
  path: string,
  keep: Set<string> | undefined,
  removed: string[],
): void {
  // allOf/anyOf/oneOf may not declare fields in a structural schema, so properties alone decide.
  for (const key of Object.keys(obj)) {
    const field = path ? `${path}.${key}` : key;
    if (keep?.has(key)) {
      if (key === 'metadata' && path && isObject(obj[key])) pruneEmbeddedMetadata(obj[key] as JsonObject);
      continue;
    }
    const prop = node.properties?.[key];
    if (prop) pruneValue(obj[key], prop, field, removed);
    else if (node.additionalProperties && node.additionalProperties !== true) {
      pruneValue(obj[key], node.additionalProperties, field, removed);
    } else if (!node.preserveUnknownFields && node.additionalProperties !== true) {
      delete obj[key];
      removed.push(field);
    }
  }
}

/** Metadata of embedded objects keeps only the fields a template may carry (as upstream's coercion does). */
const EMBEDDED_METADATA = new Set([
  'name',
  'namespace',
  'generateName',
  'labels',
  'annotations',
  'finalizers',
  'ownerReferences',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
]);

function pruneEmbeddedMetadata(meta: JsonObject): void {
  for (const key of Object.keys(meta)) if (!EMBEDDED_METADATA.has(key)) delete meta[key];
}
