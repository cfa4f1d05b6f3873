/**
 * @module kube/cache
 * Watch caches: list once, then follow the watch stream (re-listing after 410 Gone or a broken stream).
 * Objects the platform itself writes are put in the cache at once (`upsert`), so a request that follows a
 * write sees it even before the watch event arrives; resourceVersions keep the newer copy.
 */
import { objectKey, type KubeObject } from '@sphere/shared';
import { StatusError } from '@sphere/shared';
import type { KubeClient, RawWatchEvent, WatchHandle } from './client';
import { apiVersionOf, resourcePath, type ResourceType } from './resources';

export type CacheEventType = 'ADDED' | 'MODIFIED' | 'DELETED';
export type CacheListener<T extends KubeObject> = (type: CacheEventType, obj: T) => void;

/** Compares resourceVersions: numeric when both are (the usual case), otherwise "different means newer". */
export function isNewer(candidate: string | undefined, current: string | undefined): boolean {
  if (!current) return true;
  if (!candidate) return false;
  if (/^\d+$/.test(candidate) && /^\d+$/.test(current)) {
    return candidate.length !== current.length ? candidate.length > current.length : candidate > current;
  }
  return candidate !== current;
}

/** An in-memory copy of one resource type, kept current by list + watch. */
export class WatchCache<T extends KubeObject = KubeObject> {
  private readonly objects = new Map<string, T>();
  private readonly byNamespace = new Map<string, Map<string, T>>();
  private readonly listeners: CacheListener<T>[] = [];
  private readonly deletedAt = new Map<string, string>();
  private watchHandle?: WatchHandle;
  /** Bumped on every change: lets consumers memoize derived indexes. */
  generation = 0;
  private stopped = false;
  private lastRv = '';
  private readyResolve!: () => void;
  /** Resolves after the first complete list. */
  readonly ready: Promise<void>;

  constructor(
    private readonly client: KubeClient,
    readonly type: ResourceType,
    private readonly log: (line: string) => void = () => {},
  ) {
    this.ready = new Promise((resolve) => (this.readyResolve = resolve));
  }

  /** Starts list + watch. Resolves once the first list is in the cache. */
  async start(): Promise<void> {
    await this.relist();
    return this.ready;
  }

  stop(): void {
    this.stopped = true;
    this.watchHandle?.stop();
  }

  onChange(listener: CacheListener<T>): void {
    this.listeners.push(listener);
  }

  get(name: string, namespace?: string): T | undefined {
    return this.objects.get(namespace ? `${namespace}/${name}` : name);
  }

  /** All objects, or those of one namespace. */
  list(namespace?: string): T[] {
    if (namespace !== undefined) return [...(this.byNamespace.get(namespace)?.values() ?? [])];
    return [...this.objects.values()];
  }

  get size(): number {
    return this.objects.size;
  }

  /** Puts an object the platform just wrote (or read) into the cache if it is newer than the cached copy. */
  upsert(obj: T): void {
    const key = objectKey(obj);
    const current = this.objects.get(key);
    if (current && !isNewer(obj.metadata.resourceVersion, current.metadata.resourceVersion)) return;
    const deletedRv = this.deletedAt.get(key);
    if (!current && deletedRv && !isNewer(obj.metadata.resourceVersion, deletedRv)) return;
    this.put(obj, current ? 'MODIFIED' : 'ADDED');
  }

  /** Removes an object the platform just deleted. */
  remove(name: string, namespace?: string): void {
    const key = namespace ? `${namespace}/${name}` : name;
    const current = this.objects.get(key);
    if (current) this.drop(current);
  }

  private put(obj: T, type: CacheEventType): void {
    // List items come without type meta; keep it so consumers (status, v1alpha3 lists) can rely on it.
    if (!obj.kind) obj.kind = this.type.kind;
    if (!obj.apiVersion) obj.apiVersion = apiVersionOf(this.type);
    const key = objectKey(obj);
    this.objects.set(key, obj);
    this.deletedAt.delete(key);
    const ns = obj.metadata.namespace ?? '';
    let bucket = this.byNamespace.get(ns);
    if (!bucket) this.byNamespace.set(ns, (bucket = new Map()));
    bucket.set(key, obj);
    this.generation++;
    this.emit(type, obj);
  }

  private drop(obj: T): void {
    const key = objectKey(obj);
    if (!this.objects.delete(key)) return;
    this.deletedAt.set(key, obj.metadata.resourceVersion ?? '');
    this.byNamespace.get(obj.metadata.namespace ?? '')?.delete(key);
    this.generation++;
    this.emit('DELETED', obj);
  }

  private emit(type: CacheEventType, obj: T): void {
    for (const l of this.listeners) {
      try {
        l(type, obj);
      } catch (err) {
        this.log(`cache listener for ${this.type.resource} failed: ${(err as Error).message}`);
      }
    }
  }

  private async relist(): Promise<void> {
    if (this.stopped) return;
    try {
      const list = await this.client.list<T>(this.type);
      const seen = new Set<string>();
      for (const item of list.items) {
        const key = objectKey(item);
        seen.add(key);
        const current = this.objects.get(key);
        if (!current || current.metadata.resourceVersion !== item.metadata.resourceVersion) {
          this.put(item, current ? 'MODIFIED' : 'ADDED');
        }
      }
      for (const [key, obj] of this.objects) if (!seen.has(key)) this.drop(obj);
      this.lastRv = list.metadata.resourceVersion ?? '';
      this.readyResolve();
      this.watchFrom();
    } catch (err) {
      this.log(`list ${this.type.resource} failed: ${(err as Error).message}; retrying`);
      this.retry(() => this.relist());
    }
  }

  private watchFrom(): void {
    if (this.stopped) return;
    const handle = this.client.watch(
      resourcePath(this.type),
      this.lastRv,
      (ev) => {
        if (ev.type !== 'ERROR') return this.applyEvent(ev);
        // Usually 410 Gone (our resourceVersion was compacted): stop this stream and list afresh.
        handle.stop();
        this.retry(() => this.relist(), 0);
      },
      (err) => {
        if (this.stopped) return;
        if (err instanceof StatusError && err.code === 410) this.retry(() => this.relist(), 0);
        else this.retry(() => this.watchFrom(), err ? 500 : 0);
      },
    );
    this.watchHandle = handle;
  }

  private applyEvent(ev: RawWatchEvent): void {
    const obj = ev.object as T;
    if (obj?.metadata?.resourceVersion) this.lastRv = obj.metadata.resourceVersion;
    if (ev.type === 'BOOKMARK') return;
    if (ev.type === 'DELETED') {
      const current = this.objects.get(objectKey(obj));
      if (current) this.drop(current);
      else this.deletedAt.set(objectKey(obj), obj.metadata.resourceVersion ?? '');
    } else {
      this.upsert(obj);
    }
  }

  private retry(fn: () => void, delayMs = 1000): void {
    if (this.stopped) return;
    const timer = setTimeout(fn, delayMs);
    timer.unref();
  }
}
