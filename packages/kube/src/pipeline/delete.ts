/**
 * @module pipeline/delete
 * DELETE and DELETE-collection: preconditions, graceful deletion of scheduled pods, finalizers that carry
 * the propagation policy (foregroundDeletion, orphan) for the garbage collector, namespace termination.
 */
import { errors, successStatus, type KubeObject } from '@sphere/shared';
import type { PipelineDeps } from './deps';
import { buildFilter } from './filters';
import { fromStorage, resolve, type Resolved } from './resolve';
import type { DeleteOptions, ListQuery, RequestContext, Target, WriteResult } from './types';
import { readyToRemove } from './update';
import { clone, deepEqual, timestamp } from './util';

export const foregroundFinalizer = 'foregroundDeletion';
export const orphanFinalizer = 'orphan';

function propagationOf(r: Resolved, options: DeleteOptions): 'Foreground' | 'Background' | 'Orphan' {
  if (options.propagationPolicy) {
    if (!['Foreground', 'Background', 'Orphan'].includes(options.propagationPolicy)) {
      throw errors.badRequest(`propagationPolicy: Unsupported value: "${options.propagationPolicy}"`);
    }
    return options.propagationPolicy;
  }
  if (options.orphanDependents === true) return 'Orphan';
  if (options.orphanDependents === false) return 'Background';
  return r.descriptor.defaultPropagation ?? 'Background';
}

export async function deleteObject(
  deps: PipelineDeps,
  ctx: RequestContext,
  target: Target,
  options: DeleteOptions = {},
): Promise<WriteResult<unknown>> {
  const r = resolve(deps.registry, target, 'delete');
  const d = r.descriptor;
  const name = target.name ?? '';
  const stored = deps.store.get(r.storageKey, r.namespace, name);
  if (!stored) throw errors.notFound(d.plural, d.group, name);
  const current = fromStorage(d, stored);
  const pre = options.preconditions;
  if (pre?.uid && pre.uid !== current.metadata.uid) {
    throw errors.conflict(
      d.plural,
      d.group,
      name,
      `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`,
    );
  }
  if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
    throw errors.conflict(
      d.plural,
      d.group,
      name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
    );
  }
  if (
    options.gracePeriodSeconds !== undefined &&
    (!Number.isInteger(options.gracePeriodSeconds) || options.gracePeriodSeconds < 0)
  ) {
    throw errors.badRequest(
      `gracePeriodSeconds: Invalid value: ${options.gracePeriodSeconds}: must be a non-negative integer`,
    );
  }
  const policy = propagationOf(r, options);
  const now = (deps.now ?? (() => new Date()))();
  for (const plugin of deps.admission ?? []) {
    await plugin.admit({
      operation: 'delete',
      descriptor: d,
      subresource: '',
      object: current,
      user: ctx.user,
      dryRun: !!options.dryRun,
    });
  }

  const next = clone(current);
  const m = next.metadata;
  const finalizers = new Set(m.finalizers ?? []);
  if (policy === 'Foreground') finalizers.add(foregroundFinalizer);
  if (policy === 'Orphan') finalizers.add(orphanFinalizer);
  if (policy === 'Background' && options.propagationPolicy) {
    finalizers.delete(foregroundFinalizer);
    finalizers.delete(orphanFinalizer);
  }
  const grace = gracePeriodOf(d.plural, current, options);
  const alreadyDeleting = !!current.metadata.deletionTimestamp;
  if (
    !alreadyDeleting ||
    (grace !== undefined && grace < (current.metadata.deletionGracePeriodSeconds ?? 0))
  ) {
    m.deletionTimestamp = timestamp(new Date(now.getTime() + (grace ?? 0) * 1000));
    m.deletionGracePeriodSeconds = grace ?? 0;
    if (current.metadata.generation !== undefined && !alreadyDeleting)
      m.generation = current.metadata.generation + 1;
  }
  if (finalizers.size > 0) m.finalizers = [...finalizers];
  else delete m.finalizers;
  if (d.plural === 'namespaces') {
    next.status = { ...((next.status as object | undefined) ?? {}), phase: 'Terminating' };
  }
  if (readyToRemove(d.plural, next)) {
    if (options.dryRun) return deletedResult(r, current);
    const gone = deps.store.delete(r.storageKey, r.namespace, name, Number(current.metadata.resourceVersion));
    return deletedResult(r, fromStorage(d, gone));
  }
  // The object stays while finalizers run or its grace period passes: write the deletion marks.
  if (options.dryRun || deepEqual(next, current)) return { object: next, code: 200, warnings: [] };
  const stored2 = deps.store.update(r.storageKey, next, Number(current.metadata.resourceVersion));
  return { object: fromStorage(d, stored2), code: 200, warnings: [] };
}

/**
 * Pods bound to a node are deleted gracefully: the kubelet confirms with a grace-0 delete. Everything
 * else is deleted at once (unless finalizers hold it).
 */
function gracePeriodOf(plural: string, obj: KubeObject, options: DeleteOptions): number | undefined {
  if (plural !== 'pods') return undefined;
  const spec = obj.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
  const phase = (obj.status as { phase?: string } | undefined)?.phase;
  if (!spec?.nodeName || phase === 'Succeeded' || phase === 'Failed') return 0;
  return options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30;
}

function deletedResult(r: Resolved, obj: KubeObject): WriteResult<unknown> {
  if (r.descriptor.deleteReturnsObject) return { object: obj, code: 200, warnings: [] };
  return {
    object: successStatus({
      name: obj.metadata.name,
      group: r.descriptor.group || undefined,
      kind: r.descriptor.plural,
      uid: obj.metadata.uid,
    }),
    code: 200,
    warnings: [],
  };
}

export async function deleteCollection(
  deps: PipelineDeps,
  ctx: RequestContext,
  target: Target,
  query: ListQuery,
  options: DeleteOptions = {},
): Promise<WriteResult<unknown>> {
  const r = resolve(deps.registry, target, 'deletecollection');
  const filter = buildFilter(r.descriptor, query.labelSelector, query.fieldSelector);
  const { items } = deps.store.list(r.storageKey, { namespace: r.namespace || undefined, filter });
  const deleted: KubeObject[] = [];
  for (const item of items) {
    try {
      const res = await deleteObject(
        deps,
        ctx,
        { ...target, namespace: item.metadata.namespace, name: item.metadata.name },
        options,
      );
      deleted.push(res.object as KubeObject);
    } catch (err) {
      if ((err as { reason?: string }).reason !== 'NotFound') throw err;
    }
  }
  return {
    object: {
      apiVersion: r.descriptor.group ? `${r.descriptor.group}/${r.descriptor.version}` : r.descriptor.version,
      kind: r.descriptor.listKind ?? `${r.descriptor.kind}List`,
      metadata: { resourceVersion: String(deps.store.revision()) },
      items: deleted.filter((o) => o.kind !== 'Status'),
    },
    code: 200,
    warnings: [],
  };
}
