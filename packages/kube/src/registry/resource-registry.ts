/**
 * @module registry/resource-registry
 * The set of resources the API server serves right now: the built-in descriptors plus those derived from
 * CustomResourceDefinitions, which come and go at run time. Discovery, routing and the OpenAPI documents
 * read it; `version()` changes whenever the set changes so cached documents can be rebuilt.
 */
import type { ResourceDescriptor } from './types';
import { apiVersionOf, storageKeyOf } from './types';

export interface GroupVersion {
  group: string;
  version: string;
}

export class ResourceRegistry {
  private readonly byPath = new Map<string, ResourceDescriptor>();
  private readonly byKind = new Map<string, ResourceDescriptor>();
  private readonly dynamic = new Map<string, ResourceDescriptor[]>();
  private generation = 0;
  private readonly listeners = new Set<() => void>();

  constructor(builtins: ResourceDescriptor[]) {
    for (const d of builtins) this.index(d);
  }

  /** Increases whenever a resource is added or removed. */
  version(): number {
    return this.generation;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The descriptor serving `/<group>/<version>/<plural>`, if any. */
  lookup(group: string, version: string, plural: string): ResourceDescriptor | undefined {
    return this.byPath.get(`${group}/${version}/${plural}`);
  }

  /** The descriptor of a kind in a group version (`apps/v1`, `Deployment`). */
  lookupKind(group: string, version: string, kind: string): ResourceDescriptor | undefined {
    return this.byKind.get(`${group}/${version}/${kind}`);
  }

  /** Any served version of a kind in a group, preferring the storage version. */
  lookupGroupKind(group: string, kind: string): ResourceDescriptor | undefined {
    let found: ResourceDescriptor | undefined;
    for (const d of this.byPath.values()) {
      if (d.group !== group || d.kind !== kind) continue;
      if (d.storageVersion !== false) return d;
      found ??= d;
    }
    return found;
  }

  /** The descriptor that stores a storage key (the storage version of the resource). */
  storageDescriptor(storageKey: string): ResourceDescriptor | undefined {
    let found: ResourceDescriptor | undefined;
    for (const d of this.byPath.values()) {
      if (storageKeyOf(d) !== storageKey) continue;
      if (d.storageVersion !== false) return d;
      found ??= d;
    }
    return found;
  }

  all(): ResourceDescriptor[] {
    return [...this.byPath.values()];
  }

  /** Group versions in serving order: core first, then groups by name, versions by preference. */
  groupVersions(): GroupVersion[] {
    const seen = new Map<string, GroupVersion>();
    for (const d of this.byPath.values()) seen.set(apiVersionOf(d), { group: d.group, version: d.version });
    return [...seen.values()].sort(
      (a, b) => a.group.localeCompare(b.group) || compareKubeVersions(a.version, b.version),
    );
  }

  /** Replaces the resources contributed by one source (a CRD, keyed by its name). */
  setDynamic(source: string, descriptors: ResourceDescriptor[]): void {
    for (const old of this.dynamic.get(source) ?? []) this.unindex(old);
    if (descriptors.length > 0) this.dynamic.set(source, descriptors);
    else this.dynamic.delete(source);
    for (const d of descriptors) this.index(d);
    this.changed();
  }

  private index(d: ResourceDescriptor): void {
    this.byPath.set(`${d.group}/${d.version}/${d.plural}`, d);
    this.byKind.set(`${d.group}/${d.version}/${d.kind}`, d);
  }

  private unindex(d: ResourceDescriptor): void {
    this.byPath.delete(`${d.group}/${d.version}/${d.plural}`);
    this.byKind.delete(`${d.group}/${d.version}/${d.kind}`);
  }

  private changed(): void {
    this.generation++;
    for (const l of this.listeners) l();
  }
}

/**
 * Kubernetes version priority: GA > beta > alpha, higher numbers first (v2 > v1 > v1beta2 > v1beta1 >
 * v1alpha1), anything else alphabetically last. Returns a negative number when `a` is preferred.
 */
export function compareKubeVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number, string] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0, v];
    const stage = m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2;
    return [stage, -Number(m[1]), -Number(m[3] ?? 0), v];
  };
  const [sa, ma, na, va] = rank(a);
  const [sb, mb, nb, vb] = rank(b);
  return sa - sb || ma - mb || na - nb || va.localeCompare(vb);
}
