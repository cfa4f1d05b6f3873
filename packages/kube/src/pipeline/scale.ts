/**
 * @module pipeline/scale
 * The `scale` subresource: an autoscaling/v1 Scale view of a workload's replicas. Writes change the
 * parent's desired replicas through the normal update commit.
 */
import { errors, formatLabelSelector, type KubeObject, type LabelSelector } from '@sphere/shared';
import type { PipelineDeps } from './deps';
import { fromStorage, resolve, type Resolved } from './resolve';
import type { PatchType, RequestContext, Target, WriteOptions, WriteResult } from './types';
import { commitUpdate, parseResourceVersion } from './update';
import { clone, getPath, setPath } from './util';

function scaleSpecOf(r: Resolved) {
  const scale = r.descriptor.scale;
  if (!scale) throw errors.pathNotFound();
  return scale;
}

/** The Scale object of a parent. */
export function toScale(r: Resolved, parent: KubeObject): KubeObject {
  const spec = scaleSpecOf(r);
  const selector = spec.labelSelectorPath ? getPath(parent, spec.labelSelectorPath) : undefined;
  const selectorString =
    typeof selector === 'string'
      ? selector
      : selector
        ? formatLabelSelector(selector as LabelSelector)
        : undefined;
  const m = parent.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: m.name,
      namespace: m.namespace,
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      creationTimestamp: m.creationTimestamp,
    },
    spec: { replicas: Number(getPath(parent, spec.specReplicasPath) ?? 0) },
    status: {
      replicas: Number(getPath(parent, spec.statusReplicasPath) ?? 0),
      ...(selectorString !== undefined ? { selector: selectorString } : {}),
    },
  };
}

function loadParent(deps: PipelineDeps, target: Target, verb: string): { r: Resolved; parent: KubeObject } {
  const r = resolve(deps.registry, target, verb);
  scaleSpecOf(r);
  const stored = deps.store.get(r.storageKey, r.namespace, target.name ?? '');
  if (!stored) throw errors.notFound(r.descriptor.plural, r.descriptor.group, target.name ?? '');
  return { r, parent: fromStorage(r.descriptor, stored) };
}

export function getScale(deps: PipelineDeps, target: Target): KubeObject {
  const { r, parent } = loadParent(deps, target, 'get');
  return toScale(r, parent);
}

async function writeScale(
  deps: PipelineDeps,
  ctx: RequestContext,
  r: Resolved,
  parent: KubeObject,
  scale: KubeObject,
  options: WriteOptions,
): Promise<WriteResult> {
  const replicas = (scale.spec as { replicas?: unknown } | undefined)?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
    throw errors.invalid('Scale', 'autoscaling', parent.metadata.name ?? '', [
      {
        reason: 'FieldValueInvalid',
        field: 'spec.replicas',
        message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`,
      },
    ]);
  }
  const next = clone(parent);
  setPath(next as Record<string, unknown>, scaleSpecOf(r).specReplicasPath, replicas);
  const expected = parseResourceVersion(scale.metadata?.resourceVersion);
  const result = await commitUpdate({
    deps,
    ctx,
    r,
    subresource: 'scale',
    current: parent,
    next,
    expectedRevision: expected,
    options,
    warnings: [],
  });
  return { ...result, object: toScale(r, result.object) };
}

export async function updateScale(
  deps: PipelineDeps,
  ctx: RequestContext,
  target: Target,
  body: KubeObject,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const { r, parent } = loadParent(deps, target, 'update');
  return writeScale(deps, ctx, r, parent, body, options);
}

export async function patchScale(
  deps: PipelineDeps,
  ctx: RequestContext,
  target: Target,
  patchType: PatchType,
  patch: unknown,
  options: WriteOptions = {},
): Promise<WriteResult> {
  const { r, parent } = loadParent(deps, target, 'patch');
  const current = toScale(r, parent);
  let next: KubeObject;
  if (patchType === 'json') next = deps.patch.json(current, patch);
  else if (patchType === 'apply') next = deps.patch.merge(current, patch);
  else next = deps.patch.merge(current, patch);
  if (next.metadata?.resourceVersion === current.metadata.resourceVersion)
    delete next.metadata.resourceVersion;
  return writeScale(deps, ctx, r, parent, next, options);
}
