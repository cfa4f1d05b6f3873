/**
 * @module controllers/runtime/informer
 * A watch-fed cache of one resource, as client-go's shared informer: list, then watch from the list's
 * resourceVersion; re-watch when the stream ends, relist after 410 Expired. Handlers only enqueue keys;
 * controllers read state from the cache in `reconcile`.
 */
import type { KubeObject } from '@sphere/shared';
import type { KubeClient, ResourceRef } from '../../client/in-process';
import type { WatchHandle } from '../../pipeline/types';

export interface InformerHandlers {
  add?(obj: KubeObject): void;
  update?(old: KubeObject, obj: KubeObject): void;
  delete?(obj: KubeObject): void;
}

export interface InformerOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export class Informer {
  private readonly cache = new Map<string, KubeObject>();
  private readonly byOwnerUid = new Map<string, Set<string>>();
  private readonly handlers: InformerHandlers[] = [];
  private watch?: WatchHandle;
  private resourceVersion = '';
  private stopped = false;
  private synced = false;

  constructor(
    private readonly client: KubeClient,
    readonly ref: ResourceRef,
    private readonly options: InformerOptions = {},
  ) {}

  on(handlers: InformerHandlers): void {
    this.handlers.push(handlers);
    if (this.synced) for (const obj of this.cache.values()) handlers.add?.(obj);
  }

  /** Lists and starts watching; resolves once the cache holds the initial list. */
  async start(): Promise<void> {
    await this.relist();
  }

  hasSynced(): boolean {
    return this.synced;
  }

  get(namespace: string | undefined, name: string): KubeObject | undefined {
    return this.cache.get(`${namespace ?? ''}/${name}`);
  }

  list(namespace?: string): KubeObject[] {
    const all = [...this.cache.values()];
    return namespace === undefined ? all : all.filter((o) => (o.metadata.namespace ?? '') === namespace);
  }

  /** Objects whose ownerReferences name this uid. */
  ownedBy(uid: string): KubeObject[] {
    return [...(this.byOwnerUid.get(uid) ?? [])]
      .map((k) => this.cache.get(k))
      .filter((o): o is KubeObject => !!o);
  }

  stop(): void {
    this.stopped = true;
    this.watch?.stop();
  }

  private async relist(): Promise<void> {
    if (this.stopped) return;
    const list = await this.client.list(this.ref, { ...this.options });
    const seen = new Set<string>();
    for (const obj of list.items) {
      seen.add(keyOf(obj));
      this.upsert(obj);
    }
    for (const [key, obj] of [...this.cache]) if (!seen.has(key)) this.remove(obj);
    this.resourceVersion = list.metadata.resourceVersion ?? '';
    this.synced = true;
    this.startWatch();
  }

  private startWatch(): void {
    if (this.stopped) return;
    let expired = false;
    this.watch = this.client.watch(
      this.ref,
      { ...this.options, resourceVersion: this.resourceVersion, allowWatchBookmarks: true },
      (event) => {
        const rv = event.object.metadata?.resourceVersion;
        if (event.type === 'ERROR') {
          expired = true;
          return;
        }
        if (rv) this.resourceVersion = rv;
        if (event.type === 'ADDED' || event.type === 'MODIFIED') this.upsert(event.object);
        else if (event.type === 'DELETED') this.remove(event.object);
      },
      () => {
        if (this.stopped) return;
        if (expired) void this.relist().catch(() => setTimeout(() => void this.relist(), 1000));
        else setImmediate(() => this.startWatch());
      },
    );
  }

  private upsert(obj: KubeObject): void {
    const key = keyOf(obj);
    const old = this.cache.get(key);
    if (old && old.metadata.resourceVersion === obj.metadata.resourceVersion) return;
    if (old) this.unindex(key, old);
    this.cache.set(key, obj);
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const set = this.byOwnerUid.get(ref.uid) ?? new Set<string>();
      set.add(key);
      this.byOwnerUid.set(ref.uid, set);
    }
    for (const h of this.handlers) {
      if (old) h.update?.(old, obj);
      else h.add?.(obj);
    }
  }

  private remove(obj: KubeObject): void {
    const key = keyOf(obj);
    const old = this.cache.get(key);
    if (!old) return;
    this.unindex(key, old);
    this.cache.delete(key);
    for (const h of this.handlers) h.delete?.(obj);
  }

  private unindex(key: string, obj: KubeObject): void {
    for (const ref of obj.metadata.ownerReferences ?? []) {
      const set = this.byOwnerUid.get(ref.uid);
      set?.delete(key);
      if (set?.size === 0) this.byOwnerUid.delete(ref.uid);
    }
  }
}
