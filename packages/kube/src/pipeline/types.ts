/**
 * @module pipeline/types
 * One request pipeline serves both doors into the API: the HTTP server parses a request into an
 * `ApiRequest`, the in-process client builds one directly. Admission, defaulting, validation, optimistic
 * concurrency, finalizers, dry-run and watch semantics all live behind `ApiPipeline`, so no write can
 * bypass them.
 */
import type { KubeObject, KubeList } from '@sphere/shared';
import type { UserInfo } from '../registry/types';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export const patchContentTypes: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
  'application/apply-patch+cbor': 'apply',
};

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: 'NotOlderThan' | 'Exact';
}

export interface WatchQuery extends ListQuery {
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  sendInitialEvents?: boolean;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
  /** Server-side apply: take ownership of conflicting fields. */
  force?: boolean;
}

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  orphanDependents?: boolean;
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

/** Where a request points: a resource by group/version/plural, optionally a namespace, name, subresource. */
export interface Target {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** The outcome of a write: the object (or Status) plus warnings to send as `Warning` headers. */
export interface WriteResult<T = KubeObject> {
  object: T;
  /** 201 for creates (and SSA creates), 200 otherwise, 202 for some deletes. */
  code: number;
  warnings: string[];
}

export interface WatchHandle {
  stop(): void;
}

/** A watch event as delivered to callers (BOOKMARK and ERROR included). */
export interface PipelineWatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: KubeObject;
}

export interface RequestContext {
  user: UserInfo;
  /** User-Agent, to derive a default field manager as the apiserver does. */
  userAgent?: string;
}

export interface ApiPipeline {
  get(ctx: RequestContext, target: Target, query?: { resourceVersion?: string }): Promise<KubeObject>;
  list(ctx: RequestContext, target: Target, query?: ListQuery): Promise<KubeList>;
  /**
   * Starts a watch. Events are delivered in order through `onEvent`; when the watch ends on its own
   * (timeout, 410, shutdown) `onClose` is called once.
   */
  watch(
    ctx: RequestContext,
    target: Target,
    query: WatchQuery,
    onEvent: (event: PipelineWatchEvent) => void,
    onClose: () => void,
  ): WatchHandle;
  create(ctx: RequestContext, target: Target, body: KubeObject, options?: WriteOptions): Promise<WriteResult>;
  update(ctx: RequestContext, target: Target, body: KubeObject, options?: WriteOptions): Promise<WriteResult>;
  patch(
    ctx: RequestContext,
    target: Target,
    patchType: PatchType,
    patch: unknown,
    options?: WriteOptions,
  ): Promise<WriteResult>;
  delete(ctx: RequestContext, target: Target, options?: DeleteOptions): Promise<WriteResult<unknown>>;
  deleteCollection(
    ctx: RequestContext,
    target: Target,
    query: ListQuery,
    options?: DeleteOptions,
  ): Promise<WriteResult<unknown>>;
}
