/**
 * @module api/discovery
 * Discovery documents, derived from the registry: aggregated discovery (apidiscovery.k8s.io v2 and
 * v2beta1, chosen by Accept) and the legacy APIVersions / APIGroupList / APIResourceList documents.
 */
import type { ResourceRegistry } from '../registry/resource-registry';
import { apiVersionOf, type ResourceDescriptor } from '../registry/types';
import { verbsOf } from '../pipeline/resolve';

interface SubresourceEntry {
  name: string;
  verbs: string[];
  kind: { group: string; version: string; kind: string };
}

function subresourcesOf(d: ResourceDescriptor): SubresourceEntry[] {
  const subs: SubresourceEntry[] = [];
  const self = { group: d.group, version: d.version, kind: d.kind };
  if (d.hasStatus) subs.push({ name: 'status', verbs: ['get', 'patch', 'update'], kind: self });
  if (d.scale)
    subs.push({
      name: 'scale',
      verbs: ['get', 'patch', 'update'],
      kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
    });
  for (const s of d.subresources ?? []) subs.push({ name: s.name, verbs: s.verbs, kind: s.responseKind });
  return subs.sort((a, b) => a.name.localeCompare(b.name));
}

/** Which aggregated discovery version the client asked for, if any (v2 preferred in Accept order). */
export function aggregatedVersionRequested(accept: string | undefined): 'v2' | 'v2beta1' | undefined {
  if (!accept) return undefined;
  for (const part of accept.split(',')) {
    if (!part.includes('as=APIGroupDiscoveryList') || !part.includes('g=apidiscovery.k8s.io')) continue;
    if (/v=v2beta1(;|$|\s)/.test(part)) return 'v2beta1';
    if (/v=v2(;|$|\s)/.test(part)) return 'v2';
  }
  return undefined;
}

export function aggregatedContentType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}

function aggregatedResource(d: ResourceDescriptor) {
  const entry: Record<string, unknown> = {
    resource: d.plural,
    responseKind: { group: d.group, version: d.version, kind: d.kind },
    scope: d.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: d.singular,
    verbs: verbsOf(d),
  };
  if (d.shortNames?.length) entry.shortNames = d.shortNames;
  if (d.categories?.length) entry.categories = d.categories;
  const subs = subresourcesOf(d);
  if (subs.length) {
    entry.subresources = subs.map((s) => ({ subresource: s.name, responseKind: s.kind, verbs: s.verbs }));
  }
  return entry;
}

/** Aggregated discovery for `/api` (legacy = true) or `/apis`. */
export function aggregatedDiscovery(registry: ResourceRegistry, legacy: boolean, version: 'v2' | 'v2beta1') {
  const groups = new Map<string, Map<string, ResourceDescriptor[]>>();
  for (const d of registry.all()) {
    if ((d.group === '') !== legacy) continue;
    const versions = groups.get(d.group) ?? new Map<string, ResourceDescriptor[]>();
    groups.set(d.group, versions);
    versions.set(d.version, [...(versions.get(d.version) ?? []), d]);
  }
  const order = registry.groupVersions();
  const items = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([group, versions]) => ({
      metadata: { name: group, creationTimestamp: null },
      versions: order
        .filter((gv) => gv.group === group && versions.has(gv.version))
        .map((gv) => ({
          version: gv.version,
          freshness: 'Current',
          resources: (versions.get(gv.version) ?? [])
            .sort((a, b) => a.plural.localeCompare(b.plural))
            .map(aggregatedResource),
        })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: `apidiscovery.k8s.io/${version}`, metadata: {}, items };
}

export function legacyApiVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(registry: ResourceRegistry, group: string) {
  const versions = registry
    .groupVersions()
    .filter((gv) => gv.group === group)
    .map((gv) => ({ groupVersion: `${group}/${gv.version}`, version: gv.version }));
  return { name: group, versions, preferredVersion: versions[0] };
}

export function legacyGroupList(registry: ResourceRegistry) {
  const names = [...new Set(registry.groupVersions().map((gv) => gv.group))].filter(Boolean).sort();
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: names.map((g) => groupEntry(registry, g)) };
}

export function legacyGroup(registry: ResourceRegistry, group: string) {
  const entry = groupEntry(registry, group);
  if (entry.versions.length === 0) return undefined;
  return { kind: 'APIGroup', apiVersion: 'v1', ...entry };
}

/** APIResourceList for one group version, or undefined if nothing is served there. */
export function legacyResourceList(registry: ResourceRegistry, group: string, version: string) {
  const ds = registry.all().filter((d) => d.group === group && d.version === version);
  if (ds.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const d of ds.sort((a, b) => a.plural.localeCompare(b.plural))) {
    const entry: Record<string, unknown> = {
      name: d.plural,
      singularName: d.singular,
      namespaced: d.namespaced,
      kind: d.kind,
      verbs: verbsOf(d),
    };
    if (d.shortNames?.length) entry.shortNames = d.shortNames;
    if (d.categories?.length) entry.categories = d.categories;
    resources.push(entry);
    for (const s of subresourcesOf(d)) {
      const sub: Record<string, unknown> = {
        name: `${d.plural}/${s.name}`,
        singularName: '',
        namespaced: d.namespaced,
        kind: s.kind.kind,
        verbs: s.verbs,
      };
      if (s.kind.group !== d.group || s.kind.version !== d.version) {
        sub.group = s.kind.group;
        sub.version = s.kind.version;
      }
      resources.push(sub);
    }
  }
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: apiVersionOf({ group, version }),
    resources,
  };
}
