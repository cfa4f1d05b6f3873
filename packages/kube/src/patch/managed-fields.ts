/**
 * @module patch/managed-fields
 * `metadata.managedFields`: decoding entries into per-manager field sets, encoding them back (sorted as
 * kube-apiserver sorts them), and the bookkeeping of non-apply writes (`updateManagedFields`): the
 * writing manager takes the fields it changed, the others lose them, removed fields leave every set,
 * and entries are merged per manager + operation + apiVersion + subresource.
 */
import type { KubeObject, ManagedFieldsEntry } from '@sphere/shared';
import type { SchemaNode, SchemaRegistry } from '../schema/types';
import { FieldSet, type FieldPath } from './fieldpath';
import { compareObjects } from './typed-walk';

/** Paths never recorded in managedFields (upstream's stripMetaManager). */
export const STRIPPED_PATHS: FieldPath[] = [
  ['f:apiVersion'],
  ['f:kind'],
  ['f:metadata'],
  ...[
    'name',
    'namespace',
    'creationTimestamp',
    'selfLink',
    'uid',
    'clusterName',
    'generation',
    'managedFields',
    'resourceVersion',
  ].map((field) => ['f:metadata', `f:${field}`]),
];

/** Update entries kept before the oldest are folded into `ancient-changes` (upstream's default cap). */
export const MAX_UPDATE_MANAGERS = 10;
export const ANCIENT_CHANGES_MANAGER = 'ancient-changes';

/** One manager's ownership record. */
export interface ManagerRecord {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  subresource?: string;
  time?: string;
  set: FieldSet;
}

export type ManagedSets = Map<string, ManagerRecord>;

/**
 * The identity of a manager entry, as upstream's BuildManagerIdentifier: manager, operation, the
 * apiVersion for updates only (an applier keeps its entry across versions), and the subresource.
 */
export function managerId(
  r: Pick<ManagerRecord, 'manager' | 'operation' | 'apiVersion' | 'subresource'>,
): string {
  const id: Record<string, string> = { manager: r.manager, operation: r.operation };
  if (r.operation === 'Update' && r.apiVersion) id.apiVersion = r.apiVersion;
  if (r.subresource) id.subresource = r.subresource;
  return JSON.stringify(id);
}

/** How conflict messages name a manager: `"m"`, `"m" with subresource "s"`, `... using apps/v1` for updates. */
export function printManager(r: ManagerRecord): string {
  let text = JSON.stringify(r.manager);
  if (r.subresource) text += ` with subresource ${JSON.stringify(r.subresource)}`;
  return r.operation === 'Update' ? `${text} using ${r.apiVersion}` : text;
}

/** RFC 3339 with second precision, as metav1.Time serializes. */
export function formatTime(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Decodes managedFields entries; entries with the same identity are merged. */
export function decodeManagedFields(entries: ManagedFieldsEntry[] | undefined): ManagedSets {
  const out: ManagedSets = new Map();
  for (const entry of entries ?? []) {
    if (!entry || typeof entry !== 'object' || !entry.manager) continue;
    const record: ManagerRecord = {
      manager: entry.manager,
      operation: entry.operation === 'Apply' ? 'Apply' : 'Update',
      apiVersion: entry.apiVersion ?? '',
      subresource: entry.subresource || undefined,
      time: entry.time,
      set: FieldSet.fromFieldsV1(entry.fieldsV1),
    };
    const id = managerId(record);
    const previous = out.get(id);
    out.set(id, previous ? { ...record, set: previous.set.union(record.set) } : record);
  }
  return out;
}

const STRIP_SET = STRIPPED_PATHS.reduce((set, path) => set.insert(path), new FieldSet());

/** Removes the never-tracked metadata paths from a set. */
export function stripSystemFields(set: FieldSet): FieldSet {
  return set.difference(STRIP_SET);
}

/** Encodes the records as managedFields entries: system fields stripped, empty sets dropped, sorted. */
export function encodeManagedFields(records: ManagedSets): ManagedFieldsEntry[] {
  const entries: ManagedFieldsEntry[] = [];
  for (const r of records.values()) {
    const set = stripSystemFields(r.set);
    if (set.isEmpty()) continue;
    const entry: ManagedFieldsEntry = {
      manager: r.manager,
      operation: r.operation,
      apiVersion: r.apiVersion,
      time: r.time,
      fieldsType: 'FieldsV1',
      fieldsV1: set.toFieldsV1(),
    };
    if (!r.time) delete entry.time;
    if (r.subresource) entry.subresource = r.subresource;
    entries.push(entry);
  }
  return entries.sort(compareEntries);
}

function seconds(time: string | undefined): number {
  const ms = time ? Date.parse(time) : NaN;
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function compareEntries(p: ManagedFieldsEntry, q: ManagedFieldsEntry): number {
  return (
    cmp(p.operation ?? '', q.operation ?? '') ||
    seconds(p.time) - seconds(q.time) ||
    cmp(p.manager ?? '', q.manager ?? '') ||
    cmp(p.apiVersion ?? '', q.apiVersion ?? '') ||
    cmp(p.subresource ?? '', q.subresource ?? '')
  );
}

/** Folds the oldest Update entries into per-version `ancient-changes` entries past the cap. */
export function capUpdateManagers(records: ManagedSets, max = MAX_UPDATE_MANAGERS): void {
  const updaters = [...records.entries()]
    .filter(([, r]) => r.operation === 'Update')
    .sort(([ia, a], [ib, b]) => seconds(a.time) - seconds(b.time) || cmp(ia, ib));
  let length = updaters.length;
  const firstByVersion = new Map<string, string>();
  for (const [id, record] of updaters) {
    if (length <= max) break;
    const bucket = managerId({
      manager: ANCIENT_CHANGES_MANAGER,
      operation: 'Update',
      apiVersion: record.apiVersion,
    });
    const first = firstByVersion.get(record.apiVersion);
    if (first === undefined) {
      firstByVersion.set(record.apiVersion, id);
      continue;
    }
    if (!records.has(bucket)) {
      const firstRecord = records.get(first)!;
      records.delete(first);
      records.set(bucket, { ...firstRecord, manager: ANCIENT_CHANGES_MANAGER, subresource: undefined });
    }
    const merged = records.get(bucket)!;
    records.set(bucket, { ...merged, set: merged.set.union(record.set), time: record.time });
    records.delete(id);
    length--;
  }
}

export interface UpdateManagedFieldsArgs {
  /** The object before the write; undefined for a create. */
  old?: KubeObject;
  /** The object about to be stored. */
  updated: KubeObject;
  manager: string;
  operation?: 'Update';
  subresource?: string;
  now: Date;
  /** apiVersion the write was made in (recorded in the entry). */
  apiVersion: string;
  schema: SchemaNode | undefined;
  registry: SchemaRegistry;
  /**
   * Fields the resource's strategy resets for this endpoint (`status` on the main resource, `spec` on
   * `/status`): never tracked, as upstream's ResetFields.
   */
  ignoredFields?: FieldPath[];
}

/**
 * managedFields after a non-apply write (create, update, JSON/merge/strategic patch, subresources).
 * A client may set managedFields itself on the main resource; `[{}]` resets them to none.
 */
export function updateManagedFields(args: UpdateManagedFieldsArgs): ManagedFieldsEntry[] {
  const { old, updated, manager, subresource, now, apiVersion, schema, registry, ignoredFields = [] } = args;
  const provided = updated.metadata.managedFields;
  // A subresource write may not set managedFields; on the main resource a client may, and an empty
  // list or a single empty entry resets them.
  const reset = !subresource && Array.isArray(provided) && isReset(provided);
  const fromRequest = !subresource && !reset && provided?.length ? decodeManagedFields(provided) : undefined;
  const records: ManagedSets = reset
    ? new Map()
    : fromRequest && fromRequest.size > 0
      ? fromRequest
      : decodeManagedFields(old?.metadata.managedFields);
  // Upstream starts tracking an object at its creation (or its first apply): an update of an object
  // that has no managedFields leaves it without.
  if (old && records.size === 0) return [];

  const diff = compareObjects(old ?? {}, updated, schema, registry);
  const changed = stripSystemFields(diff.modified.union(diff.added)).withoutPrefixes(ignoredFields);
  const removed = diff.removed.withoutPrefixes(ignoredFields);
  for (const [id, record] of records) {
    record.set = record.set.difference(changed).difference(removed);
    if (stripSystemFields(record.set).isEmpty()) records.delete(id);
  }
  if (!changed.isEmpty()) {
    const record: ManagerRecord = {
      manager,
      operation: 'Update',
      apiVersion,
      subresource,
      time: formatTime(now),
      set: changed,
    };
    const id = managerId(record);
    const previous = records.get(id);
    records.set(id, previous ? { ...record, set: previous.set.union(changed) } : record);
  }
  capUpdateManagers(records);
  return encodeManagedFields(records);
}

function isReset(entries: ManagedFieldsEntry[]): boolean {
  if (entries.length === 0) return true;
  return entries.length === 1 && Object.keys(entries[0] ?? {}).length === 0;
}
