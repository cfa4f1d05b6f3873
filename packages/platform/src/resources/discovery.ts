/**
 * @module resources/discovery
 * Resolves a plural resource name the list API does not know by heart (a CRD, an extension) through the
 * cluster's discovery documents: core `/api/v1` first, then each group's preferred version. Answers are
 * cached; misses are retried after a minute (a CRD may be installed later).
 */
import type { KubeClient } from '../kube/client';
import { listableTypes, type ResourceType } from '../kube/resources';

interface ApiResourceList {
  groupVersion: string;
  resources: { name: string; namespaced: boolean; kind: string; verbs?: string[] }[];
}

interface ApiGroupList {
  groups: { name: string; preferredVersion?: { groupVersion: string; version: string } }[];
}

export class ResourceResolver {
  private readonly found = new Map<string, ResourceType>();
  private readonly missedAt = new Map<string, number>();

  constructor(
    private readonly client: KubeClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** The type served under a plural name, or undefined. */
  async resolve(resource: string): Promise<ResourceType | undefined> {
    const known = listableTypes[resource] ?? this.found.get(resource);
    if (known) return known;
    const missed = this.missedAt.get(resource);
    if (missed !== undefined && this.now() - missed < 60_000) return undefined;
    const type = await this.lookup(resource).catch(() => undefined);
    if (type) this.found.set(resource, type);
    else this.missedAt.set(resource, this.now());
    return type;
  }

  private async lookup(resource: string): Promise<ResourceType | undefined> {
    const pick = (list: ApiResourceList, group: string, version: string) => {
      const r = list.resources.find(
        (x) => x.name === resource && (x.verbs ?? ['list', 'watch']).includes('watch'),
      );
      return r ? { group, version, resource, kind: r.kind, namespaced: r.namespaced } : undefined;
    };
    const core = await this.client.request<ApiResourceList>('GET', '/api/v1');
    const inCore = pick(core, '', 'v1');
    if (inCore) return inCore;
    const groups = await this.client.request<ApiGroupList>('GET', '/apis');
    for (const g of groups.groups) {
      const gv = g.preferredVersion?.groupVersion;
      if (!gv) continue;
      const list = await this.client.request<ApiResourceList>('GET', `/apis/${gv}`).catch(() => undefined);
      const hit = list && pick(list, g.name, g.preferredVersion!.version);
      if (hit) return hit;
    }
    return undefined;
  }
}
