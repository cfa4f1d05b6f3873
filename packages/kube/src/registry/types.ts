/**
 * @module registry/types
 * One descriptor per served resource (group/version/resource). Routes, discovery, storage keys, tables,
 * defaulting, validation, field selectors and the OpenAPI documents all derive from these descriptors;
 * adding a kind means adding one descriptor file.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';

/** A column of a `meta.k8s.io/v1` Table. */
export interface ColumnDefinition {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  format?: string;
  description?: string;
  priority?: number;
}

export type TableCell = string | number | boolean | null;

export interface TableSpec {
  columns: ColumnDefinition[];
  /** Cells for one object, in column order. `now` is injected so Age columns are testable. */
  cells(obj: KubeObject, now: Date): TableCell[];
  /** Row conditions (e.g. `Completed` for finished pods), as the apiserver attaches them. */
  conditions?(obj: KubeObject): { type: string; status: string; reason?: string; message?: string }[];
}

/** What defaulting, validation and the strategy hooks may consult. */
export interface StrategyContext {
  /** The request's clock. */
  now: Date;
  /** The operation being performed. */
  operation: 'create' | 'update' | 'delete';
  /** Subresource being written ('' for the main resource). */
  subresource: string;
}

export interface ScaleSubresource {
  /** JSON path (dot separated) of the desired replica count, e.g. `spec.replicas`. */
  specReplicasPath: string;
  /** JSON path of the observed replica count, e.g. `status.replicas`. */
  statusReplicasPath: string;
  /** JSON path of the selector; for built-ins the selector object is turned into a string. */
  labelSelectorPath?: string;
}

/** Extra subresources beyond status/scale (pods/log, pods/binding, namespaces/finalize, ...). */
export interface SubresourceDescriptor {
  name: string;
  verbs: string[];
  /** Kind returned (for discovery). */
  responseKind: { group: string; version: string; kind: string };
}

export interface ResourceDescriptor {
  group: string;
  version: string;
  kind: string;
  listKind?: string;
  /** Plural lower-case name used in URLs (`deployments`). */
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  /** Defaults to every verb except for the ones the kind does not support. */
  verbs?: string[];
  /**
   * Storage identity. Versions of one resource share it (autoscaling/v1 and v2 HPAs, CRD versions);
   * defaults to `${group}/${plural}`.
   */
  storageKey?: string;
  /** This version is the one stored; others convert through `toStorage`/`fromStorage`. */
  storageVersion?: boolean;
  /** Converts an object of this version to the storage version (default: rewrite apiVersion). */
  toStorage?(obj: KubeObject): KubeObject;
  /** Converts a stored object to this version (default: rewrite apiVersion). */
  fromStorage?(obj: KubeObject): KubeObject;
  /** OpenAPI definition id of the kind (`io.k8s.api.apps.v1.Deployment`), for validation, SMP and explain. */
  schemaId?: string;
  /** True when the kind has a status that only the /status subresource may write. */
  hasStatus?: boolean;
  scale?: ScaleSubresource;
  subresources?: SubresourceDescriptor[];
  /** Built-in kinds accept strategic merge patches; custom resources answer 415. */
  strategicMerge?: boolean;
  /** DELETE answers with the object rather than a Success Status (pods, services, PVs, PVCs, ...). */
  deleteReturnsObject?: boolean;
  /** Propagation when the client names none: 'Background' for most, 'Orphan' for jobs and RCs. */
  defaultPropagation?: 'Background' | 'Orphan';
  /** Field selector labels beyond metadata.name/metadata.namespace, with their value getters. */
  fieldSelectors?: Record<string, (obj: KubeObject) => string | undefined>;
  /** Standard `kubectl get` columns. Without one, Name and Age (or CRD printer columns). */
  table?: TableSpec;
  /** Fills defaults in place (called on create and update, after patching, before validation). */
  defaults?(obj: KubeObject, ctx: StrategyContext): void;
  /** Validation beyond the schema: names, required fields, enums, immutability. `old` set on update. */
  validate?(obj: KubeObject, old: KubeObject | undefined, ctx: StrategyContext): StatusCause[];
  /** Resets fields a create must not set (status for most kinds) — in place. */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** Copies fields an update of this subresource must not change from `old` — in place. */
  prepareForUpdate?(obj: KubeObject, old: KubeObject, ctx: StrategyContext): void;
  /** Name validation: 'subdomain' (default), 'label' (namespaces, services), 'path' (RBAC), 'none'. */
  nameFormat?: 'subdomain' | 'label' | 'path' | 'none';
  /** Generation bumps when anything but metadata and status changes; kinds without spec may opt out. */
  tracksGeneration?: boolean;
  /** Wire kinds that are not persisted (SelfSubjectAccessReview, TokenReview): the handler answers create. */
  virtual?: {
    create(obj: KubeObject, user: UserInfo): KubeObject | Promise<KubeObject>;
  };
  /**
   * Read-only resources computed on request (metrics.k8s.io NodeMetrics/PodMetrics): get and list are
   * answered from `list`, nothing is stored.
   */
  computed?: {
    list(namespace: string | undefined): KubeObject[];
  };
  /** For CRD-served resources: the CRD's printer columns, schema etc. live with the dynamic registry. */
  custom?: boolean;
}

/** The authenticated identity of a request. */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
}

/** `group/version/resource` triple. */
export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

export function storageKeyOf(d: ResourceDescriptor): string {
  return d.storageKey ?? `${d.group}/${d.plural}`;
}

export function apiVersionOf(d: Pick<ResourceDescriptor, 'group' | 'version'>): string {
  return d.group ? `${d.group}/${d.version}` : d.version;
}
