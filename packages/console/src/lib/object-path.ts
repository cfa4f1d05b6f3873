/**
 * @module object-path
 * Immutable get/set by dotted path, used by the wizards so form fields can be bound by path while every
 * other field of the object is preserved.
 */

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads `a.b.c` from an object; undefined when any step is missing. */
export function getIn(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const key of path.split('.')) {
    if (!isRecord(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Json)[key];
  }
  return cur;
}

/**
 * Returns a copy of `obj` with `path` set to `value`; `undefined` deletes the key and empty parent
 * objects created along the way are pruned so that clearing a field leaves no `{}` behind.
 */
export function setIn<T>(obj: T, path: string, value: unknown): T {
  const keys = path.split('.');
  const write = (cur: unknown, i: number): unknown => {
    const base: Json = isRecord(cur) ? { ...cur } : {};
    const key = keys[i];
    if (i === keys.length - 1) {
      if (value === undefined) delete base[key];
      else base[key] = value;
      return base;
    }
    const child = write(base[key], i + 1);
    if (isRecord(child) && Object.keys(child).length === 0 && value === undefined) delete base[key];
    else base[key] = child;
    return base;
  };
  return write(obj, 0) as T;
}

/** Drops keys whose value is undefined, '' or an empty object/array (shallow). */
export function compact<T extends Json>(obj: T): Partial<T> {
  const out: Json = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === '' || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (isRecord(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return out as Partial<T>;
}
