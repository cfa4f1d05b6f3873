/**
 * @module registry/core/pods
 * core/v1 Pod: defaults (PodSpec, pod-only and admission defaults), validation (PodSpec rules plus the
 * update restrictions), status initialisation with the QoS class, podIP/podIPs mirroring, field
 * selectors, subresources for discovery and the pods printer.
 */
import { fieldErrors, type KubeObject, type StatusCause } from '@sphere/shared';
import { compareQuantities, isValidQuantity, sumQuantities } from '@sphere/shared/quantity';
import type { ResourceDescriptor, StrategyContext } from '../types';
import { defaultPod, isObj, objects, semanticEqual, str, validatePodSpec, type Obj } from '../validation';
import { podTable } from './pod-table';
import { specOf, statusOf } from './support';

const QOS_RESOURCES = ['cpu', 'memory'];

/** Non-zero cpu/memory quantities of a requests or limits map. */
function qosQuantities(list: unknown): Map<string, string | number> {
  const out = new Map<string, string | number>();
  if (!isObj(list)) return out;
  for (const name of QOS_RESOURCES) {
    const q = list[name];
    if (
      (typeof q === 'string' || typeof q === 'number') &&
      isValidQuantity(q) &&
      compareQuantities(q, 0) !== 0
    ) {
      out.set(name, q);
    }
  }
  return out;
}

/** The QoS class (BestEffort, Burstable, Guaranteed) from cpu/memory requests and limits. */
export function podQosClass(spec: Obj): 'BestEffort' | 'Burstable' | 'Guaranteed' {
  const requests = new Map<string, (string | number)[]>();
  const limits = new Map<string, (string | number)[]>();
  let guaranteed = true;
  for (const c of [...objects(spec.initContainers), ...objects(spec.containers)]) {
    const resources = isObj(c.resources) ? c.resources : {};
    for (const [name, q] of qosQuantities(resources.requests))
      requests.set(name, [...(requests.get(name) ?? []), q]);
    const own = qosQuantities(resources.limits);
    for (const [name, q] of own) limits.set(name, [...(limits.get(name) ?? []), q]);
    if (!QOS_RESOURCES.every((name) => own.has(name))) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, reqs] of requests) {
      const lims = limits.get(name);
      if (!lims || compareQuantities(sumQuantities(reqs), sumQuantities(lims)) !== 0) guaranteed = false;
    }
    if (guaranteed && requests.size === limits.size) return 'Guaranteed';
  }
  return 'Burstable';
}

/** Mirrors `podIP` into `podIPs` and `hostIP` into `hostIPs` (the printer and clients read the lists). */
function mirrorIPs(status: Obj): void {
  for (const [single, list] of [
    ['podIP', 'podIPs'],
    ['hostIP', 'hostIPs'],
  ] as const) {
    const ip = str(status[single]);
    const ips = objects(status[list]);
    if (ip && (ips.length === 0 || ips[0].ip !== ip))
      status[list] = [{ ip }, ...ips.filter((x) => x.ip !== ip)];
    else if (!ip && ips.length > 0) status[single] = str(ips[0].ip);
  }
}

/** Fields a pod update may change: images, activeDeadlineSeconds, tolerations (additions), grace period. */
function validatePodUpdate(pod: KubeObject, old: KubeObject): StatusCause[] {
  const spec = structuredClone(specOf(pod));
  const oldSpec = specOf(old);
  for (const key of ['containers', 'initContainers']) {
    const oldList = objects(oldSpec[key]);
    objects(spec[key]).forEach((c, i) => {
      if (oldList[i]) c.image = oldList[i].image;
    });
  }
  spec.activeDeadlineSeconds = oldSpec.activeDeadlineSeconds;
  spec.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  const oldTolerations = objects(oldSpec.tolerations);
  const newTolerations = objects(spec.tolerations);
  const kept = oldTolerations.every((t) => newTolerations.some((n) => semanticEqual(n, t)));
  if (kept) spec.tolerations = oldSpec.tolerations;
  if (semanticEqual(spec, oldSpec)) return [];
  return [
    fieldErrors.forbidden(
      'spec',
      'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    ),
  ];
}

function validatePod(pod: KubeObject, old: KubeObject | undefined, ctx: StrategyContext): StatusCause[] {
  if (ctx.subresource === 'status') return [];
  const causes = validatePodSpec(pod.spec, 'spec');
  if (old && ctx.subresource === '') causes.push(...validatePodUpdate(pod, old));
  return causes;
}

/** Subresources pods advertise in discovery. */
function sub(name: string, verbs: string[], kind = 'Pod', group = '') {
  return { name, verbs, responseKind: { group, version: 'v1', kind } };
}

/** core/v1 pods. */
export const pods: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  plural: 'pods',
  singular: 'pod',
  namespaced: true,
  shortNames: ['po'],
  categories: ['all'],
  schemaId: 'io.k8s.api.core.v1.Pod',
  strategicMerge: true,
  hasStatus: true,
  deleteReturnsObject: true,
  subresources: [
    sub('attach', ['create', 'get'], 'PodAttachOptions'),
    sub('binding', ['create'], 'Binding'),
    sub('ephemeralcontainers', ['get', 'patch', 'update']),
    sub('eviction', ['create'], 'Eviction', 'policy'),
    sub('exec', ['create', 'get'], 'PodExecOptions'),
    sub('log', ['get']),
    sub('portforward', ['create', 'get'], 'PodPortForwardOptions'),
    sub('proxy', ['create', 'delete', 'get', 'patch', 'update'], 'PodProxyOptions'),
  ],
  fieldSelectors: {
    'spec.nodeName': (o) => str(specOf(o).nodeName),
    'spec.restartPolicy': (o) => str(specOf(o).restartPolicy),
    'spec.schedulerName': (o) => str(specOf(o).schedulerName),
    'spec.serviceAccountName': (o) => str(specOf(o).serviceAccountName),
    'spec.hostNetwork': (o) => String(specOf(o).hostNetwork === true),
    'status.phase': (o) => str(statusOf(o).phase),
    'status.podIP': (o) => str(objects(statusOf(o).podIPs)[0]?.ip) || str(statusOf(o).podIP),
    'status.nominatedNodeName': (o) => str(statusOf(o).nominatedNodeName),
  },
  defaults(obj) {
    defaultPod(obj);
    if (isObj(obj.status)) mirrorIPs(obj.status);
  },
  prepareForCreate(obj) {
    defaultPod(obj);
    obj.status = { phase: 'Pending', qosClass: podQosClass(specOf(obj)) };
  },
  prepareForUpdate(obj, old, ctx) {
    // The QoS class is fixed at creation; status writers may not change it.
    if (ctx.subresource === 'status' && isObj(obj.status)) {
      const qos = statusOf(old).qosClass;
      if (qos !== undefined) obj.status.qosClass = qos;
    }
  },
  validate: validatePod,
  table: podTable,
};
