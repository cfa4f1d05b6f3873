/**
 * @module controllers/workloads/daemonset/plan
 * The DaemonSet decision, free of I/O (upstream `manage` + `rollingUpdate` + `updateDaemonSetStatus`):
 * one pod on every eligible node, none elsewhere, failed pods replaced, and template changes rolled
 * out node by node within maxUnavailable (or maxSurge, starting the new pod before removing the old).
 */
import type { DaemonSet, DaemonSetStatus, Node, Pod } from '../types';
import { earliest, isPodReady, isPodTerminating, podAvailability } from '../pods';
import { resolveIntOrPercent } from '../util';
import { daemonTolerations, nodeEligibility, nodeOfPod } from './eligibility';

export const REVISION_HASH_LABEL = 'controller-revision-hash';
export const TEMPLATE_GENERATION_LABEL = 'pod-template-generation';

export interface DaemonSetInput {
  ds: DaemonSet;
  nodes: Node[];
  /** Pods controlled by the daemon set. */
  pods: Pod[];
  /** Hash of the current template's revision (the pods' controller-revision-hash). */
  hash: string;
  expectationsSatisfied: boolean;
  now: Date;
}

export interface DaemonSetPlan {
  /** Nodes that get a new pod. */
  create: string[];
  delete: Pod[];
  status: DaemonSetStatus;
  requeueAfterMs?: number;
}

const byAge = (a: Pod, b: Pod) =>
  (Date.parse(a.metadata.creationTimestamp ?? '') || 0) -
    (Date.parse(b.metadata.creationTimestamp ?? '') || 0) ||
  ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1);

/** Decides one DaemonSet sync. */
export function planDaemonSet(input: DaemonSetInput): DaemonSetPlan {
  const { ds, now, hash } = input;
  const minReady = ds.spec.minReadySeconds ?? 0;
  const isUpdated = (p: Pod) => p.metadata.labels?.[REVISION_HASH_LABEL] === hash;
  const available = (p: Pod) => podAvailability(p, minReady, now).available;
  const byNode = new Map<string, Pod[]>();
  for (const pod of input.pods) {
    const node = nodeOfPod(pod.spec);
    if (!node) continue;
    byNode.set(node, [...(byNode.get(node) ?? []), pod]);
  }

  const create: string[] = [];
  const del: Pod[] = [];
  const eligible: { node: string; pods: Pod[] }[] = [];
  const status: DaemonSetStatus = {
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    desiredNumberScheduled: 0,
    numberReady: 0,
    observedGeneration: ds.metadata.generation ?? 0,
    updatedNumberScheduled: 0,
    numberAvailable: 0,
    numberUnavailable: 0,
  };
  let requeueAfterMs: number | undefined;

  const tolerations = daemonTolerations(ds.spec.template.spec);
  for (const node of input.nodes) {
    const name = node.metadata.name ?? '';
    const e = nodeEligibility(ds.spec.template.spec, node, tolerations);
    const pods = (byNode.get(name) ?? []).filter((p) => !isPodTerminating(p));
    if (e.shouldRun) status.desiredNumberScheduled++;
    if (pods.length > 0) {
      if (e.shouldRun) status.currentNumberScheduled++;
      else status.numberMisscheduled++;
    }
    if (e.shouldRun) {
      const sorted = [...pods].sort(byAge);
      const newest = sorted.find(isUpdated) ?? sorted[0];
      if (newest) {
        if (isPodReady(newest)) status.numberReady++;
        const a = podAvailability(newest, minReady, now);
        if (a.available) status.numberAvailable!++;
        else requeueAfterMs = earliest(requeueAfterMs, a.recheckAfterMs);
        if (isUpdated(newest)) status.updatedNumberScheduled!++;
      }
    }
    if (!input.expectationsSatisfied || ds.metadata.deletionTimestamp) continue;
    if (!e.shouldContinueRunning) {
      del.push(...pods);
      continue;
    }
    const failed = pods.filter((p) => p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded');
    del.push(...failed);
    const running = pods.filter((p) => !failed.includes(p)).sort(byAge);
    if (running.length === 0) {
      // As upstream, a pod still terminating on the node holds its replacement back (host ports).
      const terminating = (byNode.get(name) ?? []).some(isPodTerminating);
      if (e.shouldRun && !terminating) create.push(name);
      continue;
    }
    // Extra copies: keep the oldest (plus one new pod while surging), delete the rest.
    const keep = new Set<Pod>([running[0]]);
    const newer = running.find(isUpdated);
    if (newer && !isUpdated(running[0])) keep.add(newer);
    del.push(...running.filter((p) => !keep.has(p)));
    if (e.shouldRun) eligible.push({ node: name, pods: [...keep] });
  }
  status.numberUnavailable = Math.max(0, status.desiredNumberScheduled - (status.numberAvailable ?? 0));

  const rolling = (ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
  if (rolling && input.expectationsSatisfied && !ds.metadata.deletionTimestamp && create.length === 0) {
    rollingUpdate(ds, status.desiredNumberScheduled, eligible, isUpdated, available, create, del);
  }
  return { create, delete: del, status, requeueAfterMs };
}

function rollingUpdate(
  ds: DaemonSet,
  desired: number,
  nodes: { node: string; pods: Pod[] }[],
  isUpdated: (p: Pod) => boolean,
  available: (p: Pod) => boolean,
  create: string[],
  del: Pod[],
): void {
  const r = ds.spec.updateStrategy?.rollingUpdate ?? {};
  const maxSurge = resolveIntOrPercent(r.maxSurge ?? 0, desired, true);
  let maxUnavailable = resolveIntOrPercent(r.maxUnavailable ?? 1, desired, true);
  if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;

  if (maxSurge === 0) {
    let unavailable = nodes.filter((n) => !n.pods.some(available)).length;
    const candidates: Pod[] = [];
    for (const n of nodes) {
      const old = n.pods.find((p) => !isUpdated(p));
      if (!old) continue;
      if (!available(old))
        del.push(old); // already unavailable: replacing it costs nothing
      else candidates.push(old);
    }
    for (const old of candidates) {
      if (unavailable >= maxUnavailable) break;
      del.push(old);
      unavailable++;
    }
    return;
  }
  // Surge: start the new pod next to the old one; remove the old one once the new one is available.
  let surging = nodes.filter((n) => n.pods.some(isUpdated) && n.pods.some((p) => !isUpdated(p))).length;
  for (const n of nodes) {
    const old = n.pods.find((p) => !isUpdated(p));
    const fresh = n.pods.find(isUpdated);
    if (!old) continue;
    if (fresh) {
      if (available(fresh)) del.push(old);
      continue;
    }
    if (!available(old)) {
      del.push(old);
      continue;
    }
    if (surging < maxSurge) {
      create.push(n.node);
      surging++;
    }
  }
}
