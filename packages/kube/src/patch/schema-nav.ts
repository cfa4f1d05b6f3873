/**
 * @module patch/schema-nav
 * Walking a SchemaNode tree alongside a value: resolving `ref`s through the registry and finding the
 * schema of a field, a map value or a list item. A node that refers to a definition may carry its own
 * patch and list metadata (`x-kubernetes-patch-strategy` sits beside the `$ref` in OpenAPI), which wins
 * over the definition's.
 */
import type { SchemaNode, SchemaRegistry } from '../schema/types';

const MAX_REF_DEPTH = 32;

/** Resolved nodes per registry, so repeated walks reuse one object per schema node. */
const resolvedCache = new WeakMap<SchemaRegistry, WeakMap<SchemaNode, SchemaNode | null>>();

/** The node with every `ref` followed; undefined when there is no schema or the ref is unknown. */
export function resolveSchema(
  node: SchemaNode | undefined,
  registry: SchemaRegistry,
): SchemaNode | undefined {
  if (!node) return undefined;
  if (!node.ref) return node;
  let cache = resolvedCache.get(registry);
  if (!cache) {
    cache = new WeakMap();
    resolvedCache.set(registry, cache);
  }
  const cached = cache.get(node);
  if (cached !== undefined) return cached ?? undefined;
  let current: SchemaNode | undefined = node;
  for (let depth = 0; current?.ref && depth < MAX_REF_DEPTH; depth++) {
    const target = registry.resolve(current.ref);
    if (!target) {
      current = withoutRef(current);
      break;
    }
    const { ref: _ref, ...own } = current;
    current = { ...target, ...own, ref: target.ref };
  }
  cache.set(node, current ?? null);
  return current;
}

function withoutRef(node: SchemaNode): SchemaNode | undefined {
  const { ref: _ref, ...own } = node;
  return Object.keys(own).length > 0 ? own : undefined;
}

/** Schema of `key` inside an object node: a declared property, else the map's value schema. */
export function fieldSchema(
  parent: SchemaNode | undefined,
  key: string,
  registry: SchemaRegistry,
): SchemaNode | undefined {
  const node = resolveSchema(parent, registry);
  if (!node) return undefined;
  const declared = node.properties?.[key];
  if (declared) return resolveSchema(declared, registry);
  const values = node.additionalProperties;
  return typeof values === 'object' ? resolveSchema(values, registry) : undefined;
}

/** Schema of the items of a list node. */
export function itemSchema(list: SchemaNode | undefined, registry: SchemaRegistry): SchemaNode | undefined {
  return resolveSchema(resolveSchema(list, registry)?.items, registry);
}

/** Strategic merge patch strategy of a field: `merge`/`replace`/'' plus whether retainKeys applies. */
export function patchStrategyOf(node: SchemaNode | undefined): { strategy: string; retainKeys: boolean } {
  const parts = (node?.patchStrategy ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    strategy: parts.find((p) => p !== 'retainKeys') ?? '',
    retainKeys: parts.includes('retainKeys'),
  };
}
