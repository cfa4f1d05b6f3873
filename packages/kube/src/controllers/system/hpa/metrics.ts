/**
 * @module controllers/system/hpa/metrics
 * Where the HPA controller reads pod resource usage. The default source computes the node simulator's
 * usage model (nodes/usage: a pure function of pod and time); tests inject fakes.
 */
import { matchesRequirements, parseSelector, type KubeObject } from '@sphere/shared';
import type { Clock } from '../../runtime/clock';
import type { Informer } from '../../runtime/informer';
import { containerUsage, loadCpu } from '../../../nodes/usage';
import { TrafficModel } from '../../../nodes/traffic';

export interface PodUsage {
  /** The pod's name. */
  pod: string;
  cpuMillis: number;
  memoryBytes: number;
}

export interface MetricsSource {
  /** Current usage of the running pods of `namespace` matching the label selector string. */
  podUsage(namespace: string, selector: string): PodUsage[];
}

interface PodSpecView {
  containers?: {
    name: string;
    resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  }[];
}

/**
 * Usage of running pods as the simulated nodes report it (metrics.k8s.io agrees with it), including
 * the load that generator pods put on Services (nodes/traffic) when `services` is given.
 */
export function simulatedMetrics(pods: Informer, clock: Clock, services?: Informer): MetricsSource {
  const traffic = services
    ? new TrafficModel({
        clock,
        pods,
        services,
        cpuOf: (pod, loops) => {
          const first = (pod.spec as PodSpecView | undefined)?.containers?.[0];
          return first ? loadCpu(pod, first, loops) : 0;
        },
      })
    : undefined;
  return {
    podUsage(namespace, selector) {
      const reqs = parseSelector(selector);
      const now = clock.now();
      return pods
        .list(namespace)
        .filter((p: KubeObject) => (p.status as { phase?: string } | undefined)?.phase === 'Running')
        .filter((p) => matchesRequirements(reqs, p.metadata.labels))
        .map((p) => {
          let cpu = 0;
          let memory = 0;
          const loops = traffic?.served(p) ?? 0;
          for (const [i, c] of ((p.spec as PodSpecView | undefined)?.containers ?? []).entries()) {
            const u = containerUsage(p, c, now, i === 0 ? loadCpu(p, c, loops) : 0);
            cpu += u.cpu;
            memory += u.memory;
          }
          return { pod: p.metadata.name ?? '', cpuMillis: Math.round(cpu * 1000), memoryBytes: memory };
        });
    },
  };
}
