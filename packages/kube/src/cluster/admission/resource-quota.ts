/**
 * @module cluster/admission/resource-quota
 * The ResourceQuota admission plugin: a create that would take a namespace past a quota's hard limits is
 * refused with 403 and upstream's message (`exceeded quota: <name>, requested: pods=1, used: pods=2,
 * limited: pods=2`); a pod without requests/limits for a compute resource its quota limits is refused
 * too. Usage is counted from the stored objects at admission time, so it never waits for the quota
 * controller to catch up.
 */
import { errors, type KubeObject } from '@sphere/shared';
import type { AdmissionPlugin } from '../../pipeline/deps';
import type { Store } from '../../storage/types';
import {
  countedResource,
  formatUsage,
  objectUsage,
  parseUsage,
  sumUsage,
  type Usage,
} from '../../controllers/system/quota/usage';

interface Quota extends KubeObject {
  spec?: { hard?: Record<string, string> };
}

const computeResources = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory'];

/** Containers lacking a value for a compute resource the quota limits (upstream's "must specify"). */
function missingCompute(pod: KubeObject, hard: string[]): string[] {
  const containers =
    (pod.spec as { containers?: { name: string; resources?: Record<string, Record<string, string>> }[] })
      ?.containers ?? [];
  const problems: string[] = [];
  for (const res of computeResources.filter((r) => hard.includes(r)).sort()) {
    const [kind, name] = res.includes('.') ? res.split('.') : ['requests', res];
    const lacking = containers.filter((c) => c.resources?.[kind]?.[name] === undefined).map((c) => c.name);
    if (lacking.length) problems.push(`${res} for: ${lacking.join(',')}`);
  }
  return problems;
}

/** Current usage in a namespace of the resources in `keys`, from the store. */
function namespaceUsage(store: Store, namespace: string, keys: string[]): Usage {
  const parts: Usage[] = [];
  const seen = new Set<string>();
  for (const key of keys) {
    const counted = countedResource(key);
    if (!counted) continue;
    const storageKey = `${counted.group}/${counted.resource}`;
    if (seen.has(storageKey)) continue;
    seen.add(storageKey);
    for (const obj of store.list(storageKey, { namespace }).items)
      parts.push(objectUsage(counted.resource, counted.group, obj));
  }
  return sumUsage(parts, keys);
}

const listing = (keys: string[], value: (k: string) => string) =>
  keys.map((k) => `${k}=${value(k)}`).join(',');

export function resourceQuotaAdmission(store: Store): AdmissionPlugin {
  return {
    name: 'ResourceQuota',
    admit({ operation, descriptor, subresource, object }) {
      if (operation !== 'create' || subresource || !descriptor.namespaced) return;
      const namespace = object.metadata.namespace;
      if (!namespace) return;
      const quotas = store.list('/resourcequotas', { namespace }).items as Quota[];
      if (quotas.length === 0) return;
      const delta = objectUsage(descriptor.plural, descriptor.group, object);
      const resource = descriptor.group ? `${descriptor.plural}.${descriptor.group}` : descriptor.plural;
      const name = object.metadata.name || object.metadata.generateName || '';
      const forbidden = (message: string) =>
        errors.forbidden(`${resource} "${name}" is forbidden: ${message}`, { name, kind: descriptor.plural });
      for (const quota of [...quotas].sort((a, b) =>
        String(a.metadata.name).localeCompare(String(b.metadata.name)),
      )) {
        const hard = quota.spec?.hard ?? {};
        const hardKeys = Object.keys(hard);
        if (descriptor.plural === 'pods' && descriptor.group === '') {
          const missing = missingCompute(object, hardKeys);
          if (missing.length)
            throw forbidden(`failed quota: ${quota.metadata.name}: must specify ${missing.join('; ')}`);
        }
        const touched = hardKeys.filter((k) => (delta[k] ?? 0) > 0).sort();
        if (touched.length === 0) continue;
        const used = namespaceUsage(store, namespace, touched);
        const exceeded = touched.filter((k) => used[k] + delta[k] > parseUsage(hard[k]) + 1e-9);
        if (exceeded.length === 0) continue;
        throw forbidden(
          `exceeded quota: ${quota.metadata.name}, requested: ${listing(exceeded, (k) => formatUsage(k, delta[k]))}, used: ${listing(exceeded, (k) => formatUsage(k, used[k]))}, limited: ${listing(exceeded, (k) => hard[k])}`,
        );
      }
    },
  };
}
