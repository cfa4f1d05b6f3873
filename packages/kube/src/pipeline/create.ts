/**
 * @module pipeline/create
 * POST of a new object: server-owned metadata, defaulting, admission, validation, then one atomic store
 * write (unless dry-run).
 */
import { errors, type KubeObject } from '@sphere/shared';
import { apiVersionOf } from '../registry/types';
import type { PipelineDeps } from './deps';
import { fromStorage, resolve, toStorage, type Resolved } from './resolve';
import type { RequestContext, Target, WriteOptions, WriteResult } from './types';
import { clone, randomSuffix, timestamp } from './util';
import { checkUnknownFields, defaultAdmitValidate, fieldManagerOf, trackManagedFields } from './write';

/** 404 when the namespace is missing, 403 while it terminates (as kube-apiserver's NamespaceLifecycle). */
export function checkNamespaceAccepts(deps: PipelineDeps, namespace: string): void {
  if (!namespace) return;
  const ns = deps.store.get('/namespaces', '', namespace);
  if (!ns) throw errors.notFound('namespaces', '', namespace);
  if (
    ns.metadata.deletionTimestamp ||
    (ns.status as { phase?: string } | undefined)?.phase === 'Terminating'
  ) {
    throw errors.forbidden(
      `unable to create new content in namespace ${namespace} because it is being terminated`,
      { name: namespace, kind: 'namespaces' },
    );
  }
}

/** Checks the body's type meta against the target and fills it in when absent. */
export function checkTypeMeta(r: Resolved, body: KubeObject): void {
  const d = r.descriptor;
  const expected = apiVersionOf(d);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw errors.badRequest('the body of the request must be a JSON or YAML object');
  }
  if (body.apiVersion !== undefined && body.apiVersion !== expected) {
    throw errors.badRequest(
      `the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${expected})`,
    );
  }
  if (body.kind !== undefined && body.kind !== d.kind) {
    throw errors.badRequest(
      `${d.kind} in version "${d.version}" cannot be handled as a ${d.kind}: kind "${String(body.kind)}" does not match`,
    );
  }
  body.apiVersion = expected;
  body.kind = d.kind;
  if (typeof body.metadata !== 'object' || body.metadata === null) body.metadata = {};
}

/** Namespace in the body must match the URL; cluster-scoped objects carry none. */
export function checkNamespaceMatches(r: Resolved, body: KubeObject): void {
  if (!r.descriptor.namespaced) {
    delete body.metadata.namespace;
    return;
  }
  if (body.metadata.namespace && body.metadata.namespace !== r.namespace) {
    throw errors.badRequest(
      'the namespace of the provided object does not match the namespace sent on the request',
    );
  }
  body.metadata.namespace = r.namespace;
}

export async function createObject(
  deps: PipelineDeps,
  ctx: RequestContext,
  target: Target,
  input: KubeObject,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const r = resolve(deps.registry, target, 'create');
  const d = r.descriptor;
  const body = clone(input);
  checkTypeMeta(r, body);
  checkNamespaceMatches(r, body);
  if (d.virtual) {
    return { object: await d.virtual.create(body, ctx.user), code: 201, warnings: [] };
  }
  if (d.namespaced && !r.namespace) throw errors.pathNotFound();
  const warnings = checkUnknownFields(deps, d, body, options.fieldValidation);
  const now = (deps.now ?? (() => new Date()))();
  const manager = fieldManagerOf(options, ctx.userAgent);
  assignCreateMeta(deps, body, now);
  if (d.custom) {
    const schema = deps.schema.schemaFor(d);
    if (schema) {
      deps.schema.prune(body, schema);
      deps.schema.applyDefaults(body, schema);
    }
  }
  d.prepareForCreate?.(body, { now, operation: 'create', subresource: '' });
  await defaultAdmitValidate({
    deps,
    descriptor: d,
    operation: 'create',
    subresource: '',
    obj: body,
    user: ctx.user,
    dryRun: !!options.dryRun,
    now,
  });
  trackManagedFields(deps, d, undefined, body, manager, '', now);
  return { object: commitCreate(deps, r, body, !!options.dryRun), code: 201, warnings };
}

/** Server-owned metadata of a new object. */
export function assignCreateMeta(deps: PipelineDeps, body: KubeObject, now: Date): void {
  const meta = body.metadata;
  if (meta.resourceVersion)
    throw errors.badRequest('resourceVersion should not be set on objects to be created');
  if (!meta.name && meta.generateName) {
    meta.name = meta.generateName + randomSuffix(deps.random ?? Math.random);
  }
  meta.uid = (deps.uid ?? (() => crypto.randomUUID()))();
  meta.creationTimestamp = timestamp(now);
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.generation;
  if (meta.finalizers?.length === 0) delete meta.finalizers;
}

/** Namespace checks, generation, then the store write (skipped for dry-run). Returns the served object. */
export function commitCreate(deps: PipelineDeps, r: Resolved, body: KubeObject, dryRun: boolean): KubeObject {
  checkNamespaceAccepts(deps, r.namespace);
  if (tracksGeneration(r.descriptor)) {
    body.metadata.generation = 1;
  }
  if (deps.store.get(r.storageKey, r.namespace, body.metadata.name ?? '')) {
    throw errors.alreadyExists(r.descriptor.plural, r.descriptor.group, body.metadata.name ?? '');
  }
  if (dryRun) return body;
  const stored = deps.store.create(r.storageKey, toStorage(deps.registry, r.descriptor, body));
  return fromStorage(r.descriptor, stored);
}

/** Kinds whose spec changes bump metadata.generation: those that declare it, and every custom resource. */
export function tracksGeneration(d: Resolved['descriptor']): boolean {
  return d.tracksGeneration === true || (d.custom === true && d.tracksGeneration !== false);
}
