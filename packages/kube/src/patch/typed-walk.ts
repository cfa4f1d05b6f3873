/**
 * @module patch/typed-walk
 * Walks an object together with its schema the way server-side apply sees it: which nodes are leaves
 * (scalars, atomic maps and lists), how list items are named (`k:`/`v:`/`i:`), and from that the field
 * set of an object (`fieldSetOf`) and the difference between two objects (`compareObjects`).
 */
import type { SchemaNode, SchemaRegistry } from '../schema/types';
import { FieldSet, type FieldPath, type PathElement } from './fieldpath';
import { isObject, jsonEqual, type JsonObject } from './json-value';
import { itemSchema, resolveSchema } from './schema-nav';

export type ListType = 'atomic' | 'set' | 'map';

/**
 * Defaults of list-map key fields that the apiserver fills in before apply compares items, so that an
 * applied `ports: [{containerPort: 80}]` names the same item as the live `{containerPort: 80, protocol: TCP}`.
 * A `default` in the item schema wins (CRDs); the built-in definitions carry none, hence this table.
 */
const KEY_FIELD_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

/** One child of a map or list node. */
export interface TypedChild {
  pe: PathElement;
  value: unknown;
  schema: SchemaNode | undefined;
  /** A declared struct field (not a map key, not a list item). */
  declared: boolean;
  isItem: boolean;
}

/** How server-side apply treats a list: explicit list type, else derived from the patch strategy. */
export function listTypeOf(node: SchemaNode | undefined): ListType {
  if (node?.listType) return node.listType;
  if ((node?.patchStrategy ?? '').split(',').includes('merge')) return node?.patchMergeKey ? 'map' : 'set';
  return 'atomic';
}

/** Key fields naming the items of an associative list. */
export function listKeysOf(node: SchemaNode | undefined): string[] {
  if (node?.listMapKeys?.length) return node.listMapKeys;
  return node?.patchMergeKey ? [node.patchMergeKey] : [];
}

/** The path element naming a list item. */
export function listItemElement(
  item: unknown,
  index: number,
  listType: ListType,
  keys: string[],
  itemNode?: SchemaNode,
): PathElement {
  if (listType === 'set' && !isObject(item) && !Array.isArray(item)) return `v:${JSON.stringify(item)}`;
  if (listType === 'map' && isObject(item)) {
    const key: JsonObject = {};
    for (const name of [...keys].sort()) {
      const value = item[name] ?? itemNode?.properties?.[name]?.default ?? KEY_FIELD_DEFAULTS[name];
      if (value !== undefined) key[name] = value;
    }
    if (Object.keys(key).length > 0) return `k:${JSON.stringify(key)}`;
  }
  return `i:${index}`;
}

/** The children of a node, or undefined when the node is a leaf (scalar, null, atomic map or list). */
export function childrenOf(
  value: unknown,
  schema: SchemaNode | undefined,
  registry: SchemaRegistry,
): TypedChild[] | undefined {
  const node = resolveSchema(schema, registry);
  if (isObject(value)) {
    if (node?.mapType === 'atomic') return undefined;
    const values = typeof node?.additionalProperties === 'object' ? node.additionalProperties : undefined;
    return Object.entries(value).map(([key, child]) => {
      const declared = node?.properties?.[key];
      return {
        pe: `f:${key}`,
        value: child,
        schema: resolveSchema(declared ?? values, registry),
        declared: !!declared,
        isItem: false,
      };
    });
  }
  if (Array.isArray(value)) {
    const listType = listTypeOf(node);
    if (listType === 'atomic') return undefined;
    const items = itemSchema(node, registry);
    const keys = listKeysOf(node);
    return value.map((item, i) => ({
      pe: listItemElement(item, i, listType, keys, items),
      value: item,
      schema: items,
      declared: false,
      isItem: true,
    }));
  }
  return undefined;
}

/**
 * The field set of an object as an applied configuration owns it: every leaf, every list item, map
 * keys, and empty or null values (structured-merge-diff `ToFieldSet`).
 */
export function fieldSetOf(
  value: unknown,
  schema: SchemaNode | undefined,
  registry: SchemaRegistry,
): FieldSet {
  const set = new FieldSet();
  const walk = (v: unknown, s: SchemaNode | undefined, path: FieldPath) => {
    const kids = childrenOf(v, s, registry);
    if (!kids) {
      set.insert(path);
      return;
    }
    for (const kid of kids) {
      const childPath = [...path, kid.pe];
      walk(kid.value, kid.schema, childPath);
      const emptyMap = isObject(kid.value) && Object.keys(kid.value).length === 0;
      if (kid.isItem || !kid.declared || kid.value === null || emptyMap) set.insert(childPath);
    }
  };
  walk(value, schema, []);
  return set;
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** What changed from `before` to `after`, by field path. */
export function compareObjects(
  before: unknown,
  after: unknown,
  schema: SchemaNode | undefined,
  registry: SchemaRegistry,
): Comparison {
  const result: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  const compare = (b: unknown, a: unknown, s: SchemaNode | undefined, path: FieldPath) => {
    const bKids = childrenOf(b, s, registry);
    const aKids = childrenOf(a, s, registry);
    const sameShape = Array.isArray(b) === Array.isArray(a) && isObject(b) === isObject(a);
    if (!bKids || !aKids || !sameShape) {
      if (!jsonEqual(b, a)) {
        if (path.length > 0) result.modified.insert(path);
        if (bKids) for (const kid of bKids) markAll(result.removed, kid, [...path, kid.pe], registry);
        if (aKids) for (const kid of aKids) markAdded(result.added, kid, [...path, kid.pe], registry);
      }
      return;
    }
    const byPe = new Map(bKids.map((k) => [k.pe, k]));
    const seen = new Set<PathElement>();
    for (const kid of aKids) {
      seen.add(kid.pe);
      const old = byPe.get(kid.pe);
      if (old === undefined) markAdded(result.added, kid, [...path, kid.pe], registry);
      else compare(old.value, kid.value, kid.schema, [...path, kid.pe]);
    }
    for (const kid of bKids) if (!seen.has(kid.pe)) markAll(result.removed, kid, [...path, kid.pe], registry);
  };
  compare(before, after, schema, []);
  return result;
}

/** Marks a node and everything below it. */
function markAll(set: FieldSet, kid: TypedChild, path: FieldPath, registry: SchemaRegistry): void {
  set.insert(path);
  for (const child of childrenOf(kid.value, kid.schema, registry) ?? []) {
    markAll(set, child, [...path, child.pe], registry);
  }
}

/**
 * Marks what an update added: leaves, list items, map keys and maps of values; struct nodes only
 * through their fields (upstream's typed objects always carry non-pointer structs, so they are never
 * "added" themselves).
 */
function markAdded(set: FieldSet, kid: TypedChild, path: FieldPath, registry: SchemaRegistry): void {
  const kids = childrenOf(kid.value, kid.schema, registry);
  const node = resolveSchema(kid.schema, registry);
  const granularMap = !!node?.additionalProperties && !node.properties;
  if (!kids || kids.length === 0 || kid.isItem || !kid.declared || granularMap) set.insert(path);
  for (const child of kids ?? []) markAdded(set, child, [...path, child.pe], registry);
}
