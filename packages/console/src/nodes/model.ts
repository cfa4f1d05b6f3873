/**
 * @module nodes/model
 * Pure node decisions for the Infrastructure › Nodes pages: role and system labels, the label patch
 * (merge patch; `null` removes a key; system labels are never touched), taint edits (add/replace by
 * key + effect, remove) and the taint patch (Node `spec.taints` is an atomic list, so the whole list is sent,
 * guarded by the node's resourceVersion so a concurrent change fails with 409 instead of being lost).
 */
import type { KubeObject } from '@sphere/shared';

export type TaintEffect = 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
export const TAINT_EFFECTS: TaintEffect[] = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export interface Taint {
  key: string;
  value?: string;
  effect: TaintEffect;
  timeAdded?: string;
}

type NodeLike = KubeObject & { spec?: { taints?: Taint[]; unschedulable?: boolean } };

/** Label domains Kubernetes and its components own (`kubernetes.io/hostname`, `node-role.kubernetes.io/x`, `k8s.io/…`). */
export function isSystemLabel(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const domain = key.slice(0, slash);
  return /(^|\.)kubernetes\.io$/.test(domain) || /(^|\.)k8s\.io$/.test(domain);
}

/** `master`/`control-plane`/`worker` from `node-role.kubernetes.io/<role>` labels; `worker` when none. */
export function nodeRoles(node: KubeObject): string[] {
  const roles = Object.keys(node.metadata.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length))
    .filter(Boolean);
  return roles.length ? roles : ['worker'];
}

/** The labels a user may edit (system labels split off, shown read-only). */
export function splitLabels(labels: Record<string, string> | undefined): {
  system: Record<string, string>;
  user: Record<string, string>;
} {
  const system: Record<string, string> = {};
  const user: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels ?? {})) (isSystemLabel(k) ? system : user)[k] = v;
  return { system, user };
}

/**
 * The merge patch that turns the node's user labels into `next`: changed and new keys set, dropped keys
 * `null`. System labels in `next` are ignored and never removed. Returns undefined when nothing changes.
 */
export function labelsPatch(
  current: Record<string, string> | undefined,
  next: Record<string, string>,
): { metadata: { labels: Record<string, string | null> } } | undefined {
  const labels: Record<string, string | null> = {};
  const { user } = splitLabels(current);
  for (const [k, v] of Object.entries(next)) {
    if (isSystemLabel(k)) continue;
    if (user[k] !== v) labels[k] = v;
  }
  for (const k of Object.keys(user)) if (!(k in next)) labels[k] = null;
  return Object.keys(labels).length ? { metadata: { labels } } : undefined;
}

/** Problems of a label key/value (i18n keys), as Kubernetes validates them. */
export function labelProblem(key: string, value: string): string | undefined {
  const name = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
  const parts = key.split('/');
  if (!key || parts.length > 2) return 'LABEL_KEY_INVALID';
  const [prefix, n] = parts.length === 2 ? parts : ['', parts[0]];
  if (parts.length === 2 && !/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(prefix))
    return 'LABEL_KEY_INVALID';
  if (!name.test(n)) return 'LABEL_KEY_INVALID';
  if (value && !name.test(value)) return 'LABEL_VALUE_INVALID';
  return undefined;
}

const same = (a: Pick<Taint, 'key' | 'effect'>, b: Pick<Taint, 'key' | 'effect'>) =>
  a.key === b.key && a.effect === b.effect;

/** The node's taints (never undefined). */
export function taintsOf(node: KubeObject): Taint[] {
  return [...((node as NodeLike).spec?.taints ?? [])];
}

/**
 * Applies edits to a taint list: every `add` replaces a taint of the same key and effect (keeping its
 * `timeAdded` when the value is unchanged) or is appended; every `remove` drops taints with that key (and
 * effect, when given). Order of untouched taints is kept.
 */
export function editTaints(
  current: Taint[],
  add: Taint[],
  remove: { key: string; effect?: TaintEffect }[] = [],
): Taint[] {
  let out = current.filter(
    (t) => !remove.some((r) => r.key === t.key && (!r.effect || r.effect === t.effect)),
  );
  for (const a of add) {
    const clean: Taint = { key: a.key, effect: a.effect, ...(a.value ? { value: a.value } : {}) };
    const i = out.findIndex((t) => same(t, a));
    if (i < 0) out = [...out, clean];
    else {
      const old = out[i];
      const keep = (old.value ?? '') === (a.value ?? '') && old.timeAdded ? { timeAdded: old.timeAdded } : {};
      out = out.map((t, j) => (j === i ? { ...clean, ...keep } : t));
    }
  }
  return out;
}

/**
 * Replaces the node's taints with `next` (the item editor's result): taints that did not change keep their
 * `timeAdded`. Duplicate key + effect pairs keep the last one.
 */
export function replaceTaints(current: Taint[], next: Taint[]): Taint[] {
  const dedup: Taint[] = [];
  for (const t of next) {
    if (!t.key) continue;
    const i = dedup.findIndex((d) => same(d, t));
    if (i >= 0) dedup.splice(i, 1);
    dedup.push(t);
  }
  return editTaints([], dedup).map((t) => {
    const old = current.find((c) => same(c, t) && (c.value ?? '') === (t.value ?? ''));
    return old?.timeAdded ? { ...t, timeAdded: old.timeAdded } : t;
  });
}

/** Problems of a taint row (i18n key). */
export function taintProblem(t: Taint): string | undefined {
  if (labelProblem(t.key, t.value ?? '')) return 'TAINT_INVALID';
  if (!TAINT_EFFECTS.includes(t.effect)) return 'TAINT_INVALID';
  return undefined;
}

/**
 * The merge patch that sets the node's taints: the whole (atomic) list, or `null` to clear it, with the
 * node's resourceVersion as a precondition. Undefined when nothing changes.
 */
export function taintsPatch(
  node: KubeObject,
  next: Taint[],
): { metadata: { resourceVersion?: string }; spec: { taints: Taint[] | null } } | undefined {
  const current = taintsOf(node);
  const key = (l: Taint[]) => JSON.stringify(l.map((t) => [t.key, t.value ?? '', t.effect]));
  if (key(current) === key(next)) return undefined;
  return {
    metadata: { resourceVersion: node.metadata.resourceVersion },
    spec: { taints: next.length ? next : null },
  };
}

/** Resource quantities of a node (`status.capacity` / `status.allocatable`). */
export function nodeResources(node: KubeObject): {
  capacity: Record<string, string>;
  allocatable: Record<string, string>;
} {
  const s = (node.status ?? {}) as {
    capacity?: Record<string, string>;
    allocatable?: Record<string, string>;
  };
  return { capacity: s.capacity ?? {}, allocatable: s.allocatable ?? {} };
}

/** Internal IP of a node (first InternalIP address, else the first address). */
export function nodeIP(node: KubeObject): string {
  const addrs =
    (node.status as { addresses?: { type: string; address: string }[] } | undefined)?.addresses ?? [];
  return (addrs.find((a) => a.type === 'InternalIP') ?? addrs[0])?.address ?? '';
}
