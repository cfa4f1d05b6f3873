/**
 * @module controllers/system/support
 * Small helpers shared by the system controllers (jobs, cron jobs, endpoints, volumes, quotas, HPA):
 * keys, conditions, status writes, error classification and creation expectations.
 */
import type { KubeObject, OwnerReference } from '@sphere/shared';
import type { KubeClient, ResourceRef } from '../../client/in-process';
import type { Clock } from '../runtime/clock';

export const keyOf = (o: KubeObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** RFC 3339 with second precision, as the API writes timestamps. */
export const ts = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
  lastProbeTime?: string | null;
  lastUpdateTime?: string;
}

/**
 * Sets a condition, keeping lastTransitionTime when the status does not change (as upstream does), and
 * returns the new list (the input is not modified).
 */
export function setCondition(list: Condition[] | undefined, next: Condition): Condition[] {
  const out = (list ?? []).map((c) => ({ ...c }));
  const i = out.findIndex((c) => c.type === next.type);
  if (i < 0) return [...out, next];
  const prev = out[i];
  const transition = prev.status === next.status ? prev.lastTransitionTime : next.lastTransitionTime;
  out[i] = { ...next, lastTransitionTime: transition ?? next.lastTransitionTime };
  return out;
}

export function findCondition(list: Condition[] | undefined, type: string): Condition | undefined {
  return list?.find((c) => c.type === type);
}

export function isConditionTrue(list: Condition[] | undefined, type: string): boolean {
  return findCondition(list, type)?.status === 'True';
}

export function controllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

/** JSON with sorted keys, so equal values serialise equally. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

export const deepEqual = (a: unknown, b: unknown): boolean => stableStringify(a) === stableStringify(b);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The JSON merge patch turning `old` into `next`: keys `old` has and `next` lacks, at any depth, are
 * sent as null (a merge patch only removes what it names).
 */
export function mergePatchFor(old: unknown, next: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const prior = isPlainObject(old) ? old : {};
  for (const [k, v] of Object.entries(next)) {
    if (v === undefined) continue;
    out[k] = isPlainObject(v) && isPlainObject(prior[k]) ? mergePatchFor(prior[k], v) : v;
  }
  for (const k of Object.keys(prior)) if (!(k in out)) out[k] = null;
  return out;
}

/** Writes `status` through the status subresource unless unchanged (a merge patch of the difference). */
export async function writeStatus(
  client: KubeClient,
  ref: ResourceRef,
  obj: KubeObject,
  status: object,
): Promise<KubeObject | undefined> {
  if (deepEqual(obj.status ?? {}, status)) return undefined;
  const patch = mergePatchFor(obj.status, status as Record<string, unknown>);
  return client.patch(
    ref,
    obj.metadata.namespace,
    obj.metadata.name ?? '',
    'merge',
    { status: patch },
    {
      subresource: 'status',
    },
  );
}

export function errorCode(err: unknown): number | undefined {
  return (err as { code?: number }).code;
}

export const isNotFound = (err: unknown): boolean => errorCode(err) === 404;

/** Swallows 404 (the object is already gone); rethrows anything else. */
export function ignoreNotFound(err: unknown): void {
  if (!isNotFound(err)) throw err;
}

export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Remembers pods a controller is creating or deleting until its informer reports them, so a reconcile
 * running before the cache catches up does not act twice (client-go's ControllerExpectations). Creations
 * are counted (names are generated), deletions named. Entries expire after a minute in case an event is
 * never seen.
 */
export class Expectations {
  private readonly pending = new Map<string, { creates: number; deletes: Set<string>; at: number }>();

  constructor(private readonly clock: Clock) {}

  private entry(key: string) {
    let e = this.pending.get(key);
    if (!e) {
      e = { creates: 0, deletes: new Set<string>(), at: 0 };
      this.pending.set(key, e);
    }
    e.at = this.clock.now().getTime();
    return e;
  }

  /** Call before issuing the creates. */
  expectCreates(key: string, count: number): void {
    if (count > 0) this.entry(key).creates += count;
  }

  /** A create failed or a pod of the key appeared. */
  creationObserved(key: string): void {
    const e = this.pending.get(key);
    if (e && e.creates > 0) e.creates--;
  }

  expectDelete(key: string, name: string): void {
    this.entry(key).deletes.add(name);
  }

  deletionObserved(key: string, name: string): void {
    this.pending.get(key)?.deletes.delete(name);
  }

  satisfied(key: string): boolean {
    const e = this.pending.get(key);
    if (!e) return true;
    const done = (e.creates <= 0 && e.deletes.size === 0) || e.at < this.clock.now().getTime() - 60_000;
    if (done) this.pending.delete(key);
    return done;
  }

  forget(key: string): void {
    this.pending.delete(key);
  }
}
