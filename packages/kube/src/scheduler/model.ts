/**
 * @module scheduler/model
 * The scheduler's view of pods and nodes: plain typed shapes read out of KubeObjects once, so filters
 * and scores never re-parse quantities. Pure helpers only.
 */
import { parseQuantity, type KubeObject } from '@sphere/shared';

/** Resource amounts in base units (cpu in millicores, memory in bytes, pods as a count). */
export interface Resources {
  cpu: number;
  memory: number;
  pods: number;
  /** Other extended resources (ephemeral-storage, nvidia.com/gpu...) in base units. */
  other: Record<string, number>;
}

export interface Taint {
  key: string;
  value?: string;
  effect: string;
  timeAdded?: string;
}

export interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' ? (v as Obj) : {});
const asList = (v: unknown): Obj[] =>
  Array.isArray(v) ? (v as Obj[]).filter((x) => x && typeof x === 'object') : [];

export const emptyResources = (): Resources => ({ cpu: 0, memory: 0, pods: 0, other: {} });

function addTo(r: Resources, name: string, quantity: unknown, sign = 1): void {
  if (typeof quantity !== 'string' && typeof quantity !== 'number') return;
  let v: number;
  try {
    v = parseQuantity(quantity);
  } catch {
    return;
  }
  if (name === 'cpu') r.cpu += sign * Math.round(v * 1000);
  else if (name === 'memory') r.memory += sign * v;
  else if (name === 'pods') r.pods += sign * v;
  else r.other[name] = (r.other[name] ?? 0) + sign * v;
}

/** A node's allocatable (falling back to capacity) as Resources. */
export function nodeAllocatable(node: KubeObject): Resources {
  const status = asObj(node.status);
  const source = asObj(status.allocatable ?? status.capacity);
  const r = emptyResources();
  for (const [k, v] of Object.entries(source)) addTo(r, k, v);
  return r;
}

/**
 * A pod's effective requests as the scheduler counts them: the sum over containers, at least the
 * largest init container's request, plus pod overhead. `pods` is always 1.
 */
export function podRequests(pod: KubeObject): Resources {
  const spec = asObj(pod.spec);
  const sum = emptyResources();
  for (const c of asList(spec.containers))
    for (const [k, v] of Object.entries(asObj(asObj(c.resources).requests))) addTo(sum, k, v);
  for (const c of asList(spec.initContainers)) {
    const init = emptyResources();
    for (const [k, v] of Object.entries(asObj(asObj(c.resources).requests))) addTo(init, k, v);
    sum.cpu = Math.max(sum.cpu, init.cpu);
    sum.memory = Math.max(sum.memory, init.memory);
    for (const [k, v] of Object.entries(init.other)) sum.other[k] = Math.max(sum.other[k] ?? 0, v);
  }
  for (const [k, v] of Object.entries(asObj(spec.overhead))) addTo(sum, k, v);
  sum.pods = 1;
  return sum;
}

/** Adds (sign 1) or removes (sign -1) `b` into `a` in place. */
export function accumulate(a: Resources, b: Resources, sign: 1 | -1): void {
  a.cpu += sign * b.cpu;
  a.memory += sign * b.memory;
  a.pods += sign * b.pods;
  for (const [k, v] of Object.entries(b.other)) a.other[k] = (a.other[k] ?? 0) + sign * v;
}

export const nodeTaints = (node: KubeObject): Taint[] =>
  asList(asObj(node.spec).taints) as unknown as Taint[];
export const podTolerations = (pod: KubeObject): Toleration[] =>
  asList(asObj(pod.spec).tolerations) as unknown as Toleration[];

/** True when the toleration tolerates the taint (operator Exists/Equal, empty key with Exists = all). */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (!t.key) return t.operator === 'Exists';
  if (t.key !== taint.key) return false;
  if (t.operator === 'Exists') return true;
  return (t.value ?? '') === (taint.value ?? '');
}

/** Whether a pod's owner (controller reference) is a Job, ReplicaSet...: `Kind/uid` or '' */
export function ownerKey(pod: KubeObject): string {
  const ref =
    (pod.metadata.ownerReferences ?? []).find((r) => r.controller) ?? pod.metadata.ownerReferences?.[0];
  return ref ? `${ref.kind}/${ref.uid}` : '';
}

/** Node labels plus the metadata.name field (matchFields only supports metadata.name). */
function requirementMatches(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && values.includes(value);
    case 'NotIn':
      return value === undefined || !values.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
    case 'Lt': {
      if (value === undefined || values.length !== 1) return false;
      const a = Number.parseInt(value, 10);
      const b = Number.parseInt(values[0], 10);
      if (Number.isNaN(a) || Number.isNaN(b)) return false;
      return r.operator === 'Gt' ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** A node selector term: every expression and field requirement holds (an empty term matches nothing). */
export function termMatches(term: NodeSelectorTerm, node: KubeObject): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  const labels = node.metadata.labels ?? {};
  return (
    exprs.every((r) => requirementMatches(r, labels[r.key])) &&
    fields.every((r) => requirementMatches(r, r.key === 'metadata.name' ? node.metadata.name : undefined))
  );
}

/** spec.affinity.nodeAffinity of a pod (typed loosely). */
export function nodeAffinityOf(pod: KubeObject): {
  required?: NodeSelectorTerm[];
  preferred: { weight: number; preference: NodeSelectorTerm }[];
} {
  const na = asObj(asObj(asObj(pod.spec).affinity).nodeAffinity);
  const req = asObj(na.requiredDuringSchedulingIgnoredDuringExecution);
  const terms = Array.isArray(req.nodeSelectorTerms)
    ? (req.nodeSelectorTerms as NodeSelectorTerm[])
    : undefined;
  const preferred = asList(na.preferredDuringSchedulingIgnoredDuringExecution).map((p) => ({
    weight: Number(p.weight) || 0,
    preference: asObj(p.preference) as NodeSelectorTerm,
  }));
  return { required: terms, preferred };
}
