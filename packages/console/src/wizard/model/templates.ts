/**
 * @module templates
 * The default objects each create wizard starts from (KubeSphere's form templates, with the known
 * inconsistencies fixed: no `replicas` on DaemonSets, CronJobs in batch/v1, boolean volume expansion).
 */
import type { KubeObject } from '@sphere/shared';

/** Random suffix of `n` chars from [0-9a-z]; randomness injected for tests. */
export function randomSuffix(n = 6, random: () => number = Math.random): string {
  const chars = '0123456789abcdefghijklmnopqrstuvwxyz';
  let s = '';
  for (let i = 0; i < n; i++) s += chars[Math.floor(random() * chars.length) % chars.length];
  return s;
}

const podSpec = (extra: Record<string, unknown> = {}) => ({
  containers: [],
  serviceAccount: 'default',
  ...extra,
});

/** Workload templates keyed by kind. */
export function workloadTemplate(kind: string, namespace: string): KubeObject {
  const meta = { namespace, labels: {} };
  switch (kind) {
    case 'Deployment':
      return {
        apiVersion: 'apps/v1',
        kind,
        metadata: meta,
        spec: {
          replicas: 1,
          selector: { matchLabels: {} },
          template: { metadata: { labels: {} }, spec: podSpec() },
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        },
      };
    case 'StatefulSet':
      return {
        apiVersion: 'apps/v1',
        kind,
        metadata: meta,
        spec: {
          replicas: 1,
          selector: { matchLabels: {} },
          template: { metadata: { labels: {} }, spec: podSpec() },
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        },
      };
    case 'DaemonSet':
      return {
        apiVersion: 'apps/v1',
        kind,
        metadata: meta,
        spec: {
          selector: { matchLabels: {} },
          template: { metadata: { labels: {} }, spec: podSpec() },
          updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '20%' } },
          minReadySeconds: 0,
        },
      };
    case 'Job':
      return {
        apiVersion: 'batch/v1',
        kind,
        metadata: meta,
        spec: { template: { metadata: { labels: {} }, spec: podSpec({ restartPolicy: 'Never' }) } },
      };
    case 'CronJob':
      return {
        apiVersion: 'batch/v1',
        kind,
        metadata: meta,
        spec: {
          schedule: '0 * * * *',
          concurrencyPolicy: 'Forbid',
          jobTemplate: {
            metadata: { labels: {} },
            spec: { template: { metadata: { labels: {} }, spec: podSpec({ restartPolicy: 'Never' }) } },
          },
        },
      };
    default:
      throw new Error(`no workload template for ${kind}`);
  }
}

/** Headless/virtual-IP Service template selecting `selector`. */
export function serviceTemplate(namespace: string, selector: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace, labels: {} },
    spec: { sessionAffinity: 'None', selector },
  };
}

/** The objects the StatefulSet wizard starts with: the StatefulSet and its headless Service. */
export function statefulSetDraft(namespace: string): KubeObject[] {
  const service = serviceTemplate(namespace);
  (service.spec as Record<string, unknown>).clusterIP = 'None';
  service.metadata.annotations = { 'kubesphere.io/serviceType': 'statefulservice' };
  return [workloadTemplate('StatefulSet', namespace), service];
}
