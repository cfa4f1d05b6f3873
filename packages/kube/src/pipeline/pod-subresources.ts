/**
 * @module pipeline/pod-subresources
 * Writes that only make sense for pods and namespaces: binding a pod to a node, evicting a pod (with
 * PodDisruptionBudget checks), and finalizing a namespace.
 */
import {
  errors,
  matchesLabelSelector,
  successStatus,
  type KubeObject,
  type LabelSelector,
} from '@sphere/shared';
import type { PipelineDeps } from './deps';
import { deleteObject } from './delete';
import { fromStorage, resolve } from './resolve';
import type { DeleteOptions, RequestContext, Target, WriteResult } from './types';
import { commitUpdate } from './update';
import { clone, timestamp } from './util';

/** POST pods/<name>/binding: sets spec.nodeName once and records PodScheduled. */
export async function bindPod(
  deps: PipelineDeps,
  ctx: RequestContext,
  target: Target,
  body: KubeObject,
): Promise<WriteResult> {
  const r = resolve(deps.registry, { ...target, subresource: undefined }, 'get');
  const name = target.name ?? '';
  const stored = deps.store.get(r.storageKey, r.namespace, name);
  if (!stored) throw errors.notFound('pods', '', name);
  const nodeName = (body as { target?: { name?: string; kind?: string } }).target?.name;
  if (!nodeName) {
    throw errors.invalid('Binding', '', name, [
      { reason: 'FieldValueRequired', field: 'target.name', message: 'Required value' },
    ]);
  }
  const current = fromStorage(r.descriptor, stored);
  const spec = current.spec as { nodeName?: string };
  if (spec.nodeName) {
    throw errors.conflict('pods', '', name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
  }
  if (current.metadata.deletionTimestamp) {
    throw errors.conflict('pods', '', name, `pod ${name} is being deleted, cannot be assigned to a host`);
  }
  const next = clone(current);
  (next.spec as { nodeName?: string }).nodeName = nodeName;
  const now = (deps.now ?? (() => new Date()))();
  const status = (next.status ?? {}) as {
    conditions?: {
      type: string;
      status: string;
      lastTransitionTime?: string | null;
      lastProbeTime?: string | null;
    }[];
  };
  const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  conditions.push({
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: timestamp(now),
  });
  status.conditions = conditions;
  next.status = status;
  await commitUpdate({ deps, ctx, r, subresource: 'binding', current, next, options: {}, warnings: [] });
  return { object: successStatus() as unknown as KubeObject, code: 201, warnings: [] }; // kube-apiserver answers a Status here
}

interface Pdb {
  metadata: KubeObject['metadata'];
  spec?: { selector?: LabelSelector };
  status?: { disruptionsAllowed?: number; desiredHealthy?: number; currentHealthy?: number };
}

/** POST pods/<name>/eviction: refuses when a PodDisruptionBudget allows no disruption, else deletes. */
export async function evictPod(
  deps: PipelineDeps,
  ctx: RequestContext,
  target: Target,
  body: KubeObject,
): Promise<WriteResult> {
  const name = target.name ?? '';
  const pod = deps.store.get('/pods', target.namespace ?? '', name);
  if (!pod) throw errors.notFound('pods', '', name);
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  if (phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp) {
    const pdbs = deps.store.list('policy/poddisruptionbudgets', {
      filter: (o) => o.metadata.namespace === target.namespace,
    }).items as Pdb[];
    const blocking = pdbs.find(
      (pdb) =>
        pdb.spec?.selector &&
        matchesLabelSelector(pdb.spec.selector, pod.metadata.labels) &&
        (pdb.status?.disruptionsAllowed ?? 0) <= 0,
    );
    if (blocking) {
      const err = errors.tooManyRequests(
        "Cannot evict pod as it would violate the pod's disruption budget.",
        10,
      );
      err.details!.causes = [
        {
          reason: 'DisruptionBudget',
          message: `The disruption budget ${blocking.metadata.name} needs ${blocking.status?.desiredHealthy ?? 0} healthy pods and has ${blocking.status?.currentHealthy ?? 0} currently`,
        },
      ];
      throw err;
    }
  }
  const options = ((body as { deleteOptions?: DeleteOptions }).deleteOptions ?? {}) as DeleteOptions;
  await deleteObject(deps, ctx, { ...target, subresource: undefined }, options);
  return { object: successStatus() as unknown as KubeObject, code: 201, warnings: [] }; // kube-apiserver answers a Status here
}

/** PUT namespaces/<name>/finalize: only spec.finalizers changes; an empty list completes deletion. */
export async function finalizeNamespace(
  deps: PipelineDeps,
  ctx: RequestContext,
  target: Target,
  body: KubeObject,
): Promise<WriteResult> {
  const r = resolve(deps.registry, { ...target, subresource: undefined }, 'get');
  const name = target.name ?? '';
  const stored = deps.store.get(r.storageKey, '', name);
  if (!stored) throw errors.notFound('namespaces', '', name);
  const current = fromStorage(r.descriptor, stored);
  const next = clone(current);
  next.spec = {
    ...((current.spec as object | undefined) ?? {}),
    finalizers: (body.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [],
  };
  return commitUpdate({ deps, ctx, r, subresource: 'finalize', current, next, options: {}, warnings: [] });
}
