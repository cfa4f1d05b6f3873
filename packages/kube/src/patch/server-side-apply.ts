/**
 * @module patch/server-side-apply
 * Server-side apply (`application/apply-patch+yaml`): merges an applied configuration into the live
 * object and keeps `metadata.managedFields` as kube-apiserver does (structured-merge-diff Updater.Apply
 * plus the apiserver's field manager layers):
 *  1. changing a field another manager owns is a conflict (409) unless `force`, which takes it over;
 *  2. the config is merged into the live object;
 *  3. the manager's Apply entry becomes exactly the config's field set;
 *  4. fields the manager applied before, no longer applies and nobody else owns are removed.
 * Also: an object with no managedFields is first attributed to `before-first-apply`; for the manager
 * `kubectl`, conflicts on fields still matching the client-side apply annotation are forgiven (the
 * client-side to server-side upgrade) and that annotation is kept in sync with the applied config.
 */
import { StatusError, type KubeObject, type StatusCause } from '@sphere/shared';
import type { SchemaNode, SchemaRegistry } from '../schema/types';
import { FieldSet, pathToString, type FieldPath } from './fieldpath';
import { cloneJson, isObject, jsonEqual, type JsonObject } from './json-value';
import {
  capUpdateManagers,
  decodeManagedFields,
  encodeManagedFields,
  formatTime,
  managerId,
  printManager,
  stripSystemFields,
  type ManagedSets,
  type ManagerRecord,
} from './managed-fields';
import { mergeApplied, pruneUnowned } from './ssa-merge';
import { childrenOf, compareObjects, fieldSetOf } from './typed-walk';
import { plainPatchError } from './errors';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const BEFORE_FIRST_APPLY_MANAGER = 'before-first-apply';
/** The manager whose applies upgrade client-side apply ownership (upstream hard-codes it). */
const KUBECTL_MANAGER = 'kubectl';

export interface ServerSideApplyArgs {
  /** The stored object; undefined when apply creates it. */
  live?: KubeObject;
  /** The applied configuration (request body). */
  applied: KubeObject;
  manager: string;
  force: boolean;
  schema: SchemaNode | undefined;
  registry: SchemaRegistry;
  now: Date;
  /** apiVersion of the request (recorded in the entry). */
  apiVersion: string;
  subresource?: string;
  /** Fields the strategy resets for this endpoint: neither owned nor conflicting (upstream ResetFields). */
  ignoredFields?: FieldPath[];
}

export interface ServerSideApplyResult {
  /** The object to store, with managedFields set. */
  object: KubeObject;
  /** Whether anything but managedFields differs from the live object. */
  changed: boolean;
}

interface Conflict {
  record: ManagerRecord;
  path: FieldPath;
}

/**
 * Applies `applied` to `live`.
 * @throws StatusError 409 Conflict with FieldManagerConflict causes, 400 for managedFields in the config.
 */
export function serverSideApply(args: ServerSideApplyArgs): ServerSideApplyResult {
  const {
    live,
    applied,
    manager,
    force,
    schema,
    registry,
    now,
    apiVersion,
    subresource,
    ignoredFields = [],
  } = args;
  if (applied.metadata?.managedFields !== undefined && applied.metadata?.managedFields !== null) {
    throw new StatusError(400, 'BadRequest', 'metadata.managedFields must be nil');
  }
  rejectDuplicateItems(applied, schema, registry);
  const liveBody = live ? withoutManagedFields(live) : ({} as JsonObject);
  const records = recordsOf(args, liveBody);
  const self: ManagerRecord = { manager, operation: 'Apply', apiVersion, subresource, set: new FieldSet() };
  const selfId = managerId(self);
  const lastApplied = records.get(selfId)?.set;

  const merged = mergeApplied(liveBody, applied, schema, registry) as JsonObject;
  const diff = compareObjects(liveBody, merged, schema, registry);
  const changed = diff.modified.union(diff.added).withoutPrefixes(ignoredFields);
  const removed = diff.removed.withoutPrefixes(ignoredFields);
  const conflicts = findConflicts(records, selfId, changed);
  if (conflicts.length > 0 && !force) {
    const remaining =
      manager === KUBECTL_MANAGER && live
        ? withoutClientSideApplyConflicts(conflicts, live, schema, registry)
        : conflicts;
    if (remaining.length > 0) throw conflictError(remaining);
    // Every conflict is with what client-side apply set: upstream then applies with force.
  }
  for (const c of conflicts) c.record.set = c.record.set.difference(new FieldSet().insert(c.path));
  for (const [id, record] of records) {
    record.set = record.set.difference(removed);
    if (id !== selfId && stripSystemFields(record.set).isEmpty()) records.delete(id);
  }

  const configSet = fieldSetOf(applied, schema, registry).withoutPrefixes(ignoredFields);
  records.set(selfId, { ...self, time: records.get(selfId)?.time, set: configSet });
  if (lastApplied) pruneUnowned(merged, schema, lastApplied, ownedByAnyone(records), registry);

  const object = merged as KubeObject;
  object.metadata = isObject(object.metadata) ? object.metadata : {};
  if (manager === KUBECTL_MANAGER && live?.metadata.annotations?.[LAST_APPLIED_ANNOTATION] !== undefined) {
    syncLastApplied(object, applied);
  }
  const objectChanged = !jsonEqual(object, liveBody);
  const selfRecord = records.get(selfId)!;
  if (objectChanged || !selfRecord.time) selfRecord.time = formatTime(now);
  capUpdateManagers(records);

  const managedFields = encodeManagedFields(records);
  if (managedFields.length > 0) object.metadata.managedFields = managedFields;
  else delete object.metadata.managedFields;
  return { object, changed: objectChanged };
}

/**
 * An applied configuration may not name one list item twice (live objects may: upstream tolerates
 * duplicates there). Worded as upstream, which answers it as a plain error (500).
 */
function rejectDuplicateItems(
  applied: KubeObject,
  schema: SchemaNode | undefined,
  registry: SchemaRegistry,
): void {
  const walk = (value: unknown, node: SchemaNode | undefined, path: FieldPath) => {
    const kids = childrenOf(value, node, registry);
    if (!kids) return;
    const seen = new Set<string>();
    for (const kid of kids) {
      if (kid.isItem && seen.has(kid.pe)) {
        const { namespace = '', name = '' } = applied.metadata ?? {};
        const gvk = `${applied.apiVersion ?? ''}, Kind=${applied.kind ?? ''}`;
        const at = pathToString(path);
        const key = pathToString([kid.pe]);
        throw plainPatchError(
          `failed to create typed patch object (${namespace}/${name}; ${gvk}): ${at}: duplicate entries for key ${key}`,
        );
      }
      seen.add(kid.pe);
      walk(kid.value, kid.schema, [...path, kid.pe]);
    }
  };
  walk(applied, schema, []);
}

function withoutManagedFields(obj: KubeObject): JsonObject {
  const copy = cloneJson(obj) as JsonObject & KubeObject;
  if (isObject(copy.metadata)) delete copy.metadata.managedFields;
  return copy;
}

/**
 * The live object's records. An object nobody manages yet (stored before tracking began) is first
 * attributed, as an update from nothing, to `before-first-apply`.
 */
function recordsOf(args: ServerSideApplyArgs, liveBody: JsonObject): ManagedSets {
  const { live, schema, registry, apiVersion, subresource, now, ignoredFields = [] } = args;
  const records = decodeManagedFields(live?.metadata.managedFields);
  if (!live || records.size > 0) return records;
  const diff = compareObjects({}, liveBody, schema, registry);
  const set = stripSystemFields(diff.added.union(diff.modified)).withoutPrefixes(ignoredFields);
  if (!set.isEmpty()) {
    const record: ManagerRecord = {
      manager: BEFORE_FIRST_APPLY_MANAGER,
      operation: 'Update',
      apiVersion,
      subresource,
      time: formatTime(now),
      set,
    };
    records.set(managerId(record), record);
  }
  return records;
}

function findConflicts(records: ManagedSets, selfId: string, changed: FieldSet): Conflict[] {
  const out: Conflict[] = [];
  for (const id of [...records.keys()].sort()) {
    if (id === selfId) continue;
    const record = records.get(id)!;
    for (const path of record.set.intersection(changed).paths()) out.push({ record, path });
  }
  return out;
}

function ownedByAnyone(records: ManagedSets): FieldSet {
  let owned = new FieldSet();
  for (const record of records.values()) owned = owned.union(record.set);
  return owned;
}

/**
 * Drops conflicts on fields that the client-side apply annotation still describes (their live value
 * is what `kubectl apply` last set), as upstream's lastAppliedManager does for the manager `kubectl`.
 */
function withoutClientSideApplyConflicts(
  conflicts: Conflict[],
  live: KubeObject,
  schema: SchemaNode | undefined,
  registry: SchemaRegistry,
): Conflict[] {
  const annotation = live.metadata.annotations?.[LAST_APPLIED_ANNOTATION];
  if (annotation === undefined) return conflicts;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(annotation);
  } catch {
    return conflicts;
  }
  const liveBody = withoutManagedFields(live);
  const allowed = fieldSetOf(lastApplied, schema, registry).difference(
    compareObjects(lastApplied, liveBody, schema, registry).modified,
  );
  return conflicts.filter((c) => !allowed.has(c.path));
}

/** 409 with one FieldManagerConflict cause per path, worded as upstream's NewConflictError. */
function conflictError(conflicts: Conflict[]): StatusError {
  const causes: StatusCause[] = conflicts.map((c) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with ${printManager(c.record)}`,
    field: pathToString(c.path),
  }));
  let message: string;
  if (conflicts.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(conflicts[0].record)}: ${pathToString(conflicts[0].path)}`;
  } else {
    const byManager = new Map<string, Conflict[]>();
    for (const c of conflicts) {
      const id = managerId(c.record);
      byManager.set(id, [...(byManager.get(id) ?? []), c]);
    }
    const lines: string[] = [];
    for (const id of [...byManager.keys()].sort()) {
      const group = byManager.get(id)!;
      lines.push(`conflicts with ${printManager(group[0].record)}:`);
      for (const c of group) lines.push(`- ${pathToString(c.path)}`);
    }
    message = `Apply failed with ${conflicts.length} conflicts: ${lines.join('\n')}`;
  }
  return new StatusError(409, 'Conflict', message, { causes });
}

/** Sets the client-side apply annotation to the applied config (sorted keys, trailing newline). */
function syncLastApplied(object: KubeObject, applied: KubeObject): void {
  const config = cloneJson(applied) as JsonObject & KubeObject;
  const annotations = config.metadata?.annotations;
  if (annotations) {
    delete annotations[LAST_APPLIED_ANNOTATION];
    if (Object.keys(annotations).length === 0) delete config.metadata.annotations;
  }
  object.metadata.annotations = {
    ...(object.metadata.annotations ?? {}),
    [LAST_APPLIED_ANNOTATION]: `${sortedJson(config)}\n`,
  };
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson(value[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
