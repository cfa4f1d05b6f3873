/**
 * @module pipeline/update
 * PUT of an existing object (main resource or status), and the commit step that patches share:
 * preconditions, server-owned metadata, status/spec separation, generation, no-op detection, and the
 * removal of objects whose deletion was waiting for their last finalizer.
 */
import { errors, type KubeObject } from '@sphere/shared';
import type { PipelineDeps } from './deps';
import { checkNamespaceMatches, checkTypeMeta, tracksGeneration } from './create';
import { fromStorage, resolve, toStorage, type Resolved } from './resolve';
import type { RequestContext, Target, WriteOptions, WriteResult } from './types';
import { clone, deepEqual, specPart } from './util';
import { checkUnknownFields, defaultAdmitValidate, fieldManagerOf, trackManagedFields } from './write';

export async function updateObject(
  deps: PipelineDeps,
  ctx: RequestContext,
  target: Target,
  input: KubeObject,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const r = resolve(deps.registry, target, 'update');
  const sub = target.subresource ?? '';
  const body = clone(input);
  checkTypeMeta(r, body);
  checkNamespaceMatches(r, body);
  const name = target.name ?? '';
  if (body.metadata.name && body.metadata.name !== name) {
    throw errors.badRequest(
      `the name of the object (${body.metadata.name}) does not match the name on the URL (${name})`,
    );
  }
  body.metadata.name = name;
  const current = deps.store.get(r.storageKey, r.namespace, name);
  if (!current) throw errors.notFound(r.descriptor.plural, r.descriptor.group, name);
  const warnings = checkUnknownFields(deps, r.descriptor, body, options.fieldValidation);
  const expected = parseResourceVersion(body.metadata.resourceVersion);
  return commitUpdate({
    deps,
    ctx,
    r,
    subresource: sub,
    current: fromStorage(r.descriptor, current),
    next: body,
    expectedRevision: expected,
    options,
    warnings,
  });
}

export function parseResourceVersion(rv: string | undefined): number | undefined {
  if (rv === undefined || rv === '') return undefined;
  const n = Number(rv);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw errors.badRequest(`invalid resource version: ${rv}`);
  }
  return n;
}

export interface CommitArgs {
  deps: PipelineDeps;
  ctx: RequestContext;
  r: Resolved;
  subresource: string;
  /** The stored object, converted to the served version. */
  current: KubeObject;
  next: KubeObject;
  expectedRevision?: number;
  options: WriteOptions;
  warnings: string[];
  /** Server-side apply has already computed managedFields. */
  managedFieldsDone?: boolean;
}

export async function commitUpdate(args: CommitArgs): Promise<WriteResult> {
  const { deps, r, current, next, subresource } = args;
  const d = r.descriptor;
  const name = current.metadata.name ?? '';
  const now = (deps.now ?? (() => new Date()))();
  if (next.metadata.uid && next.metadata.uid !== current.metadata.uid) {
    throw errors.conflict(
      d.plural,
      d.group,
      name,
      `Precondition failed: UID in precondition: ${next.metadata.uid}, UID in object meta: ${current.metadata.uid}`,
    );
  }
  const currentRevision = Number(current.metadata.resourceVersion);
  if (args.expectedRevision !== undefined && args.expectedRevision !== currentRevision) {
    throw errors.conflict(d.plural, d.group, name);
  }
  keepServerMetadata(next, current);
  if (subresource === 'status') {
    const status = next.status;
    const managed = next.metadata.managedFields;
    Object.keys(next).forEach((k) => delete next[k]);
    Object.assign(next, clone(current));
    if (status === undefined) delete next.status;
    else next.status = status;
    next.metadata.managedFields = managed ?? current.metadata.managedFields;
  } else if (d.hasStatus && subresource !== 'binding') {
    // Main-resource writes never change status (binding is the one write that sets both).
    if (current.status === undefined) delete next.status;
    else next.status = clone(current.status);
  }
  d.prepareForUpdate?.(next, current, { now, operation: 'update', subresource });
  if (d.custom) {
    const schema = deps.schema.schemaFor(d);
    if (schema) {
      deps.schema.prune(next, schema);
      deps.schema.applyDefaults(next, schema);
    }
  }
  await defaultAdmitValidate({
    deps,
    descriptor: d,
    operation: 'update',
    subresource,
    obj: next,
    old: current,
    user: args.ctx.user,
    dryRun: !!args.options.dryRun,
    now,
  });
  if (tracksGeneration(d) && !deepEqual(specPart(next), specPart(current))) {
    next.metadata.generation = (current.metadata.generation ?? 0) + 1;
  }
  if (!args.managedFieldsDone) {
    trackManagedFields(
      deps,
      d,
      current,
      next,
      fieldManagerOf(args.options, args.ctx.userAgent),
      subresource,
      now,
    );
  }
  if (isNoop(current, next)) return { object: current, code: 200, warnings: args.warnings };
  if (args.options.dryRun) return { object: next, code: 200, warnings: args.warnings };
  if (readyToRemove(d.plural, next)) {
    const gone = deps.store.delete(r.storageKey, r.namespace, name, currentRevision);
    return {
      object: fromStorage(d, {
        ...gone,
        metadata: { ...gone.metadata, ...next.metadata, resourceVersion: gone.metadata.resourceVersion },
      }),
      code: 200,
      warnings: args.warnings,
    };
  }
  const stored = deps.store.update(r.storageKey, toStorage(deps.registry, d, next), currentRevision);
  return { object: fromStorage(d, stored), code: 200, warnings: args.warnings };
}

/** Fields clients cannot change through an update. */
function keepServerMetadata(next: KubeObject, current: KubeObject): void {
  const m = next.metadata;
  const c = current.metadata;
  m.uid = c.uid;
  m.creationTimestamp = c.creationTimestamp;
  m.namespace = c.namespace;
  m.name = c.name;
  m.resourceVersion = c.resourceVersion;
  if (c.generation !== undefined) m.generation = c.generation;
  else delete m.generation;
  if (c.deletionTimestamp) {
    m.deletionTimestamp = c.deletionTimestamp;
    if (c.deletionGracePeriodSeconds !== undefined)
      m.deletionGracePeriodSeconds = c.deletionGracePeriodSeconds;
  } else {
    delete m.deletionTimestamp;
    delete m.deletionGracePeriodSeconds;
  }
  if (m.finalizers?.length === 0) delete m.finalizers;
  if (m.labels && Object.keys(m.labels).length === 0) delete m.labels;
  if (m.annotations && Object.keys(m.annotations).length === 0) delete m.annotations;
  if (m.ownerReferences?.length === 0) delete m.ownerReferences;
}

function withoutVolatile(obj: KubeObject): KubeObject {
  const { managedFields: _m, resourceVersion: _r, ...meta } = obj.metadata;
  return { ...obj, metadata: meta };
}

/** kube-apiserver skips writes that change nothing: no new resourceVersion, no watch event. */
function isNoop(current: KubeObject, next: KubeObject): boolean {
  return deepEqual(withoutVolatile(current), withoutVolatile(next));
}

/**
 * An object being deleted disappears once its finalizers are gone — except pods and namespaces, whose
 * removal is completed by the kubelet (a delete with grace 0) and the namespace finalizer respectively.
 */
export function readyToRemove(plural: string, obj: KubeObject): boolean {
  const m = obj.metadata;
  if (!m.deletionTimestamp || (m.finalizers?.length ?? 0) > 0) return false;
  if (plural === 'namespaces') {
    return ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers?.length ?? 0) === 0;
  }
  return (m.deletionGracePeriodSeconds ?? 0) === 0;
}
