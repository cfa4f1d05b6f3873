/**
 * @module schema/from-openapi
 * Converts a CustomResourceDefinition's `openAPIV3Schema` (a JSON-schema subset with `x-kubernetes-*`
 * extensions) into a SchemaNode, keeping the validation keywords structural validation needs.
 */
import type { SchemaNode } from './types';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

/** Converts one JSONSchemaProps object (recursively). Unknown keywords are ignored. */
export function fromOpenApiV3Schema(schema: unknown): SchemaNode {
  if (!isObject(schema)) return {};
  const s = schema;
  const node: SchemaNode = {};
  if (typeof s.type === 'string' && TYPES.has(s.type)) node.type = s.type as SchemaNode['type'];
  if (typeof s.format === 'string') node.format = s.format;
  if (typeof s.description === 'string') node.description = s.description;
  if (Array.isArray(s.enum)) node.enum = [...s.enum];
  if (s.nullable === true) node.nullable = true;
  if ('default' in s) node.default = s.default;

  if (isObject(s.properties)) {
    node.properties = {};
    for (const [name, sub] of Object.entries(s.properties)) node.properties[name] = fromOpenApiV3Schema(sub);
  }
  if (Array.isArray(s.required)) node.required = s.required.filter((r): r is string => typeof r === 'string');
  // `additionalProperties: false` is the default for structural schemas with properties; `true` means any.
  if (s.additionalProperties === true) node.additionalProperties = true;
  else if (isObject(s.additionalProperties))
    node.additionalProperties = fromOpenApiV3Schema(s.additionalProperties);
  if (isObject(s.items)) node.items = fromOpenApiV3Schema(s.items);
  else if (Array.isArray(s.items) && s.items.length) node.items = fromOpenApiV3Schema(s.items[0]);

  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = s[key];
    if (Array.isArray(list)) node[key] = list.map(fromOpenApiV3Schema);
  }
  if (isObject(s.not)) node.not = fromOpenApiV3Schema(s.not);

  const numeric = [
    'minimum',
    'maximum',
    'multipleOf',
    'minLength',
    'maxLength',
    'minItems',
    'maxItems',
    'minProperties',
    'maxProperties',
  ] as const;
  for (const key of numeric) {
    const v = num(s[key]);
    if (v !== undefined) node[key] = v;
  }
  if (s.exclusiveMinimum === true) node.exclusiveMinimum = true;
  if (s.exclusiveMaximum === true) node.exclusiveMaximum = true;
  if (s.uniqueItems === true) node.uniqueItems = true;
  if (typeof s.pattern === 'string') node.pattern = s.pattern;

  if (s['x-kubernetes-int-or-string'] === true) node.intOrString = true;
  if (s['x-kubernetes-preserve-unknown-fields'] === true) node.preserveUnknownFields = true;
  if (s['x-kubernetes-embedded-resource'] === true) node.embeddedResource = true;
  const listType = s['x-kubernetes-list-type'];
  if (listType === 'atomic' || listType === 'set' || listType === 'map') node.listType = listType;
  const mapKeys = s['x-kubernetes-list-map-keys'];
  if (Array.isArray(mapKeys)) node.listMapKeys = mapKeys.filter((k): k is string => typeof k === 'string');
  const mapType = s['x-kubernetes-map-type'];
  if (mapType === 'atomic' || mapType === 'granular') node.mapType = mapType;
  return node;
}
