/**
 * @module controllers/system/hpa/metrics
 * Where the HPA controller reads pod resource usage. The default source computes the node simulator's
 * usage model (nodes/usage: a pure function of pod and time); tests inject fakes.
 */
import { matchesRequirements, parseSelector, type KubeObject } from '@sphere/shared';
import type { Clock } from '../../runtime/clock';
import type { Informer } from '../../runtime/informer';
import { containerUsage } from '../../../nodes/usage';

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

/** Usage of running pods as the simulated nodes report it (metrics.k8s.io agrees with it). */
export function simulatedMetrics(pods: Informer, clock: Clock): MetricsSource {
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
          for (const c of (p.spec as PodSpecView | undefined)?.containers ?? []) {
            const u = containerUsage(p, c, now);
            cpu += u.cpu;
            memory += u.memory;
          }
          return { pod: p.metadata.name ?? '', cpuMillis: Math.round(cpu * 1000), memoryBytes: memory };
        });
    },
  };
}
