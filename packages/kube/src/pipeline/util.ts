/**
 * @module pipeline/util
 * Small helpers of the request pipeline.
 */
import type { KubeObject } from '@sphere/shared';

/** Structural equality of JSON values (key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((v, i) => deepEqual(v, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => deepEqual(ao[k], bo[k]));
}

/** Everything but metadata and status: what bumps `metadata.generation` when it changes. */
export function specPart(obj: KubeObject): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k !== 'metadata' && k !== 'status' && k !== 'apiVersion' && k !== 'kind') rest[k] = v;
  }
  return rest;
}

/** A deep copy the caller may mutate. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/** RFC 3339 with second precision, as Kubernetes writes metadata timestamps. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Reads a dotted path (`spec.replicas`). */
export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const part of path.split('.').filter(Boolean)) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Writes a dotted path, creating objects on the way. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.').filter(Boolean);
  let cur: Record<string, unknown> = obj;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (typeof next !== 'object' || next === null) cur[part] = {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]] = value;
}

const nameAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** The 5-character suffix kube-apiserver appends to `generateName`. */
export function randomSuffix(random: () => number): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += nameAlphabet[Math.floor(random() * nameAlphabet.length)];
  return s;
}

/** The field manager kube-apiserver derives from a User-Agent (`kubectl/v1.32.4 (...)` → `kubectl`). */
export function managerFromUserAgent(userAgent: string | undefined): string {
  if (!userAgent) return 'unknown';
  const slash = userAgent.indexOf('/');
  return (slash < 0 ? userAgent : userAgent.slice(0, slash)).slice(0, 128) || 'unknown';
}
