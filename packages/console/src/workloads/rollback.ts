/**
 * @module workloads/rollback
 * Revision rollback ("Revision Rollback"): the revisions of a workload and the patch that restores one.
 * Deployments roll back to a ReplicaSet's pod template (as `kubectl rollout undo` does: the template
 * without the `pod-template-hash` label, sent as a JSON patch); StatefulSets and DaemonSets apply a
 * ControllerRevision's `.data` (`{"spec":{"template":{…,"$patch":"replace"}}}`) as a strategic merge
 * patch. Pure.
 */
import type { KubeObject } from '@sphere/shared';

export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const DEPLOYMENT_REVISION = 'deployment.kubernetes.io/revision';
export const JSON_PATCH = 'application/json-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';

type Any = Record<string, unknown>;

/** One revision of a workload, newest first in lists. */
export interface RevisionEntry {
  revision: number;
  /** ReplicaSet or ControllerRevision name. */
  name: string;
  current: boolean;
  /** Container images of the revision's template (what the picker shows). */
  images: string[];
  created?: string;
  source: KubeObject;
}

/** Revision number of a ReplicaSet (annotation) or ControllerRevision (`revision`). */
export function revisionNumber(o: KubeObject): number {
  const r = (o as { revision?: number }).revision;
  if (typeof r === 'number') return r;
  return Number(o.metadata.annotations?.[DEPLOYMENT_REVISION] ?? 0);
}

/** The pod template a revision restores (ReplicaSet `spec.template`, ControllerRevision `data`). */
export function revisionTemplate(o: KubeObject): Any {
  if (o.kind === 'ControllerRevision' || 'data' in o) {
    const t = { ...((((o as Any).data as Any | undefined)?.spec as Any | undefined)?.template as Any) };
    delete t.$patch;
    return t;
  }
  return structuredClone(((o.spec as Any | undefined)?.template as Any | undefined) ?? {});
}

/** A ReplicaSet's template as the Deployment should carry it: without the pod-template-hash label. */
export function templateWithoutHash(rs: KubeObject): Any {
  const template = revisionTemplate(rs);
  const meta = { ...((template.metadata as Any | undefined) ?? {}) };
  const labels = { ...((meta.labels as Record<string, string> | undefined) ?? {}) };
  delete labels[POD_TEMPLATE_HASH];
  meta.labels = labels;
  return { ...template, metadata: meta };
}

/** JSON patch rolling a Deployment back to a ReplicaSet's template. */
export function deploymentRollbackPatch(rs: KubeObject): { op: 'replace'; path: string; value: unknown }[] {
  return [{ op: 'replace', path: '/spec/template', value: templateWithoutHash(rs) }];
}

/** Strategic merge patch rolling a StatefulSet/DaemonSet back to a ControllerRevision. */
export function controllerRevisionPatch(cr: KubeObject): unknown {
  const data = (cr as Any).data as Any | undefined;
  if (!data || typeof data !== 'object') throw new Error('revision has no data');
  return structuredClone(data);
}

/** The patch and its content type for rolling `workload` back to `revision`. */
export function rollbackPatch(
  workload: KubeObject,
  revision: KubeObject,
): { contentType: string; patch: unknown } {
  return workload.kind === 'Deployment'
    ? { contentType: JSON_PATCH, patch: deploymentRollbackPatch(revision) }
    : { contentType: STRATEGIC_MERGE_PATCH, patch: controllerRevisionPatch(revision) };
}

/** Which revision the workload runs now. */
function currentRevisionName(workload: KubeObject, owned: KubeObject[]): string | undefined {
  if (workload.kind === 'Deployment') {
    const rev = workload.metadata.annotations?.[DEPLOYMENT_REVISION];
    const hit = rev && owned.find((o) => String(revisionNumber(o)) === rev);
    if (hit) return hit.metadata.name;
  }
  if (workload.kind === 'StatefulSet') {
    const update = (workload.status as { updateRevision?: string } | undefined)?.updateRevision;
    if (update && owned.some((o) => o.metadata.name === update)) return update;
  }
  // DaemonSets (and the fallback): the controller gives the live template the highest number.
  return [...owned].sort((a, b) => revisionNumber(b) - revisionNumber(a))[0]?.metadata.name;
}

/** The workload's revisions (objects it controls), newest first, the current one marked. */
export function revisionEntries(workload: KubeObject, items: KubeObject[]): RevisionEntry[] {
  const owned = items.filter((i) =>
    i.metadata.ownerReferences?.some((r) => r.uid === workload.metadata.uid && r.controller !== false),
  );
  const current = currentRevisionName(workload, owned);
  return owned
    .map((o) => {
      const spec = (revisionTemplate(o).spec ?? {}) as { containers?: { image?: string }[] };
      return {
        revision: revisionNumber(o),
        name: o.metadata.name ?? '',
        current: o.metadata.name === current,
        images: (spec.containers ?? []).map((c) => String(c.image ?? '')),
        created: o.metadata.creationTimestamp ?? undefined,
        source: o,
      };
    })
    .sort((a, b) => b.revision - a.revision);
}
