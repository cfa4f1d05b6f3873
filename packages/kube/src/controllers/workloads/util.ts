/**
 * @module controllers/workloads/util
 * Small pure helpers shared by the workload controllers: controller references, int-or-percent
 * resolution, template hashing, stable JSON and deep equality.
 */
import type { KubeObject, OwnerReference } from '@sphere/shared';
import type { IntOrString } from './types';

/** The controller reference a workload puts on what it creates (controller + blockOwnerDeletion). */
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

/** The controller owner reference of an object, if any. */
export function controllerOwner(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller);
}

/** Whether `obj` is controlled by the owner with this uid. */
export function isControlledBy(obj: KubeObject, uid: string | undefined): boolean {
  return !!uid && controllerOwner(obj)?.uid === uid;
}

/**
 * Resolves an int-or-percent value against `total` (upstream `GetScaledValueFromIntOrPercent`):
 * percentages round up or down as asked; an invalid value counts as 0.
 */
export function resolveIntOrPercent(value: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) {
    const n = Number(value);
    return Number.isInteger(n) ? n : 0;
  }
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** JSON with object keys sorted, so equal objects serialise to equal strings. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return stableStringify(a) === stableStringify(b);
}

/** 32-bit FNV-1a over the UTF-8 bytes of a string. */
export function fnv32a(input: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(input, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

// Upstream's "safe" alphabet: no vowels (no words) and no look-alike characters.
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** Encodes a number's decimal digits in the safe alphabet, as `rand.SafeEncodeString` does. */
export function safeEncode(n: number): string {
  return [...String(n)].map((ch) => SAFE_ALPHABET[ch.charCodeAt(0) % SAFE_ALPHABET.length]).join('');
}

/** Hash of any JSON value plus a collision count, in the form used for names and labels. */
export function computeHash(value: unknown, collisionCount?: number): string {
  const suffix = collisionCount ? `#${collisionCount}` : '';
  return safeEncode(fnv32a(stableStringify(value) + suffix));
}

/** RFC 3339 with seconds precision, as Kubernetes timestamps. */
export function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
