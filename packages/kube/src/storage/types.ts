/**
 * @module storage/types
 * The durable store under the API server: every object of every resource, keyed by
 * (storageKey, namespace, name), with one global revision counter that is the resourceVersion, and an
 * event log from which watches resume. The store knows nothing of kinds, defaulting or validation; the
 * request pipeline does that and calls the store for the final, atomic write.
 */
import type { KubeObject } from '@sphere/shared';

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: StoreEventType;
  /** Revision of this change. For DELETED, the object carries this new resourceVersion. */
  revision: number;
  storageKey: string;
  namespace: string;
  name: string;
  object: KubeObject;
  /** State before the change (MODIFIED and DELETED), so watchers can tell objects leaving a selector. */
  previous?: KubeObject;
}

export interface ListOptions {
  namespace?: string;
  /** Return the state as of this revision (consistent paging); throws Expired when compacted. */
  atRevision?: number;
  /** Items strictly after this `namespace/name` key (paging cursor). */
  after?: string;
  /** Stop after this many matching items (after `filter`). */
  limit?: number;
  /** Applied before `limit` is counted. */
  filter?: (obj: KubeObject) => boolean;
}

export interface ListResult {
  items: KubeObject[];
  /** The revision the list reflects. */
  revision: number;
  /** `namespace/name` key of the last returned item when more matching items remain. */
  continueAfter?: string;
  /** How many matching items remain after this page (when `limit` cut the list). */
  remaining?: number;
}

export interface WatchSubscription {
  stop(): void;
}

export interface Store {
  /** Current revision (the highest revision written). */
  revision(): number;
  /** Oldest revision a watch or a paged list can still start from. */
  compactedRevision(): number;
  get(storageKey: string, namespace: string, name: string): KubeObject | undefined;
  list(storageKey: string, options?: ListOptions): ListResult;
  /** Number of objects of a resource (optionally in a namespace), without copying them. */
  count(storageKey: string, namespace?: string): number;
  /**
   * Creates the object; sets metadata.resourceVersion to the new revision.
   * Throws AlreadyExists (StatusError) if the key exists.
   */
  create(storageKey: string, obj: KubeObject): KubeObject;
  /**
   * Replaces the object. If `expectedRevision` is given and differs from the stored one, throws Conflict.
   * Throws NotFound if the key does not exist.
   */
  update(storageKey: string, obj: KubeObject, expectedRevision?: number): KubeObject;
  /** Removes the object; returns its last state with the deletion revision as resourceVersion. */
  delete(storageKey: string, namespace: string, name: string, expectedRevision?: number): KubeObject;
  /**
   * Delivers every event with revision > `fromRevision` for the resource (all resources when
   * storageKey is '*'), in order, then live events. Throws Expired (410) if fromRevision is compacted.
   * Callbacks run synchronously after the write commits; they must not throw or block.
   */
  watch(storageKey: string, fromRevision: number, onEvent: (event: StoreEvent) => void): WatchSubscription;
  /** Flushes and closes the database. */
  close(): void;
}
