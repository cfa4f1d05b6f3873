/**
 * @module controllers/workloads/fixtures
 * Builders for planner tests: pods in a given state, owned by a given workload.
 */
import type { Pod } from './types';

export const NOW = new Date('2026-01-01T00:10:00Z');
export const at = (secondsBeforeNow: number) =>
  new Date(NOW.getTime() - secondsBeforeNow * 1000).toISOString();

export interface PodState {
  name: string;
  labels?: Record<string, string>;
  node?: string;
  phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
  ready?: boolean;
  /** Seconds ago the pod became ready. */
  readyFor?: number;
  /** Seconds ago the pod was created. */
  age?: number;
  restarts?: number;
  terminating?: boolean;
  owner?: { kind: string; name: string; uid: string };
  annotations?: Record<string, string>;
}

export function pod(s: PodState): Pod {
  const phase = s.phase ?? (s.ready ? 'Running' : 'Pending');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: s.name,
      namespace: 'default',
      uid: `uid-${s.name}`,
      labels: s.labels ?? {},
      creationTimestamp: at(s.age ?? 60),
      ...(s.annotations ? { annotations: s.annotations } : {}),
      ...(s.terminating ? { deletionTimestamp: at(0) } : {}),
      ...(s.owner
        ? {
            ownerReferences: [
              { apiVersion: 'apps/v1', ...s.owner, controller: true, blockOwnerDeletion: true },
            ],
          }
        : {}),
    },
    spec: { ...(s.node ? { nodeName: s.node } : {}), containers: [{ name: 'c', image: 'i' }] },
    status: {
      phase,
      conditions: s.ready
        ? [{ type: 'Ready', status: 'True', lastTransitionTime: at(s.readyFor ?? 30) }]
        : [],
      containerStatuses: [{ restartCount: s.restarts ?? 0 }],
    },
  };
}
