/**
 * @module schema/openapi-schemas
 * SchemaNode → OpenAPI 3.0 schema objects for `components.schemas` of the served `/openapi/v3` documents,
 * in the shape kube-apiserver publishes: `$ref: '#/components/schemas/<id>'`, property references wrapped
 * in `allOf`, `x-kubernetes-*` extensions (patch strategy and merge key, list and map types, group/version/
 * kinds as arrays on root kinds), and the special scalars (Quantity, IntOrString) as `oneOf`.
 */
import type { SchemaNode, SchemaRegistry } from './types';

/** A JSON value in an OpenAPI document. */
export type OpenApiObject = { [key: string]: unknown };

export const COMPONENT_PREFIX = '#/components/schemas/';

/** `{ $ref }` to a component. */
export const componentRef = (id: string): OpenApiObject => ({ $ref: `${COMPONENT_PREFIX}${id}` });

/** The `x-kubernetes-*` extensions of a node. */
function extensionsOf(node: SchemaNode): OpenApiObject {
  const ext: OpenApiObject = {};
  if (node.patchMergeKey) ext['x-kubernetes-patch-merge-key'] = node.patchMergeKey;
  if (node.patchStrategy) ext['x-kubernetes-patch-strategy'] = node.patchStrategy;
  if (node.listType) ext['x-kubernetes-list-type'] = node.listType;
  if (node.listMapKeys) ext['x-kubernetes-list-map-keys'] = [...node.listMapKeys];
  if (node.mapType) ext['x-kubernetes-map-type'] = node.mapType;
  if (node.preserveUnknownFields) ext['x-kubernetes-preserve-unknown-fields'] = true;
  if (node.embeddedResource) ext['x-kubernetes-embedded-resource'] = true;
  if (node.gvk?.length) {
    ext['x-kubernetes-group-version-kind'] = node.gvk.map(({ group, kind, version }) => ({
      group,
      kind,
      version,
    }));
  }
  return ext;
}

const VALIDATION_KEYS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'default',
  'nullable',
] as const;

/**
 * Converts one node. `asProperty` wraps references in `allOf` (kube-apiserver does so for every property
 * that carries a description or default), which is where patch extensions of referencing fields live.
 */
export function toOpenApiSchema(node: SchemaNode, asProperty = false): OpenApiObject {
  if (node.ref) {
    const local: OpenApiObject = { ...extensionsOf(node) };
    if (node.description) local.description = node.description;
    if (asProperty || Object.keys(local).length) return { allOf: [componentRef(node.ref)], ...local };
    return componentRef(node.ref);
  }
  const out: OpenApiObject = {};
  if (node.description) out.description = node.description;
  if (node.intOrString && node.format === 'quantity') {
    out.oneOf = [{ type: 'string' }, { type: 'number' }];
  } else if (node.intOrString) {
    if (node.format) out.format = node.format;
    out['x-kubernetes-int-or-string'] = true;
    if (!node.anyOf && !node.oneOf) out.oneOf = [{ type: 'integer' }, { type: 'string' }];
  } else {
    if (node.type) out.type = node.type;
    if (node.format) out.format = node.format;
  }
  if (node.enum) out.enum = [...node.enum];
  for (const key of VALIDATION_KEYS) if (node[key] !== undefined) out[key] = node[key];
  if (node.properties) {
    const props: OpenApiObject = {};
    for (const [name, prop] of Object.entries(node.properties)) props[name] = toOpenApiSchema(prop, true);
    out.properties = props;
  }
  if (node.required?.length) out.required = [...node.required];
  if (node.additionalProperties === true) out.additionalProperties = true;
  else if (node.additionalProperties) out.additionalProperties = toOpenApiSchema(node.additionalProperties);
  if (node.items) out.items = toOpenApiSchema(node.items);
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const list = node[key];
    if (list) out[key] = list.map((s) => toOpenApiSchema(s));
  }
  if (node.not) out.not = toOpenApiSchema(node.not);
  return { ...out, ...extensionsOf(node) };
}

/** Definition ids a node refers to, directly or nested. */
export function referencedIds(node: SchemaNode, out: Set<string> = new Set()): Set<string> {
  if (node.ref) out.add(node.ref);
  for (const p of Object.values(node.properties ?? {})) referencedIds(p, out);
  if (node.items) referencedIds(node.items, out);
  if (node.additionalProperties && node.additionalProperties !== true)
    referencedIds(node.additionalProperties, out);
  for (const list of [node.allOf, node.anyOf, node.oneOf]) for (const s of list ?? []) referencedIds(s, out);
  if (node.not) referencedIds(node.not, out);
  return out;
}

/**
 * The `components.schemas` map for a set of root definitions and everything they reach. `extra` holds
 * schemas synthesized by the caller (lists of custom kinds), which win over registry lookups.
 */
export function buildComponents(
  rootIds: Iterable<string>,
  registry: SchemaRegistry,
  extra: Record<string, SchemaNode> = {},
): Record<string, OpenApiObject> {
  const nodes = new Map<string, SchemaNode>();
  const queue = [...rootIds];
  while (queue.length) {
    const id = queue.pop()!;
    if (nodes.has(id)) continue;
    const node = extra[id] ?? registry.resolve(id);
    if (!node) continue;
    nodes.set(id, node);
    for (const ref of referencedIds(node)) if (!nodes.has(ref)) queue.push(ref);
  }
  const components: Record<string, OpenApiObject> = {};
  for (const id of [...nodes.keys()].sort()) components[id] = toOpenApiSchema(nodes.get(id)!);
  return components;
}
