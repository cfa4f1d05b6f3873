/**
 * @module controllers/workloads/daemonset/eligibility
 * Whether a daemon pod belongs on a node (upstream `NodeShouldRunDaemonPod`): nodeSelector, required
 * node affinity, and taints the pod does not tolerate. NoSchedule taints keep new pods away; only
 * NoExecute taints evict running ones. Daemon pods get upstream's default tolerations.
 */
// The scheduler's matching rules, so a daemon pod is only planned for a node the scheduler will accept.
import { termMatches, tolerates } from '../../../scheduler/model';
import type { Node, NodeSelectorTerm, PodSpec, Toleration } from '../types';

/** The tolerations every daemon pod gets, so node conditions do not evict it. */
export function daemonTolerations(spec: PodSpec): Toleration[] {
  const defaults: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
  ];
  if (spec.hostNetwork)
    defaults.push({
      key: 'node.kubernetes.io/network-unavailable',
      operator: 'Exists',
      effect: 'NoSchedule',
    });
  const out = [...(spec.tolerations ?? [])];
  for (const t of defaults) {
    if (!out.some((o) => o.key === t.key && o.effect === t.effect && o.operator === t.operator)) out.push(t);
  }
  return out;
}

function matchesNode(spec: PodSpec, node: Node): boolean {
  for (const [k, v] of Object.entries(spec.nodeSelector ?? {}))
    if (node.metadata.labels?.[k] !== v) return false;
  const terms =
    spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && !terms.some((t) => termMatches(t, node))) return false;
  return true;
}

export interface Eligibility {
  /** A new daemon pod should be placed on the node. */
  shouldRun: boolean;
  /** An existing daemon pod may stay on the node. */
  shouldContinueRunning: boolean;
}

/** `tolerations` defaults to the daemon tolerations of `spec` (pass them in when checking many nodes). */
export function nodeEligibility(
  spec: PodSpec,
  node: Node,
  tolerations: Toleration[] = daemonTolerations(spec),
): Eligibility {
  if (!matchesNode(spec, node)) return { shouldRun: false, shouldContinueRunning: false };
  const taints = node.spec?.taints ?? [];
  const untolerated = taints.filter(
    (t) =>
      (t.effect === 'NoSchedule' || t.effect === 'NoExecute') &&
      !tolerations.some((tol) => tolerates(tol, t)),
  );
  return {
    shouldRun: untolerated.length === 0,
    shouldContinueRunning: !untolerated.some((t) => t.effect === 'NoExecute'),
  };
}

/** The pod spec pinned to one node through required node affinity on metadata.name, as upstream. */
export function pinToNode(spec: PodSpec, nodeName: string): PodSpec {
  const out = structuredClone(spec);
  const term: NodeSelectorTerm = {
    matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }],
  };
  out.affinity = {
    ...(out.affinity ?? {}),
    nodeAffinity: {
      ...(out.affinity?.nodeAffinity ?? {}),
      requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [term] },
    },
  };
  out.tolerations = daemonTolerations(spec);
  return out;
}

/** The node a daemon pod is bound or pinned to. */
export function nodeOfPod(spec: PodSpec): string | undefined {
  if (spec.nodeName) return spec.nodeName;
  const terms =
    spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  for (const t of terms) {
    for (const f of t.matchFields ?? []) {
      if (f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1) return f.values[0];
    }
  }
  return undefined;
}
