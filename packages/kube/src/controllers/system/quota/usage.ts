/**
 * @module controllers/system/quota/usage
 * What objects count against a ResourceQuota (pure), shared by the quota controller (status.used) and
 * the ResourceQuota admission plugin (rejecting creates past status.hard): object counts (`pods`,
 * `count/deployments.apps`...), pod compute requests and limits, claim storage (also per class), service
 * load balancers and node ports. Values are plain numbers (cores, bytes, counts).
 */
import { formatQuantity, parseQuantity, type KubeObject } from '@sphere/shared';

export type Usage = Record<string, number>;

/** Resources whose plain name is an object count (besides `count/<resource>[.<group>]`). */
const countNames: Record<string, string> = {
  pods: 'pods',
  services: 'services',
  configmaps: 'configmaps',
  secrets: 'secrets',
  persistentvolumeclaims: 'persistentvolumeclaims',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

interface Container {
  name: string;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
}

const q = (v: string | undefined) => {
  if (v === undefined) return 0;
  try {
    return parseQuantity(v);
  } catch {
    return 0;
  }
};

/** Finished pods no longer count (as upstream's quota evaluator). */
export function podCounts(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

/** Effective pod requests/limits: the sum of containers, at least the largest init container. */
export function podResources(pod: KubeObject): Usage {
  const spec = (pod.spec ?? {}) as {
    containers?: Container[];
    initContainers?: Container[];
    overhead?: Record<string, string>;
  };
  const out: Usage = {};
  for (const kind of ['requests', 'limits'] as const) {
    for (const res of ['cpu', 'memory', 'ephemeral-storage']) {
      const sum = (spec.containers ?? []).reduce((n, c) => n + q(c.resources?.[kind]?.[res]), 0);
      const init = Math.max(0, ...(spec.initContainers ?? []).map((c) => q(c.resources?.[kind]?.[res])));
      const total = Math.max(sum, init) + q(spec.overhead?.[res]);
      if (total > 0) out[`${kind}.${res}`] = total;
    }
  }
  // Plain `cpu` / `memory` in a quota mean requests.
  if (out['requests.cpu']) out.cpu = out['requests.cpu'];
  if (out['requests.memory']) out.memory = out['requests.memory'];
  if (out['requests.ephemeral-storage']) out['ephemeral-storage'] = out['requests.ephemeral-storage'];
  return out;
}

/** What one object of `resource` (plural) in `group` adds to quota usage. */
export function objectUsage(resource: string, group: string, obj: KubeObject): Usage {
  const out: Usage = {};
  if (resource === 'pods' && group === '' && !podCounts(obj)) return out;
  out[group ? `count/${resource}.${group}` : `count/${resource}`] = 1;
  if (group === '' && countNames[resource]) out[countNames[resource]] = 1;
  if (group !== '') return out;
  if (resource === 'pods') Object.assign(out, podResources(obj));
  if (resource === 'services') {
    const spec = (obj.spec ?? {}) as { type?: string; ports?: { nodePort?: number }[] };
    if (spec.type === 'LoadBalancer') out['services.loadbalancers'] = 1;
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer')
      out['services.nodeports'] = (spec.ports ?? []).length;
  }
  if (resource === 'persistentvolumeclaims') {
    const spec = (obj.spec ?? {}) as {
      storageClassName?: string;
      resources?: { requests?: { storage?: string } };
    };
    const storage = q(spec.resources?.requests?.storage);
    out['requests.storage'] = storage;
    if (spec.storageClassName) {
      out[`${spec.storageClassName}.storageclass.storage.k8s.io/requests.storage`] = storage;
      out[`${spec.storageClassName}.storageclass.storage.k8s.io/persistentvolumeclaims`] = 1;
    }
  }
  return out;
}

/** Sums the usage of objects, keeping only the resources a quota limits. */
export function sumUsage(parts: Usage[], hard: string[]): Usage {
  const out: Usage = Object.fromEntries(hard.map((k) => [k, 0]));
  for (const part of parts) for (const [k, v] of Object.entries(part)) if (k in out) out[k] += v;
  return out;
}

/** The (plural, group) a quota resource name counts, or undefined for compute/storage resources. */
export function countedResource(name: string): { resource: string; group: string } | undefined {
  if (name.startsWith('count/')) {
    const rest = name.slice('count/'.length);
    const dot = rest.indexOf('.');
    return dot < 0
      ? { resource: rest, group: '' }
      : { resource: rest.slice(0, dot), group: rest.slice(dot + 1) };
  }
  if (countNames[name]) return { resource: countNames[name], group: '' };
  if (name.startsWith('services.')) return { resource: 'services', group: '' };
  if (name.endsWith('storage') || name.endsWith('/persistentvolumeclaims'))
    return { resource: 'persistentvolumeclaims', group: '' };
  if (/^(requests\.|limits\.)?(cpu|memory|ephemeral-storage)$/.test(name))
    return { resource: 'pods', group: '' };
  return undefined;
}

/** A usage value in the notation quotas use: counts as integers, memory and storage binary, cpu decimal. */
export function formatUsage(name: string, value: number): string {
  if (/memory|storage/.test(name) && !name.endsWith('/persistentvolumeclaims'))
    return formatQuantity(value, 'BinarySI');
  return formatQuantity(value, 'DecimalSI');
}

export function parseUsage(value: string | undefined): number {
  return q(value);
}
