/**
 * @module pipeline/deps
 * What the request pipeline is built from. Patch and schema engines are injected as interfaces so the
 * pipeline is testable on its own and so the engines stay pure libraries.
 */
import type { KubeObject, ManagedFieldsEntry, StatusCause } from '@sphere/shared';
import type { Store } from '../storage/types';
import type { ResourceRegistry } from '../registry/resource-registry';
import type { ResourceDescriptor, StrategyContext, UserInfo } from '../registry/types';
import type { SchemaNode, SchemaRegistry } from '../schema/types';

export interface ApplyArgs {
  live?: KubeObject;
  applied: KubeObject;
  manager: string;
  force: boolean;
  schema: SchemaNode | undefined;
  now: Date;
  apiVersion: string;
  subresource?: string;
  /** Field paths (FieldsV1 form, e.g. [['f:status']]) the write resets, so nobody owns them. */
  ignoredFields?: string[][];
}

export interface TrackUpdateArgs {
  old?: KubeObject;
  updated: KubeObject;
  manager: string;
  subresource?: string;
  now: Date;
  apiVersion: string;
  schema: SchemaNode | undefined;
}

/** Patch algorithms (packages/kube/src/patch). */
export interface PatchEngine {
  json(original: KubeObject, operations: unknown): KubeObject;
  merge(original: KubeObject, patch: unknown): KubeObject;
  strategic(original: KubeObject, patch: unknown, schema: SchemaNode | undefined): KubeObject;
  apply(args: ApplyArgs): KubeObject;
  /** managedFields after a non-apply write; undefined leaves them as they are. */
  trackUpdate(args: TrackUpdateArgs): ManagedFieldsEntry[] | undefined;
}

/** Schema checks (packages/kube/src/schema). */
export interface SchemaEngine {
  registry: SchemaRegistry;
  /** Root schema of a served kind (built-in or custom). */
  schemaFor(d: ResourceDescriptor): SchemaNode | undefined;
  /** Paths of fields the schema does not know, as kube-apiserver prints them (`spec.foo`). */
  unknownFields(obj: KubeObject, schema: SchemaNode): string[];
  /** JSON type mismatches of built-in kinds, worded as the apiserver's decoder words them (400). */
  typeErrors(obj: KubeObject, schema: SchemaNode): StatusCause[];
  /** Fills `default` values a custom resource's schema declares. */
  applyDefaults(obj: KubeObject, schema: SchemaNode): void;
  /** Full structural validation for custom resources (422 causes). */
  validateCustom(obj: KubeObject, schema: SchemaNode): StatusCause[];
  /** Drops fields a custom resource's schema does not declare. */
  prune(obj: KubeObject, schema: SchemaNode): void;
}

export type AdmissionOperation = 'create' | 'update' | 'delete';

/** Admission runs after defaulting and before validation, for writes of the main resource and subresources. */
export interface AdmissionPlugin {
  name: string;
  admit(request: AdmissionRequest): void | Promise<void>;
}

export interface AdmissionRequest {
  operation: AdmissionOperation;
  descriptor: ResourceDescriptor;
  subresource: string;
  /** The object to be written (mutable); for delete, the object being deleted. */
  object: KubeObject;
  old?: KubeObject;
  user: UserInfo;
  dryRun: boolean;
}

export interface PipelineDeps {
  store: Store;
  registry: ResourceRegistry;
  patch: PatchEngine;
  schema: SchemaEngine;
  admission?: AdmissionPlugin[];
  /** Clock (injected so tests control timestamps). */
  now?: () => Date;
  /** UID generator. */
  uid?: () => string;
  /** Random source in [0, 1) for generateName suffixes. */
  random?: () => number;
  /** Interval between watch BOOKMARK events when clients allow them. */
  bookmarkIntervalMs?: number;
}

export function strategyContext(
  now: Date,
  operation: StrategyContext['operation'],
  subresource = '',
): StrategyContext {
  return { now, operation, subresource };
}
