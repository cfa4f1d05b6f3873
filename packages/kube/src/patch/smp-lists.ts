/**
 * @module patch/smp-lists
 * List handling of strategic merge patch: merging lists of maps by their merge key, unions of primitive
 * lists, the `$patch` list directives, and the element order rules (patch order for the items the patch
 * names, live order for the rest, the two interleaved by their live positions) that kube-apiserver uses.
 */
import type { SchemaNode, SchemaRegistry } from '../schema/types';
import { mergePatchErrors, plainPatchError } from './errors';
import { cloneJson, goFormat, goTypeName, isObject, type JsonObject } from './json-value';
import { itemSchema, patchStrategyOf, resolveSchema } from './schema-nav';

export const DIRECTIVE = '$patch';

/** What the list code needs from the map code (the two recurse into each other). */
export interface SmpContext {
  registry: SchemaRegistry;
  mergeMap(original: JsonObject, patch: JsonObject, schema: SchemaNode | undefined): JsonObject;
}

type ElementKind = 'map' | 'list' | 'string' | 'number' | 'boolean';

/** Merges a patch list into the live list according to the field's patch strategy. */
export function mergeListField(
  ctx: SmpContext,
  original: unknown[],
  patch: unknown[],
  field: SchemaNode | undefined,
): unknown[] {
  return mergeListWithOrderBase(ctx, original, patch, field).merged;
}

/**
 * The merged list plus the live order `$setElementOrder` must interleave server-only items by. Upstream
 * deletes and appends in place on the live slice, so the order it later consults is the live list with
 * deletions shifted out and the first appended items written into the freed tail slots; we reproduce
 * that, since it decides where server-only items land.
 */
export function mergeListWithOrderBase(
  ctx: SmpContext,
  original: unknown[],
  patch: unknown[],
  field: SchemaNode | undefined,
): { merged: unknown[]; orderBase: unknown[] } {
  const { strategy } = patchStrategyOf(field);
  if (strategy !== 'merge') return { merged: cloneJson(patch), orderBase: original };
  // A list stored in a field typed as a single struct (pointer fields upstream) merges as a list of it.
  const items =
    itemSchema(field, ctx.registry) ?? (resolveSchema(field, ctx.registry)?.properties ? field : undefined);
  return mergeList(ctx, original, patch, items, field?.patchMergeKey ?? '');
}

/** The kind all elements of the lists share; 422 for lists of lists, 500 for mixed kinds. */
export function elementKind(...lists: unknown[][]): ElementKind | undefined {
  let kind: ElementKind | undefined;
  for (const list of lists) {
    for (const item of list) {
      const k = kindOf(item);
      if (kind === undefined) {
        if (Array.isArray(item)) throw mergePatchErrors.noListOfLists();
        kind = k;
      } else if (k !== kind) {
        throw plainPatchError(`list element types are not identical: ${goFormat(lists)}`);
      }
    }
  }
  return kind;
}

function kindOf(item: unknown): ElementKind {
  if (isObject(item)) return 'map';
  if (Array.isArray(item)) return 'list';
  if (typeof item === 'number' || typeof item === 'boolean') return typeof item as ElementKind;
  return 'string';
}

function mergeList(
  ctx: SmpContext,
  originalList: unknown[],
  patchList: unknown[],
  items: SchemaNode | undefined,
  mergeKey: string,
): { merged: unknown[]; orderBase: unknown[] } {
  if (originalList.length === 0 && patchList.length === 0) return { merged: [], orderBase: originalList };
  const kind = elementKind(originalList, patchList);
  if (kind !== 'map') {
    const merged = dedupe([...originalList, ...patchList]);
    const [inPatch, serverOnly] = partition(merged, patchList, '', false);
    return {
      merged: normalizeElementOrder(inPatch, serverOnly, patchList, originalList, '', false),
      orderBase: originalList,
    };
  }
  if (!mergeKey) throw plainPatchError('cannot merge lists without merge key for type struct');
  const special = applyListDirectives(ctx, originalList, patchList, items, mergeKey);
  const backing = special.backing;
  if (special.replaced) return { merged: special.replaced, orderBase: backing };
  const live = special.original;
  const merged = [...live];
  for (const element of special.patch) {
    const item = element as JsonObject;
    if (!(mergeKey in item)) throw noMergeKey(item, mergeKey);
    const at = findByKey(merged, mergeKey, item[mergeKey]);
    if (at >= 0) {
      merged[at] = ctx.mergeMap(merged[at] as JsonObject, item, items);
    } else {
      if (merged.length < backing.length) backing[merged.length] = item;
      merged.push(ctx.mergeMap({}, item, items));
    }
  }
  const [inPatch, serverOnly] = partition(merged, special.patch, mergeKey, true);
  return {
    merged: normalizeElementOrder(inPatch, serverOnly, special.patch, live, mergeKey, true),
    orderBase: backing,
  };
}

/** Applies `{"$patch": ...}` list elements: deletions by merge key, and `replace` of the whole list. */
function applyListDirectives(
  ctx: SmpContext,
  original: unknown[],
  patch: unknown[],
  items: SchemaNode | undefined,
  mergeKey: string,
): { original: unknown[]; patch: unknown[]; backing: unknown[]; replaced?: unknown[] } {
  // `backing` mirrors the live slice upstream edits in place: deletions shift later items left.
  const backing = original.map((item) => cloneJson(item));
  let length = backing.length;
  const plain: unknown[] = [];
  let replace = false;
  for (const element of patch) {
    const item = element as JsonObject;
    if (!(DIRECTIVE in item)) {
      plain.push(item);
      continue;
    }
    const directive = item[DIRECTIVE];
    if (directive === 'delete') {
      if (!(mergeKey in item)) throw noMergeKey(item, mergeKey);
      for (;;) {
        const at = backing.slice(0, length).findIndex((c) => sameKey(c, mergeKey, item[mergeKey]));
        if (at < 0) break;
        backing.copyWithin(at, at + 1, length);
        length--;
      }
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw plainPatchError('merging lists cannot yet be specified in the patch');
    } else {
      throw plainPatchError(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(item)}`);
    }
  }
  const live = backing.slice(0, length);
  if (replace) {
    return {
      original: live,
      patch: plain,
      backing,
      replaced: plain.map((p) => ctx.mergeMap({}, p as JsonObject, items)),
    };
  }
  return { original: live, patch: plain, backing };
}

/** Applies a `$setElementOrder/<field>` directive to the already merged list. */
export function orderBySetElementOrder(
  merged: unknown[],
  order: unknown[],
  liveList: unknown[],
  mergeKey: string,
): unknown[] {
  const kind = elementKind(liveList, merged);
  if (kind === undefined) return merged;
  const isMap = kind === 'map';
  const [inOrder, serverOnly] = partition(merged, order, mergeKey, isMap);
  return normalizeElementOrder(inOrder, serverOnly, order, liveList, mergeKey, isMap);
}

/**
 * Checks that the items of the patch list appear in `$setElementOrder` in the same relative order
 * (deletions and other directive items are not ordered).
 */
export function validateSetElementOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const ordered = mergeKey
    ? patchList.filter((item) => {
        if (!isObject(item)) throw badArgType('map[string]interface {}', item);
        return item[DIRECTIVE] !== 'delete';
      })
    : patchList;
  let p = 0;
  let o = 0;
  while (p < ordered.length && o < order.length) {
    if (isObject(ordered[p]) && DIRECTIVE in (ordered[p] as JsonObject)) {
      p++;
      continue;
    }
    if (keyValueEqual(ordered[p], order[o], mergeKey)) p++;
    o++;
  }
  if (p < ordered.length && o >= order.length) {
    throw plainPatchError(
      `The order in patch list:\n${goFormat(patchList)}\n doesn't match $setElementOrder list:\n${goFormat(order)}\n`,
    );
  }
}

function keyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (!mergeKey) return left === right;
  if (!isObject(left)) throw badArgType('map[string]interface {}', left);
  if (!isObject(right)) throw badArgType('map[string]interface {}', right);
  if (!(mergeKey in left)) throw noMergeKey(left, mergeKey);
  if (!(mergeKey in right)) throw noMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

/** Splits `list` into items named by `by` (by merge key for maps) and the others, keeping order. */
function partition(list: unknown[], by: unknown[], mergeKey: string, isMap: boolean): [unknown[], unknown[]] {
  const named: unknown[] = [];
  const others: unknown[] = [];
  for (const item of list) {
    if (isMap && !(mergeKey in (item as JsonObject))) throw noMergeKey(item as JsonObject, mergeKey);
    (indexIn(by, item, mergeKey, isMap) >= 0 ? named : others).push(item);
  }
  return [named, others];
}

/**
 * Sorts the patch items by the patch order and the server-only items by the live order, then
 * interleaves them: a server-only item goes first only when both are in the live list and it is ahead.
 */
function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
  isMap: boolean,
): unknown[] {
  if (isMap) {
    for (const item of [...patchOrder, ...serverOrder]) {
      if (!isObject(item)) throw badArgType('map[string]interface {}', item);
      if (!(mergeKey in item)) throw noMergeKey(item, mergeKey);
    }
  }
  const right = sortByOrder(patchItems, patchOrder, mergeKey, isMap);
  const left = sortByOrder(serverOnly, serverOrder, mergeKey, isMap);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, isMap);
      const ri = indexIn(serverOrder, right[j], mergeKey, isMap);
      out.push(li >= 0 && ri >= 0 && li < ri ? left[i++] : right[j++]);
    }
  }
  return out;
}

function sortByOrder(items: unknown[], order: unknown[], mergeKey: string, isMap: boolean): unknown[] {
  const position = (item: unknown) => {
    const at = indexIn(order, item, mergeKey, isMap);
    return at < 0 ? Number.MAX_SAFE_INTEGER : at;
  };
  return items
    .map((item, i) => ({ item, i, at: position(item) }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((e) => e.item);
}

function indexIn(list: unknown[], item: unknown, mergeKey: string, isMap: boolean): number {
  if (!isMap) return list.findIndex((candidate) => candidate === item);
  const wanted = isObject(item) ? item[mergeKey] : undefined;
  return list.findIndex((candidate) => isObject(candidate) && candidate[mergeKey] === wanted);
}

function findByKey(list: unknown[], mergeKey: string, value: unknown): number {
  return list.findIndex((candidate, i) => {
    if (!isObject(candidate)) throw plainPatchError(`value for key ${i} is not a map.`);
    return sameKey(candidate, mergeKey, value);
  });
}

function sameKey(candidate: unknown, mergeKey: string, value: unknown): boolean {
  return isObject(candidate) && mergeKey in candidate && candidate[mergeKey] === value;
}

function dedupe(list: unknown[]): unknown[] {
  return list.filter((item, i) => list.indexOf(item) === i);
}

export function noMergeKey(item: JsonObject, mergeKey: string) {
  return plainPatchError(`map: ${goFormat(item)} does not contain declared merge key: ${mergeKey}`);
}

export function badArgType(expected: string, actual: unknown) {
  return plainPatchError(`expected a ${expected}, but received a ${goTypeName(actual)}`);
}
