/**
 * @module controllers/workloads/statefulset/identity
 * The stable identity of a StatefulSet pod: its name `<set>-<ordinal>`, hostname and subdomain, the
 * pod-name/pod-index/revision labels, and the claims `<template>-<set>-<ordinal>` mounted in place of
 * the volumes the claim templates name.
 */
import type { KubeObject, OwnerReference } from '@sphere/shared';
import type { Pod, PodTemplateSpec, StatefulSet, Volume } from '../types';
import { controllerRef } from '../util';

export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';

export function podName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata.name}-${ordinal}`;
}

/** The ordinal of a pod named `<set>-<n>`, or -1. */
export function ordinalOf(set: StatefulSet, pod: KubeObject): number {
  const prefix = `${set.metadata.name}-`;
  const name = pod.metadata.name ?? '';
  if (!name.startsWith(prefix)) return -1;
  const rest = name.slice(prefix.length);
  return /^(0|[1-9]\d*)$/.test(rest) ? Number(rest) : -1;
}

export function claimName(set: StatefulSet, template: string, ordinal: number): string {
  return `${template}-${set.metadata.name}-${ordinal}`;
}

export function revisionOfPod(pod: Pod): string | undefined {
  return pod.metadata.labels?.[REVISION_LABEL];
}

/** The PersistentVolumeClaims ordinal `ordinal` needs, as they are created. */
export function claimsFor(set: StatefulSet, ordinal: number): KubeObject[] {
  const retention = set.spec.persistentVolumeClaimRetentionPolicy;
  // whenDeleted=Delete: the set owns the claims, so the garbage collector removes them with it.
  const owners: OwnerReference[] =
    retention?.whenDeleted === 'Delete'
      ? [
          {
            apiVersion: 'apps/v1',
            kind: 'StatefulSet',
            name: set.metadata.name ?? '',
            uid: set.metadata.uid ?? '',
            blockOwnerDeletion: true,
            controller: true,
          },
        ]
      : [];
  return (set.spec.volumeClaimTemplates ?? []).map((tpl) => {
    const name = claimName(set, tpl.metadata?.name ?? '', ordinal);
    const metadata: KubeObject['metadata'] = {
      name,
      namespace: set.metadata.namespace,
      labels: { ...(tpl.metadata?.labels ?? {}), ...(set.spec.selector.matchLabels ?? {}) },
    };
    if (tpl.metadata?.annotations) metadata.annotations = { ...tpl.metadata.annotations };
    if (owners.length) metadata.ownerReferences = owners;
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata,
      spec: structuredClone(tpl.spec ?? {}),
    };
  });
}

/** The pod for `ordinal` built from `template` at revision `revision`. */
export function newStatefulPod(
  set: StatefulSet,
  template: PodTemplateSpec,
  revision: string,
  ordinal: number,
): Pod {
  const name = podName(set, ordinal);
  const spec = structuredClone(template.spec);
  spec.hostname = name;
  if (set.spec.serviceName) spec.subdomain = set.spec.serviceName;
  const claimVolumes: Volume[] = (set.spec.volumeClaimTemplates ?? []).map((tpl) => ({
    name: tpl.metadata?.name ?? '',
    persistentVolumeClaim: { claimName: claimName(set, tpl.metadata?.name ?? '', ordinal) },
  }));
  const claimed = new Set(claimVolumes.map((v) => v.name));
  spec.volumes = [...(spec.volumes ?? []).filter((v) => !claimed.has(v.name)), ...claimVolumes];
  if (spec.volumes.length === 0) delete spec.volumes;
  const metadata: Pod['metadata'] = {
    name,
    namespace: set.metadata.namespace,
    labels: {
      ...(template.metadata?.labels ?? {}),
      [POD_NAME_LABEL]: name,
      [POD_INDEX_LABEL]: String(ordinal),
      [REVISION_LABEL]: revision,
    },
    ownerReferences: [controllerRef(set, 'apps/v1', 'StatefulSet')],
  };
  if (template.metadata?.annotations) metadata.annotations = { ...template.metadata.annotations };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec };
}
