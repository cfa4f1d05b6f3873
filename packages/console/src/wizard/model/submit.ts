/**
 * @module submit
 * Creating the wizard's objects: every object is first POSTed with `dryRun=All`; only when all dry runs
 * pass are they created for real, in order (the Service before the StatefulSet). The creator
 * annotation is stamped on each object (and on pod templates, as KubeSphere 3 does).
 */
import type { KubeObject } from '@sphere/shared';
import { setIn, getIn } from '../../lib/object-path';
import { kindByName, type KindRef } from '../../resources/kinds';
import { CREATOR, withCreator } from '../../resources/meta';

export interface CreateApi {
  create(ref: KindRef, obj: KubeObject, opts: { dryRun?: boolean }): Promise<unknown>;
}

/** Creation order: Services first so a StatefulSet's serviceName exists when its pods start. */
const ORDER = ['Namespace', 'ConfigMap', 'Secret', 'PersistentVolumeClaim', 'Service'];
export function creationOrder(objects: KubeObject[]): KubeObject[] {
  const rank = (o: KubeObject) => {
    const i = ORDER.indexOf(o.kind ?? '');
    return i < 0 ? ORDER.length : i;
  };
  return objects
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i)
    .map((x) => x.o);
}

/** Stamps the creator on the object and, for workloads, on the pod template. */
export function stampCreator(obj: KubeObject, username: string): KubeObject {
  let out = withCreator(obj, username);
  for (const path of ['spec.template.metadata', 'spec.jobTemplate.spec.template.metadata']) {
    const meta = getIn(out, path) as { annotations?: Record<string, string> } | undefined;
    if (meta) out = setIn(out, `${path}.annotations`, { ...(meta.annotations ?? {}), [CREATOR]: username });
  }
  return out;
}

export class SubmitError extends Error {
  constructor(
    readonly stage: 'dry-run' | 'create',
    readonly kind: string,
    override readonly cause: Error,
  ) {
    super(`${kind}: ${cause.message}`);
  }
}

/** Dry-runs all objects, then creates them. Throws SubmitError naming the stage and kind that failed. */
export async function submitObjects(
  api: CreateApi,
  objects: KubeObject[],
  username: string,
): Promise<KubeObject[]> {
  const ordered = creationOrder(objects).map((o) => stampCreator(o, username));
  const refs = ordered.map((o) => {
    const ref = kindByName(o.kind ?? '');
    if (!ref) throw new SubmitError('dry-run', o.kind ?? '?', new Error('unsupported kind'));
    return ref;
  });
  for (let i = 0; i < ordered.length; i++) {
    await api.create(refs[i], ordered[i], { dryRun: true }).catch((e: Error) => {
      throw new SubmitError('dry-run', ordered[i].kind ?? '', e);
    });
  }
  for (let i = 0; i < ordered.length; i++) {
    await api.create(refs[i], ordered[i], {}).catch((e: Error) => {
      throw new SubmitError('create', ordered[i].kind ?? '', e);
    });
  }
  return ordered;
}
