/**
 * @module workloads/hpa-actions
 * Saving and removing a Deployment's HPA: create or replace the HPA, then (un)bind it through the
 * `kubesphere.io/relatedHPA` annotation on the Deployment.
 */
import type { KubeObject } from '@sphere/shared';
import { createResource, deleteResource, getResource, patchResource, updateResource } from '../api/resources';
import { KINDS, kindByName } from '../resources/kinds';
import { getOrUndefined } from './api';
import { hpaObject, relatedHpaName, relatedHpaPatch, type HpaForm } from './hpa';

const HPA = KINDS.horizontalpodautoscalers;
const refOf = (w: KubeObject) => kindByName(w.kind ?? '') ?? KINDS.deployments;

/** The HPA bound to (or named after) the workload, if it exists. */
export function loadHpa(workload: KubeObject): Promise<KubeObject | undefined> {
  const name = relatedHpaName(workload) ?? workload.metadata.name ?? '';
  return getOrUndefined(() => getResource(HPA, workload.metadata.namespace, name));
}

/** Creates or replaces the HPA and binds it to the workload. */
export async function saveHpa(workload: KubeObject, form: HpaForm): Promise<KubeObject> {
  const existing = await loadHpa(workload);
  const obj = hpaObject(workload, form, existing);
  const saved = existing ? await updateResource(HPA, obj) : await createResource(HPA, obj);
  const name = saved.metadata?.name ?? obj.metadata.name ?? '';
  if (relatedHpaName(workload) !== name)
    await patchResource(
      refOf(workload),
      workload.metadata.namespace,
      workload.metadata.name ?? '',
      relatedHpaPatch(name),
    );
  return saved;
}

/** Deletes the HPA (already gone is fine) and removes the annotation. */
export async function removeHpa(workload: KubeObject): Promise<void> {
  const name = relatedHpaName(workload) ?? workload.metadata.name ?? '';
  await getOrUndefined(() => deleteResource(HPA, workload.metadata.namespace, name));
  if (relatedHpaName(workload))
    await patchResource(
      refOf(workload),
      workload.metadata.namespace,
      workload.metadata.name ?? '',
      relatedHpaPatch(null),
    );
}
