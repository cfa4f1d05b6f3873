/**
 * @module scheduler/decide
 * The scheduling decision as pure functions: filter each node (unschedulable, taints, node selector and
 * affinity, resources, inter-pod affinity), score the feasible ones (least allocated, spreading pods of
 * one owner, preferred node affinity) and explain failures with kube-scheduler's message format.
 */
import { matchesLabelSelector, type KubeObject } from '@sphere/shared';
import type { NodeInfo, PlacedPod, PodAffinityTerm, SchedulerCache } from './cache';
import { requiredAntiAffinity } from './cache';
import {
  nodeAffinityOf,
  ownerKey,
  podRequests,
  podTolerations,
  termMatches,
  tolerates,
  type Resources,
  type Taint,
} from './model';

/** A node-level failure: the message and whether preemption could ever help. */
export interface FilterFailure {
  reasons: string[];
  /** UnschedulableAndUnresolvable in upstream terms: evicting pods would not help. */
  unresolvable: boolean;
}

/** Everything about the incoming pod the filters need, computed once per decision. */
export interface PodFacts {
  pod: KubeObject;
  namespace: string;
  labels: Record<string, string>;
  requests: Resources;
  owner: string;
  nodeSelector: Record<string, string>;
  affinity: ReturnType<typeof nodeAffinityOf>;
  tolerations: ReturnType<typeof podTolerations>;
  podAffinity: PodAffinityTerm[];
  podAntiAffinity: PodAffinityTerm[];
}

export function podFacts(pod: KubeObject): PodFacts {
  const spec = (pod.spec ?? {}) as {
    nodeSelector?: Record<string, string>;
    affinity?: { podAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[] } };
  };
  return {
    pod,
    namespace: pod.metadata.namespace ?? '',
    labels: pod.metadata.labels ?? {},
    requests: podRequests(pod),
    owner: ownerKey(pod),
    nodeSelector: spec.nodeSelector ?? {},
    affinity: nodeAffinityOf(pod),
    tolerations: podTolerations(pod),
    podAffinity: spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [],
    podAntiAffinity: requiredAntiAffinity(pod),
  };
}

const fmtTaint = (t: Taint) => `{${t.key}: ${t.value ?? ''}}`;

/** Pods a term applies to: its namespaces (default: the incoming pod's), selector over labels. */
function termSelects(
  term: PodAffinityTerm,
  ownerNamespace: string,
  pod: { namespace: string; labels: Record<string, string> },
): boolean {
  const allNamespaces = term.namespaceSelector && Object.keys(term.namespaceSelector).length === 0;
  const namespaces = term.namespaces?.length ? term.namespaces : [ownerNamespace];
  if (!allNamespaces && !namespaces.includes(pod.namespace)) return false;
  if (!term.labelSelector) return false;
  return matchesLabelSelector(term.labelSelector, pod.labels);
}

/**
 * Topology domains (`key=value`) holding pods that match each term: computed once per decision by walking
 * placed pods, only for pods that actually declare inter-pod affinity.
 */
export interface AffinityDomains {
  affinity: Set<string>[];
  antiAffinity: Set<string>[];
  /** Domains excluded because an existing pod's anti-affinity selects the incoming pod. */
  existingAnti: Set<string>;
  /** Whether any pod at all matches each affinity term (a first pod may match its own term). */
  affinityAnyMatch: boolean[];
}

export function affinityDomains(facts: PodFacts, cache: SchedulerCache): AffinityDomains {
  const domains: AffinityDomains = {
    affinity: facts.podAffinity.map(() => new Set()),
    antiAffinity: facts.podAntiAffinity.map(() => new Set()),
    existingAnti: new Set(),
    affinityAnyMatch: facts.podAffinity.map(() => false),
  };
  const labelOf = (nodeName: string, key: string) => cache.nodes.get(nodeName)?.node?.metadata.labels?.[key];
  if (facts.podAffinity.length > 0 || facts.podAntiAffinity.length > 0) {
    for (const info of cache.nodes.values()) {
      for (const placed of info.pods.values()) {
        facts.podAffinity.forEach((term, i) => {
          if (!termSelects(term, facts.namespace, placed)) return;
          domains.affinityAnyMatch[i] = true;
          const v = labelOf(info.name, term.topologyKey);
          if (v !== undefined) domains.affinity[i].add(`${term.topologyKey}=${v}`);
        });
        facts.podAntiAffinity.forEach((term, i) => {
          if (!termSelects(term, facts.namespace, placed)) return;
          const v = labelOf(info.name, term.topologyKey);
          if (v !== undefined) domains.antiAffinity[i].add(`${term.topologyKey}=${v}`);
        });
      }
    }
  }
  const incoming = { namespace: facts.namespace, labels: facts.labels };
  for (const placed of cache.withAntiAffinity.values()) {
    for (const term of placed.antiAffinity) {
      if (!termSelects(term, placed.namespace, incoming)) continue;
      const v = labelOf(placed.nodeName, term.topologyKey);
      if (v !== undefined) domains.existingAnti.add(`${term.topologyKey}=${v}`);
    }
  }
  return domains;
}

const NOT_HELPFUL = true;

/** Runs the filters in kube-scheduler's order; returns undefined when the pod fits the node. */
export function filterNode(
  facts: PodFacts,
  info: NodeInfo,
  domains?: AffinityDomains,
): FilterFailure | undefined {
  const node = info.node;
  if (!node) return { reasons: ['node(s) not found'], unresolvable: NOT_HELPFUL };
  const taints = info.taints;
  if (info.unschedulable) {
    const tolerated = facts.tolerations.some((t) =>
      tolerates(t, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }),
    );
    if (!tolerated) return { reasons: ['node(s) were unschedulable'], unresolvable: NOT_HELPFUL };
  }
  // A node whose Ready condition is not True is treated as tainted not-ready even before the node
  // lifecycle controller has written the taint.
  const effective =
    !info.ready && !taints.some((t) => t.key.startsWith('node.kubernetes.io/'))
      ? [...taints, { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }]
      : taints;
  const untolerated = effective.find(
    (taint) =>
      (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') &&
      !facts.tolerations.some((t) => tolerates(t, taint)),
  );
  if (untolerated)
    return { reasons: [`node(s) had untolerated taint ${fmtTaint(untolerated)}`], unresolvable: NOT_HELPFUL };
  const labels = info.labels;
  const selectorOk = Object.entries(facts.nodeSelector).every(([k, v]) => labels[k] === v);
  const required = facts.affinity.required;
  const affinityOk = !required || required.some((term) => termMatches(term, node));
  if (!selectorOk || !affinityOk) {
    return { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: NOT_HELPFUL };
  }
  const reasons: string[] = [];
  const { allocatable: alloc, requested: used } = info;
  const req = facts.requests;
  if (used.pods + 1 > alloc.pods) reasons.push('Too many pods');
  if (req.cpu > 0 && used.cpu + req.cpu > alloc.cpu) reasons.push('Insufficient cpu');
  if (req.memory > 0 && used.memory + req.memory > alloc.memory) reasons.push('Insufficient memory');
  for (const [name, amount] of Object.entries(req.other)) {
    if (amount > 0 && (used.other[name] ?? 0) + amount > (alloc.other[name] ?? 0))
      reasons.push(`Insufficient ${name}`);
  }
  if (reasons.length > 0) return { reasons, unresolvable: false };
  if (domains) {
    const domainOf = (key: string) => (labels[key] !== undefined ? `${key}=${labels[key]}` : undefined);
    const affinityOk2 = facts.podAffinity.every((term, i) => {
      const d = domainOf(term.topologyKey);
      if (d === undefined) return false;
      if (domains.affinity[i].has(d)) return true;
      // The first pod of a group may land anywhere if it matches its own affinity term.
      return !domains.affinityAnyMatch[i] && termSelects(term, facts.namespace, facts);
    });
    if (!affinityOk2)
      return { reasons: ["node(s) didn't match pod affinity rules"], unresolvable: NOT_HELPFUL };
    const antiOk = facts.podAntiAffinity.every((term, i) => {
      const d = domainOf(term.topologyKey);
      return d === undefined || !domains.antiAffinity[i].has(d);
    });
    if (!antiOk) return { reasons: ["node(s) didn't match pod anti-affinity rules"], unresolvable: false };
    for (const d of domains.existingAnti) {
      const [key, value] = splitDomain(d);
      if (labels[key] === value) {
        return { reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"], unresolvable: false };
      }
    }
  }
  return undefined;
}

function splitDomain(d: string): [string, string] {
  const i = d.indexOf('=');
  return [d.slice(0, i), d.slice(i + 1)];
}

/** Requests used for scoring: zero requests count as upstream's non-zero defaults (100m, 200Mi). */
const DEFAULT_CPU = 100;
const DEFAULT_MEMORY = 200 * 1024 * 1024;

/**
 * Scores feasible nodes 0..500: least allocated (weight 1), fewer pods of the same owner (weight 2),
 * preferred node affinity (weight 2). Higher is better.
 */
export function scoreNodes(facts: PodFacts, feasible: NodeInfo[]): number[] {
  const cpu = facts.requests.cpu || DEFAULT_CPU;
  const mem = facts.requests.memory || DEFAULT_MEMORY;
  let maxOwned = 0;
  let maxPreferred = 0;
  const owned: number[] = [];
  const preferred: number[] = [];
  for (const info of feasible) {
    const n = facts.owner ? (info.ownerCounts.get(facts.owner) ?? 0) : 0;
    owned.push(n);
    maxOwned = Math.max(maxOwned, n);
    let w = 0;
    for (const p of facts.affinity.preferred)
      if (info.node && termMatches(p.preference, info.node)) w += p.weight;
    preferred.push(w);
    maxPreferred = Math.max(maxPreferred, w);
  }
  return feasible.map((info, i) => {
    const a = info.allocatable;
    const freeCpu = a.cpu > 0 ? Math.max(0, a.cpu - info.requested.cpu - cpu) / a.cpu : 0;
    const freeMem = a.memory > 0 ? Math.max(0, a.memory - info.requested.memory - mem) / a.memory : 0;
    const least = ((freeCpu + freeMem) / 2) * 100;
    const spread = maxOwned > 0 ? ((maxOwned - owned[i]) / maxOwned) * 100 : 100;
    const affinity = maxPreferred > 0 ? (preferred[i] / maxPreferred) * 100 : 0;
    return least + 2 * spread + 2 * affinity;
  });
}

/**
 * kube-scheduler's FitError text: "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are
 * available: 3 No preemption victims found for incoming pod."
 */
export function fitErrorMessage(total: number, failures: FilterFailure[]): string {
  if (total === 0) return 'no nodes available to schedule pods';
  const histogram = new Map<string, number>();
  let helpless = 0;
  for (const f of failures) {
    for (const r of f.reasons) histogram.set(r, (histogram.get(r) ?? 0) + 1);
    if (f.unresolvable) helpless++;
  }
  const reasons = [...histogram].map(([r, n]) => `${n} ${r}`).sort();
  const preemption: string[] = [];
  if (helpless > 0) preemption.push(`${helpless} Preemption is not helpful for scheduling`);
  if (failures.length - helpless > 0)
    preemption.push(`${failures.length - helpless} No preemption victims found for incoming pod`);
  return `0/${total} nodes are available: ${reasons.join(', ')}. preemption: 0/${total} nodes are available: ${preemption.sort().join(', ')}.`;
}

/** The outcome of one decision: the chosen node, or the failure message. */
export type Decision = { node: string } | { unschedulable: string };

/** Filters and scores every live node; `random` breaks ties between equal scores. */
export function decide(pod: KubeObject, cache: SchedulerCache, random: () => number = Math.random): Decision {
  const facts = podFacts(pod);
  const domains =
    facts.podAffinity.length > 0 || facts.podAntiAffinity.length > 0 || cache.withAntiAffinity.size > 0
      ? affinityDomains(facts, cache)
      : undefined;
  const feasible: NodeInfo[] = [];
  const failures: FilterFailure[] = [];
  for (const info of cache.liveNodes()) {
    const failure = filterNode(facts, info, domains);
    if (failure) failures.push(failure);
    else feasible.push(info);
  }
  if (feasible.length === 0) return { unschedulable: fitErrorMessage(failures.length, failures) };
  const scores = scoreNodes(facts, feasible);
  let best = -Infinity;
  let chosen = feasible[0];
  let ties = 0;
  feasible.forEach((info, i) => {
    if (scores[i] > best + 1e-9) {
      best = scores[i];
      chosen = info;
      ties = 1;
    } else if (Math.abs(scores[i] - best) <= 1e-9) {
      ties++;
      if (random() * ties < 1) chosen = info;
    }
  });
  return { node: chosen.name };
}

export type { PlacedPod };
