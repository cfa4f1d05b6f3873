/**
 * @module monitoring/scrape/objects
 * Base series that come from the Kubernetes objects rather than the kubelets: node capacity and readiness,
 * pods per node and namespace by phase, object counts per namespace, workload replicas and quota limits.
 */
import { parseQuantity, type KubeObject } from '@sphere/shared';
import { COUNTED_KINDS } from '../query/catalog';
import type { InventoryView } from '../inventory';
import type { BaseSample } from './derive';

interface NodeStatus {
  allocatable?: Record<string, string>;
  capacity?: Record<string, string>;
  conditions?: { type: string; status: string }[];
}

const qty = (v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  try {
    return parseQuantity(v);
  } catch {
    return undefined;
  }
};

function phaseOf(pod: KubeObject): 'running' | 'succeeded' | 'abnormal' {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase === 'Running') return 'running';
  if (phase === 'Succeeded') return 'succeeded';
  return 'abnormal';
}

/** All object-derived base samples at this moment. */
export function objectSamples(inv: InventoryView): BaseSample[] {
  const out: BaseSample[] = [];
  const push = (name: string, labels: Record<string, string>, value: number | undefined) => {
    if (value !== undefined && Number.isFinite(value))
      out.push({ labels: { __name__: name, ...labels }, value });
  };
  const perNode = new Map<string, { all: number; running: number; succeeded: number; abnormal: number }>();
  for (const n of inv.nodes()) {
    const node = n.metadata.name!;
    const st = (n.status ?? {}) as NodeStatus;
    const alloc = { ...st.capacity, ...st.allocatable };
    push('node_cpu_total', { node }, qty(alloc.cpu));
    push('node_memory_total', { node }, qty(alloc.memory));
    push('node_pod_quota', { node }, qty(alloc.pods));
    push('node_disk_size_capacity', { node }, qty(alloc['ephemeral-storage']));
    const ready = st.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    push('node_online', { node }, ready ? 1 : 0);
    push('node_present', { node }, 1);
    perNode.set(node, { all: 0, running: 0, succeeded: 0, abnormal: 0 });
  }
  const perNs = new Map<string, { all: number; running: number; succeeded: number; abnormal: number }>();
  for (const ns of inv.namespaces())
    perNs.set(ns.metadata.name!, { all: 0, running: 0, succeeded: 0, abnormal: 0 });
  for (const pod of inv.pods()) {
    const phase = phaseOf(pod);
    const c = perNs.get(pod.metadata.namespace ?? '');
    if (c) {
      c.all++;
      c[phase]++;
    }
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    const n = nodeName ? perNode.get(nodeName) : undefined;
    if (n) {
      n.all++;
      n[phase]++;
    }
  }
  for (const [node, c] of perNode) {
    push('node_pod_count', { node }, c.all);
    push('node_pod_running_count', { node }, c.running);
    push('node_pod_succeeded_count', { node }, c.succeeded);
    push('node_pod_abnormal_count', { node }, c.abnormal);
  }
  for (const [namespace, c] of perNs) {
    push('namespace_pod_count', { namespace }, c.all);
    push('namespace_pod_running_count', { namespace }, c.running);
    push('namespace_pod_succeeded_count', { namespace }, c.succeeded);
    push('namespace_pod_abnormal_count', { namespace }, c.abnormal);
  }
  push('cluster_namespace_count', {}, perNs.size);
  for (const kind of COUNTED_KINDS) {
    const counts = new Map<string, number>([...perNs.keys()].map((k) => [k, 0]));
    for (const o of inv.counted(kind)) {
      const ns = o.metadata.namespace ?? '';
      if (counts.has(ns)) counts.set(ns, counts.get(ns)! + 1);
    }
    for (const [namespace, n] of counts) push(`namespace_${kind}_count`, { namespace }, n);
  }
  const workloads: [string, string, (o: KubeObject) => [number | undefined, number | undefined]][] = [
    ['deployment', 'Deployment', (o) => [specNum(o, 'replicas', 1), statusNum(o, 'availableReplicas')]],
    ['statefulset', 'StatefulSet', (o) => [specNum(o, 'replicas', 1), statusNum(o, 'readyReplicas')]],
    [
      'daemonset',
      'DaemonSet',
      (o) => [statusNum(o, 'desiredNumberScheduled'), statusNum(o, 'numberAvailable')],
    ],
  ];
  for (const [kind, ownerKind, read] of workloads) {
    for (const o of inv.counted(kind)) {
      const labels = {
        namespace: o.metadata.namespace ?? '',
        workload: o.metadata.name!,
        owner_kind: ownerKind,
      };
      const [desired, available] = read(o);
      push(`workload_${kind}_replica`, labels, desired);
      push(`workload_${kind}_replica_available`, labels, available ?? 0);
    }
  }
  const hard = new Map<string, Record<string, number>>();
  for (const rq of inv.resourceQuotas()) {
    const ns = rq.metadata.namespace ?? '';
    const h = ((rq.spec as { hard?: Record<string, string> } | undefined)?.hard ?? {}) as Record<
      string,
      string
    >;
    const acc = hard.get(ns) ?? {};
    for (const [k, v] of Object.entries(h)) {
      const n = qty(v);
      // Several quotas in one namespace: the tightest one binds.
      if (n !== undefined) acc[k] = acc[k] === undefined ? n : Math.min(acc[k], n);
    }
    hard.set(ns, acc);
  }
  for (const [namespace, h] of hard) {
    push('namespace_cpu_limit_hard', { namespace }, h['limits.cpu']);
    push('namespace_memory_limit_hard', { namespace }, h['limits.memory']);
    push('namespace_pod_count_hard', { namespace }, h.pods ?? h['count/pods']);
  }
  return out;
}

function specNum(o: KubeObject, field: string, dflt: number): number {
  const v = (o.spec as Record<string, unknown> | undefined)?.[field];
  return typeof v === 'number' ? v : dflt;
}

function statusNum(o: KubeObject, field: string): number | undefined {
  const v = (o.status as Record<string, unknown> | undefined)?.[field];
  return typeof v === 'number' ? v : undefined;
}
