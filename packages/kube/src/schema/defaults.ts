/**
 * @module schema/defaults
 * Structural defaulting of custom resources: `default` values of a CRD schema fill fields that are
 * absent (or `null` where the field is not nullable), recursively, as kube-apiserver does when it decodes
 * a request body and when it reads an object from storage.
 */
import type { SchemaNode } from './types';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Fills defaults in place. The root's `apiVersion`, `kind` and `metadata` are left alone. */
export function applyCustomResourceDefaults(obj: unknown, schema: SchemaNode): void {
  if (!isObject(obj)) return;
  defaultObject(obj, schema, true);
}

function defaultValue(value: unknown, node: SchemaNode): void {
  if (node.ref) return;
  if (Array.isArray(value)) {
    if (node.items) for (const item of value) defaultValue(item, node.items);
    return;
  }
  if (isObject(value)) defaultObject(value, node, false);
}

function defaultObject(obj: JsonObject, node: SchemaNode, root: boolean): void {
  for (const [key, prop] of Object.entries(node.properties ?? {})) {
    if (root && (key === 'apiVersion' || key === 'kind' || key === 'metadata')) continue;
    const missing = !(key in obj) || (obj[key] === null && !prop.nullable);
    if (missing && prop.default !== undefined) obj[key] = structuredClone(prop.default);
    if (key in obj) defaultValue(obj[key], prop);
  }
  if (node.additionalProperties && node.additionalProperties !== true) {
    for (const [key, value] of Object.entries(obj)) {
      if (!node.properties?.[key]) defaultValue(value, node.additionalProperties);
    }
  }
}
