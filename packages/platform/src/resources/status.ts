/**
 * @module resources/status
 * The `status` KubeSphere lists filter and sort by: workloads running | updating | stopped, pods by phase
 * (with `terminating`), namespaces Active | Terminating, users by state, nodes running | unschedulable |
 * warning (not Ready), as KubeSphere's node list shows them.
 */
import type { KubeObject } from '@sphere/shared';

interface Loose {
  spec?: { replicas?: number };
  status?: {
    phase?: string;
    state?: string;
    replicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    updatedReplicas?: number;
    numberReady?: number;
    desiredNumberScheduled?: number;
  };
}

export function statusOf(obj: KubeObject): string {
  const o = obj as KubeObject & Loose;
  switch (obj.kind) {
    case 'Deployment':
    case 'StatefulSet': {
      const desired = o.spec?.replicas ?? 1;
      if (desired === 0) return 'stopped';
      const ready = o.status?.readyReplicas ?? 0;
      return ready >= desired && (o.status?.updatedReplicas ?? desired) >= desired ? 'running' : 'updating';
    }
    case 'DaemonSet': {
      const desired = o.status?.desiredNumberScheduled ?? 0;
      if (desired === 0) return 'stopped';
      return (o.status?.numberReady ?? 0) >= desired ? 'running' : 'updating';
    }
    case 'Pod':
      if (obj.metadata.deletionTimestamp) return 'terminating';
      return (o.status?.phase ?? 'Pending').toLowerCase();
    case 'Node': {
      const conditions = (obj.status as { conditions?: { type: string; status: string }[] } | undefined)
        ?.conditions;
      if (!conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return 'warning';
      return (obj.spec as { unschedulable?: boolean } | undefined)?.unschedulable
        ? 'unschedulable'
        : 'running';
    }
    case 'User':
      return o.status?.state ?? 'Active';
    default:
      if (obj.metadata.deletionTimestamp) return 'Terminating';
      return o.status?.phase ?? o.status?.state ?? '';
  }
}
