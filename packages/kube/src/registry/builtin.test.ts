import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinDescriptors } from './builtin';
import { ResourceRegistry } from './resource-registry';
import { apiVersionOf, storageKeyOf } from './types';

const definitions = JSON.parse(
  readFileSync(new URL('../schema/generated/definitions.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

const all = builtinDescriptors();
const named = all.filter((d) => d.group !== '');

describe('builtinDescriptors', () => {
  it('serves each group/version/resource once', () => {
    const keys = all.map((d) => `${d.group}/${d.version}/${d.plural}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('names an existing OpenAPI definition for every kind', () => {
    const missing = all
      .filter((d) => !d.schemaId || !(d.schemaId in definitions))
      .map((d) => `${apiVersionOf(d)} ${d.kind}`);
    expect(missing).toEqual([]);
  });

  it('has exactly one storage version per storage key', () => {
    const byKey = new Map<string, number>();
    for (const d of all) {
      byKey.set(storageKeyOf(d), (byKey.get(storageKeyOf(d)) ?? 0) + (d.storageVersion === false ? 0 : 1));
    }
    expect([...byKey].filter(([, n]) => n !== 1)).toEqual([]);
    for (const d of all.filter((x) => x.storageVersion === false)) {
      expect(d.toStorage && d.fromStorage, `${apiVersionOf(d)} ${d.plural} converts`).toBeTruthy();
    }
  });

  it('gives kubectl the short names and categories it expects', () => {
    const short = Object.fromEntries(
      named
        .filter((d) => d.storageVersion !== false)
        .flatMap((d) => (d.shortNames ?? []).map((s) => [s, d.plural])),
    );
    expect(short).toMatchObject({
      deploy: 'deployments',
      rs: 'replicasets',
      sts: 'statefulsets',
      ds: 'daemonsets',
      cj: 'cronjobs',
      hpa: 'horizontalpodautoscalers',
      ing: 'ingresses',
      netpol: 'networkpolicies',
      sc: 'storageclasses',
      pdb: 'poddisruptionbudgets',
      pc: 'priorityclasses',
      crd: 'customresourcedefinitions',
      crds: 'customresourcedefinitions',
    });
    const inAll = new Set(named.filter((d) => d.categories?.includes('all')).map((d) => d.plural));
    expect([...inAll].sort()).toEqual([
      'cronjobs',
      'daemonsets',
      'deployments',
      'horizontalpodautoscalers',
      'jobs',
      'replicasets',
      'statefulsets',
    ]);
  });

  it('lets strategic merge patch every built-in and scales the scalable workloads', () => {
    expect(named.filter((d) => d.strategicMerge !== true).map((d) => d.plural)).toEqual([]);
    expect(
      named
        .filter((d) => d.scale)
        .map((d) => d.plural)
        .sort(),
    ).toEqual(['deployments', 'replicasets', 'statefulsets']);
  });

  it('loads into the resource registry with v2 as the preferred autoscaling version', () => {
    const registry = new ResourceRegistry(all);
    expect(registry.lookup('apps', 'v1', 'deployments')?.kind).toBe('Deployment');
    expect(registry.lookupGroupKind('autoscaling', 'HorizontalPodAutoscaler')?.version).toBe('v2');
    expect(registry.lookup('events.k8s.io', 'v1', 'events')?.storageKey).toBe('/events');
  });
});
