/**
 * @module patch/merge-patch
 * RFC 7386 JSON Merge Patch (`application/merge-patch+json`): objects merge key by key, `null` deletes
 * a key, anything else (arrays included) replaces. Nulls inside values that are added wholesale are
 * dropped too, as evanphx/json-patch (used by kube-apiserver) does.
 */
import type { KubeObject } from '@sphere/shared';
import { badPatch } from './errors';
import { cloneJson, isObject, jsonKindName, type JsonObject } from './json-value';

/**
 * Applies a merge patch to `original` and returns the patched copy (`original` is not modified).
 * @throws StatusError 400 when the patch is not a JSON object.
 */
export function applyMergePatch<T = KubeObject>(original: T, patch: unknown): T {
  if (patch === null || patch === undefined) throw badPatch('Invalid JSON Patch');
  if (!isObject(patch)) {
    throw badPatch(
      `error decoding patch: json: cannot unmarshal ${jsonKindName(patch)} into Go value of type map[string]interface {}`,
    );
  }
  const base = isObject(original) ? cloneJson(original as JsonObject) : {};
  return mergeInto(base, patch) as T;
}

/** Merges `patch` into `target` (mutated and returned). */
export function mergeInto(target: JsonObject, patch: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete target[key];
    } else if (isObject(value) && isObject(target[key])) {
      mergeInto(target[key] as JsonObject, value);
    } else {
      target[key] = withoutNulls(cloneJson(value));
    }
  }
  return target;
}

/** Removes null members from objects, recursively (also inside arrays). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isObject(value)) return value;
  for (const [key, member] of Object.entries(value)) {
    if (member === null) delete value[key];
    else value[key] = withoutNulls(member);
  }
  return value;
}
