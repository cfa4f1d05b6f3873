/**
 * @module patch/strategic-merge-patch
 * Strategic merge patch (`application/strategic-merge-patch+json`), the patch kubectl apply, edit,
 * set image, rollout restart/undo and cordon send. Maps merge key by key and `null` deletes; lists
 * follow the field's `patchStrategy` from the schema (`merge` with `patchMergeKey` merges items, a
 * merge list of primitives is a union, anything else replaces). Directives:
 *  - `"$patch": "replace" | "delete" | "merge"` in a map; `{"$patch": "replace"}` or
 *    `{"<mergeKey>": v, "$patch": "delete"}` as list elements;
 *  - `"$retainKeys": [...]` drops live keys the list does not name (union types like volume sources);
 *  - `"$deleteFromPrimitiveList/<field>": [...]` removes values from a primitive merge list;
 *  - `"$setElementOrder/<field>": [...]` fixes the order of a merged list.
 * Directive keys never reach the result. Fields without a schema merge like a JSON merge patch.
 * Behaviour and error wording follow k8s.io/apimachinery/pkg/util/strategicpatch.
 */
import type { KubeObject } from '@sphere/shared';
import type { SchemaNode, SchemaRegistry } from '../schema/types';
import { badPatch, mergePatchErrors, plainPatchError } from './errors';
import { cloneJson, goFormat, isObject, jsonKindName, type JsonObject } from './json-value';
import { fieldSchema, patchStrategyOf, resolveSchema } from './schema-nav';
import {
  badArgType,
  DIRECTIVE,
  mergeListField,
  mergeListWithOrderBase,
  orderBySetElementOrder,
  validateSetElementOrder,
  type SmpContext,
} from './smp-lists';

export const RETAIN_KEYS = '$retainKeys';
export const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
export const SET_ELEMENT_ORDER = '$setElementOrder';

/**
 * Applies a strategic merge patch to `original` and returns the patched copy (inputs are not modified).
 * `schema` is the root schema of the object's kind; undefined (or paths it does not describe) merge
 * like a JSON merge patch.
 * @throws StatusError 400 for malformed directives, 422 for lists of lists, 500 (as the apiserver) for
 * other inconsistencies such as a list item without its merge key.
 */
export function applyStrategicMergePatch<T = KubeObject>(
  original: T,
  patch: unknown,
  schema: SchemaNode | undefined,
  registry: SchemaRegistry,
): T {
  if (patch === null || patch === undefined) return cloneJson(original);
  if (!isObject(patch)) {
    throw badPatch(
      `json: cannot unmarshal ${jsonKindName(patch)} into Go value of type map[string]interface {}`,
    );
  }
  const ctx: SmpContext = {
    registry,
    mergeMap: (o, p, s) => mergeMap(ctx, o, p, s),
  };
  const base = isObject(original) ? cloneJson(original as JsonObject) : {};
  return mergeMap(ctx, base, patch, schema) as T;
}

/** Merges `patch` into `original` (which it may modify) and returns the result. */
function mergeMap(
  ctx: SmpContext,
  original: JsonObject,
  patch: JsonObject,
  schema: SchemaNode | undefined,
): JsonObject {
  let entries = Object.entries(patch);
  if (DIRECTIVE in patch) {
    const directive = patch[DIRECTIVE];
    const rest = Object.fromEntries(entries.filter(([k]) => k !== DIRECTIVE));
    // The replaced content is itself merged into nothing so that nested directives and nulls vanish.
    if (directive === 'replace') return mergeMap(ctx, {}, rest, schema);
    if (directive === 'delete') return {};
    // upstream rejects an explicit "merge" on maps; it is the default, so accept it.
    if (directive !== 'merge') {
      throw plainPatchError(`unknown patch type: ${goFormat(directive)} in map: ${goFormat(patch)}`);
    }
    entries = entries.filter(([k]) => k !== DIRECTIVE);
  }
  applyRetainKeys(original, entries);
  const handled = applySetElementOrder(ctx, original, entries, schema);

  const deletions: [string, unknown][] = [];
  for (const [key, value] of entries) {
    if (key === RETAIN_KEYS || key.startsWith(SET_ELEMENT_ORDER) || handled.has(key)) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      deletions.push([directiveTarget(key, DELETE_FROM_PRIMITIVE_LIST), value]);
      continue;
    }
    mergeField(ctx, original, key, value, schema);
  }
  for (const [key, values] of deletions) deleteFromPrimitiveList(original, key, values);
  return original;
}

function mergeField(
  ctx: SmpContext,
  original: JsonObject,
  key: string,
  value: unknown,
  schema: SchemaNode | undefined,
) {
  if (value === null) {
    delete original[key];
    return;
  }
  const field = fieldSchema(schema, key, ctx.registry);
  const current = original[key];
  if (isObject(value) && isObject(current)) {
    original[key] =
      patchStrategyOf(field).strategy === 'replace'
        ? mergeMap(ctx, {}, value, field)
        : mergeMap(ctx, current, value, field);
  } else if (Array.isArray(value) && Array.isArray(current)) {
    original[key] = mergeListField(ctx, current, value, field);
  } else {
    original[key] = freshValue(ctx, value, field);
  }
}

/** A patch value that lands where the live object has nothing (or a value of another type). */
function freshValue(ctx: SmpContext, value: unknown, field: SchemaNode | undefined): unknown {
  if (isObject(value)) return mergeMap(ctx, {}, value, field);
  if (Array.isArray(value)) return mergeListField(ctx, [], value, field);
  return value;
}

/** `$retainKeys`: every patched key must be listed; live keys not listed are dropped. */
function applyRetainKeys(original: JsonObject, entries: [string, unknown][]): void {
  const found = entries.find(([k]) => k === RETAIN_KEYS);
  if (!found) return;
  const retained = found[1];
  if (!Array.isArray(retained)) throw mergePatchErrors.badRetainKeys();
  for (const [key, value] of entries) {
    if (value === null || key === RETAIN_KEYS) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!retained.includes(key)) throw mergePatchErrors.badRetainKeys();
  }
  for (const key of Object.keys(original)) {
    if (!retained.includes(key)) delete original[key];
  }
}

/**
 * `$setElementOrder/<field>`: merges the named list (if the patch has it) and orders the result.
 * Returns the list fields it handled so the main loop skips them.
 */
function applySetElementOrder(
  ctx: SmpContext,
  original: JsonObject,
  entries: [string, unknown][],
  schema: SchemaNode | undefined,
): Set<string> {
  const handled = new Set<string>();
  const patch = Object.fromEntries(entries);
  for (const [key, order] of entries) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!Array.isArray(order)) throw badArgType('[]interface {}', order);
    const target = directiveTarget(key, SET_ELEMENT_ORDER);
    const hasLive = target in original && original[target] !== null;
    const hasPatch = target in patch && patch[target] !== null;
    const live = hasLive ? original[target] : [];
    const patchList = hasPatch ? patch[target] : [];
    if (!Array.isArray(live)) throw badArgType('[]interface {}', live);
    if (!Array.isArray(patchList)) throw badArgType('[]interface {}', patchList);
    const field = fieldSchema(schema, target, ctx.registry);
    const mergeKey = resolveSchema(field, ctx.registry)?.patchMergeKey ?? '';
    validateSetElementOrder(patchList, order, mergeKey);
    if (!hasLive && !hasPatch) continue;
    const { merged, orderBase } = hasPatch
      ? mergeListWithOrderBase(ctx, live, patchList, field)
      : { merged: live, orderBase: live };
    original[target] = orderBySetElementOrder(merged, order, orderBase, mergeKey);
    handled.add(target);
  }
  return handled;
}

function deleteFromPrimitiveList(original: JsonObject, key: string, values: unknown): void {
  if (!Array.isArray(values)) throw badArgType('[]interface {}', values);
  const current = original[key];
  // Deleting from a list the object does not have is a no-op (upstream would insert the list).
  if (!Array.isArray(current)) return;
  original[key] = current.filter((item) => !values.includes(item));
}

/** `$setElementOrder/containers` → `containers`; 400 when the directive has no `/<field>` part. */
function directiveTarget(key: string, prefix: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) {
    throw prefix === SET_ELEMENT_ORDER
      ? mergePatchErrors.badSetElementOrder()
      : mergePatchErrors.badPrimitiveList();
  }
  return key.slice(slash + 1);
}
