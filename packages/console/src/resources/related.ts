/**
 * @module related
 * Objects that belong with a workload and are offered for deletion with it (KubeSphere's workload
 * delete dialog): Services whose selector picks the workload's pods, and PVCs created from its volume
 * claim templates (they carry the pod labels). Pure.
 */
import type { KubeObject } from '@sphere/shared';

type Labels = Record<string, string>;

const podLabels = (w: KubeObject): Labels =>
  (w.spec as { template?: { metadata?: { labels?: Labels } } } | undefined)?.template?.metadata?.labels ?? {};

/** Does a (non-empty) selector match the labels? */
export function selectorMatches(selector: Labels | undefined, labels: Labels): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

/** Services in the workload's namespace whose selector matches its pod template labels. */
export function relatedServices(workload: KubeObject, services: KubeObject[]): KubeObject[] {
  const labels = podLabels(workload);
  return services.filter(
    (s) =>
      s.metadata.namespace === workload.metadata.namespace &&
      selectorMatches((s.spec as { selector?: Labels } | undefined)?.selector, labels),
  );
}

/** PVCs named `<template>-<workload>-<ordinal>` (StatefulSet volume claim templates). */
export function relatedClaims(workload: KubeObject, claims: KubeObject[]): KubeObject[] {
  const templates = (
    (workload.spec as { volumeClaimTemplates?: KubeObject[] } | undefined)?.volumeClaimTemplates ?? []
  ).map((t) => t.metadata?.name);
  const prefixes = templates.map((t) => `${t}-${workload.metadata.name}-`);
  return claims.filter(
    (c) =>
      c.metadata.namespace === workload.metadata.namespace &&
      prefixes.some(
        (p) => (c.metadata.name ?? '').startsWith(p) && /^\d+$/.test((c.metadata.name ?? '').slice(p.length)),
      ),
  );
}

/** HPAs scaling the workload (scaleTargetRef, or named in its `kubesphere.io/relatedHPA` annotation). */
export function relatedHpas(workload: KubeObject, hpas: KubeObject[]): KubeObject[] {
  const named = workload.metadata.annotations?.['kubesphere.io/relatedHPA'];
  return hpas.filter((h) => {
    if (h.metadata.namespace !== workload.metadata.namespace) return false;
    const ref = (h.spec as { scaleTargetRef?: { kind?: string; name?: string } } | undefined)?.scaleTargetRef;
    return (
      (ref?.kind === workload.kind && ref?.name === workload.metadata.name) ||
      (!!named && h.metadata.name === named)
    );
  });
}
