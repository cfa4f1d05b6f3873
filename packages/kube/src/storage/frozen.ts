/**
 * @module storage/frozen
 * Objects handed out by the store are deep-frozen and shared, never copied: a get or a list costs no
 * allocation per object, and a careless caller that mutates one gets a TypeError instead of silently
 * corrupting the index. Callers that want to modify an object structuredClone it first.
 */
import type { KubeObject } from '@sphere/shared';

/** Freezes a value and everything reachable from it. Already-frozen subtrees are skipped (shared parts). */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (const item of value) deepFreeze(item);
  } else {
    for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * Parses stored JSON into a frozen object. JSON.parse is the cheapest deep copy for plain data, and it
 * gives exactly what a reload from disk gives, so an object never changes shape across a restart.
 */
export function parseFrozen(json: string): KubeObject {
  return deepFreeze(JSON.parse(json) as KubeObject);
}

/**
 * A deep-frozen copy of JSON data, equal to `parseFrozen(JSON.stringify(value))` for plain JSON values
 * (undefined members dropped, undefined array items and non-finite numbers become null) at about half
 * the cost. Anything that is not a plain object or array (a Date, a class instance) takes the JSON
 * round trip, so the copy in memory is always what a reload from disk would produce.
 */
export function frozenJsonCopy<T>(value: T): T {
  return copyValue(value) as T;
}

function copyValue(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = value[i];
      out[i] = item === undefined || typeof item === 'function' ? null : copyValue(item);
    }
    return Object.freeze(out);
  }
  const proto = Object.getPrototypeOf(value);
  if ((proto !== Object.prototype && proto !== null) || 'toJSON' in value) {
    return deepFreeze(JSON.parse(JSON.stringify(value)) as unknown);
  }
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined && typeof item !== 'function' && typeof item !== 'symbol')
      out[key] = copyValue(item);
  }
  return Object.freeze(out);
}

/** A frozen copy of `obj` whose metadata.resourceVersion is `revision`, sharing every other field. */
export function withRevision(obj: KubeObject, revision: number): KubeObject {
  const metadata = Object.freeze({ ...obj.metadata, resourceVersion: String(revision) });
  return Object.freeze({ ...obj, metadata });
}
