/**
 * @module monitoring/inventory
 * What the monitoring needs to know about objects, kept current by the platform's own watch caches
 * (list + watch through the Kubernetes API): nodes and pods (capacity, phase, owners), namespaces (their
 * workspace), the workloads whose replicas are reported, and the kinds counted per namespace.
 */
import type { KubeObject } from '@sphere/shared';
import { WatchCache } from '../kube/cache';
import type { KubeClient } from '../kube/client';
import type { ResourceType } from '../kube/resources';
import type { Labels } from './query/types';

const t = (
  group: string,
  version: string,
  resource: string,
  kind: string,
  namespaced = true,
): ResourceType => ({
  group,
  version,
  resource,
  kind,
  namespaced,
});

/** Kinds counted per namespace (`namespace_<key>_count`), by catalog key. */
export const COUNTED_TYPES: Record<string, ResourceType> = {
  deployment: t('apps', 'v1', 'deployments', 'Deployment'),
  statefulset: t('apps', 'v1', 'statefulsets', 'StatefulSet'),
  daemonset: t('apps', 'v1', 'daemonsets', 'DaemonSet'),
  replicaset: t('apps', 'v1', 'replicasets', 'ReplicaSet'),
  job: t('batch', 'v1', 'jobs', 'Job'),
  cronjob: t('batch', 'v1', 'cronjobs', 'CronJob'),
  service: t('', 'v1', 'services', 'Service'),
  endpoint: t('', 'v1', 'endpoints', 'Endpoints'),
  secret: t('', 'v1', 'secrets', 'Secret'),
  configmap: t('', 'v1', 'configmaps', 'ConfigMap'),
  pvc: t('', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim'),
  hpa: t('autoscaling', 'v2', 'horizontalpodautoscalers', 'HorizontalPodAutoscaler'),
  ingresses_extensions: t('networking.k8s.io', 'v1', 'ingresses', 'Ingress'),
};

export const WORKSPACE_LABEL = 'kubesphere.io/workspace';

interface OwnerRef {
  kind: string;
  name: string;
  controller?: boolean;
}

/** The minimal read interface the scraper and the enricher use (a fake in tests). */
export interface InventoryView {
  nodes(): KubeObject[];
  pods(): KubeObject[];
  namespaces(): KubeObject[];
  /** Objects of a counted kind (key of COUNTED_TYPES) in every namespace. */
  counted(key: string): KubeObject[];
  resourceQuotas(): KubeObject[];
  replicaSet(namespace: string, name: string): KubeObject | undefined;
  namespace(name: string): KubeObject | undefined;
  pod(namespace: string, name: string): KubeObject | undefined;
}

/** Watch-cache backed inventory. */
export class Inventory implements InventoryView {
  private readonly caches = new Map<string, WatchCache>();

  constructor(client: KubeClient, log: (line: string) => void) {
    const add = (key: string, type: ResourceType) => this.caches.set(key, new WatchCache(client, type, log));
    add('nodes', t('', 'v1', 'nodes', 'Node', false));
    add('pods', t('', 'v1', 'pods', 'Pod'));
    add('namespaces', t('', 'v1', 'namespaces', 'Namespace', false));
    add('resourcequotas', t('', 'v1', 'resourcequotas', 'ResourceQuota'));
    for (const [k, type] of Object.entries(COUNTED_TYPES)) add(k, type);
  }

  /** Starts every cache; resolves when all have listed (a kind the cluster lacks just stays empty). */
  async start(): Promise<void> {
    await Promise.all([...this.caches.values()].map((c) => c.start().catch(() => undefined)));
  }

  stop(): void {
    for (const c of this.caches.values()) c.stop();
  }

  private list(key: string): KubeObject[] {
    return this.caches.get(key)?.list() ?? [];
  }

  nodes = () => this.list('nodes');
  pods = () => this.list('pods');
  namespaces = () => this.list('namespaces');
  counted = (key: string) => this.list(key);
  resourceQuotas = () => this.list('resourcequotas');
  replicaSet = (ns: string, name: string) => this.caches.get('replicaset')?.get(name, ns);
  namespace = (name: string) => this.caches.get('namespaces')?.get(name);
  pod = (ns: string, name: string) => this.caches.get('pods')?.get(name, ns);
}

/** The workload owning a pod: a ReplicaSet's Deployment, or the pod's controller itself. */
export function podOwner(
  inv: InventoryView,
  pod: KubeObject,
): { owner_kind: string; workload: string } | undefined {
  const refs = (pod.metadata.ownerReferences ?? []) as OwnerRef[];
  const ctrl = refs.find((r) => r.controller) ?? refs[0];
  if (!ctrl) return undefined;
  if (ctrl.kind === 'ReplicaSet') {
    const rs = inv.replicaSet(pod.metadata.namespace ?? '', ctrl.name);
    const rsRefs = (rs?.metadata.ownerReferences ?? []) as OwnerRef[];
    const dep = rsRefs.find((r) => r.kind === 'Deployment');
    if (dep) return { owner_kind: 'Deployment', workload: dep.name };
    // Without the ReplicaSet at hand, the pod-template-hash suffix tells the Deployment's name.
    const hash = (pod.metadata.labels ?? {})['pod-template-hash'];
    if (!rs && hash && ctrl.name.endsWith(`-${hash}`))
      return { owner_kind: 'Deployment', workload: ctrl.name.slice(0, -hash.length - 1) };
  }
  return { owner_kind: ctrl.kind, workload: ctrl.name };
}

/** Enricher for the query engine: workspace of the namespace, and the owner and node of a pod. */
export function inventoryEnricher(inv: InventoryView): (labels: Labels) => Labels {
  return (labels) => {
    if (!labels.namespace) return labels;
    let out = labels;
    if (out.workspace === undefined) {
      const ws = inv.namespace(labels.namespace)?.metadata.labels?.[WORKSPACE_LABEL];
      if (ws) out = { ...out, workspace: ws };
    }
    if (labels.pod && (out.workload === undefined || out.node === undefined)) {
      const pod = inv.pod(labels.namespace, labels.pod);
      if (pod) {
        const owner = out.workload === undefined ? podOwner(inv, pod) : undefined;
        const node = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
        out = { ...out, ...(owner ?? {}), ...(out.node === undefined && node ? { node } : {}) };
      }
    }
    return out;
  };
}
