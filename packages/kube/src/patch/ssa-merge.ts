/**
 * @module patch/ssa-merge
 * The two value operations of server-side apply: merging an applied configuration into the live object
 * (structured-merge-diff `Merge`: the config wins on leaves, maps merge, associative and set lists merge
 * by item, atomic values are replaced) and pruning the fields a manager stopped applying.
 */
import type { SchemaNode, SchemaRegistry } from '../schema/types';
import type { FieldPath, FieldSet, PathElement } from './fieldpath';
import { cloneJson, isObject, type JsonObject } from './json-value';
import { withoutNulls } from './merge-patch';
import { childrenOf, type TypedChild } from './typed-walk';

/** Merges `config` into `live` (neither is modified). A `null` in the config removes the field. */
export function mergeApplied(
  live: unknown,
  config: unknown,
  schema: SchemaNode | undefined,
  registry: SchemaRegistry,
): unknown {
  if (config === undefined) return cloneJson(live);
  if (live === undefined || live === null) return withoutNulls(cloneJson(config));
  const liveKids = childrenOf(live, schema, registry);
  const configKids = childrenOf(config, schema, registry);
  const sameShape = Array.isArray(live) === Array.isArray(config) && isObject(live) === isObject(config);
  if (!liveKids || !configKids || !sameShape) return withoutNulls(cloneJson(config));
  if (isObject(live)) return mergeMaps(live, config as JsonObject, liveKids, configKids, registry);
  return mergeLists(liveKids, configKids, registry);
}

function mergeMaps(
  live: JsonObject,
  config: JsonObject,
  liveKids: TypedChild[],
  configKids: TypedChild[],
  registry: SchemaRegistry,
): JsonObject {
  const schemaOf = new Map([...liveKids, ...configKids].map((k) => [k.pe, k.schema]));
  const out: JsonObject = {};
  for (const key of new Set([...Object.keys(live), ...Object.keys(config)])) {
    if (config[key] === null) continue;
    out[key] = mergeApplied(live[key], config[key], schemaOf.get(`f:${key}`), registry);
  }
  return out;
}

/**
 * Merges list items by identity. Items both sides share come in the config's order; live-only items
 * keep their place relative to them; config-only items are inserted where the config has them.
 */
function mergeLists(liveKids: TypedChild[], configKids: TypedChild[], registry: SchemaRegistry): unknown[] {
  const lhs = uniqueByPe(liveKids);
  const rhs = uniqueByPe(configKids);
  const lhsByPe = new Map(lhs.map((k) => [k.pe, k]));
  const rhsByPe = new Map(rhs.map((k) => [k.pe, k]));
  const shared = rhs.filter((k) => lhsByPe.has(k.pe)).map((k) => k.pe);
  let nextShared = 0;
  const out: unknown[] = [];
  const emit = (pe: PathElement) => {
    const l = lhsByPe.get(pe);
    const r = rhsByPe.get(pe);
    out.push(mergeApplied(l?.value, r?.value, (r ?? l)?.schema, registry));
  };
  let li = 0;
  let ri = 0;
  while (li < lhs.length || ri < rhs.length) {
    if (li < lhs.length && ri < rhs.length) {
      const pe = lhs[li].pe;
      if (pe === rhs[ri].pe) {
        emit(pe);
        li++;
        ri++;
        if (shared[nextShared] === pe) nextShared++;
        continue;
      }
      if (rhsByPe.has(pe) && nextShared < shared.length && shared[nextShared] !== pe) {
        li++; // a shared item that comes later in the config's order
        continue;
      }
    }
    if (li < lhs.length && !rhsByPe.has(lhs[li].pe)) {
      emit(lhs[li++].pe);
      continue;
    }
    if (ri < rhs.length) {
      const pe = rhs[ri++].pe;
      emit(pe);
      if (shared[nextShared] === pe) nextShared++;
    } else {
      li++;
    }
  }
  return out;
}

function uniqueByPe(kids: TypedChild[]): TypedChild[] {
  const seen = new Set<PathElement>();
  return kids.filter((k) => !seen.has(k.pe) && seen.add(k.pe));
}

/**
 * Removes from `value` (in place) the fields in `lastApplied` that nobody owns any more: a path goes
 * when it was applied before (a struct field with applied fields below counts too) and neither it nor
 * anything below it is in `owned`. The object's identity (`apiVersion`, `kind`, `metadata`) stays.
 */
export function pruneUnowned(
  value: unknown,
  schema: SchemaNode | undefined,
  lastApplied: FieldSet,
  owned: FieldSet,
  registry: SchemaRegistry,
  path: FieldPath = [],
): void {
  const kids = childrenOf(value, schema, registry);
  if (!kids) return;
  const doomed = new Set<PathElement>();
  for (const kid of kids) {
    const below = lastApplied.at([kid.pe]);
    const hasBelow = !!below && !below.isEmpty();
    const wasApplied = lastApplied.hasMember(kid.pe) || (kid.pe.startsWith('f:') && hasBelow);
    const childPath = [...path, kid.pe];
    const identity = path.length === 0 && ['f:apiVersion', 'f:kind', 'f:metadata'].includes(kid.pe);
    if (wasApplied && !identity && !owned.hasPrefix(childPath)) doomed.add(kid.pe);
    else if (hasBelow) pruneUnowned(kid.value, kid.schema, below, owned, registry, childPath);
  }
  if (doomed.size === 0) return;
  if (Array.isArray(value)) {
    const keep = kids.map((k) => !doomed.has(k.pe));
    const kept = value.filter((_, i) => keep[i]);
    value.splice(0, value.length, ...kept);
  } else if (isObject(value)) {
    for (const pe of doomed) delete value[pe.slice(2)];
  }
}
