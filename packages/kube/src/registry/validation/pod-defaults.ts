/**
 * @module registry/validation/pod-defaults
 * Pod defaulting (kube-api-compat.md §4.3). `defaultPodSpec` is what the apiserver's defaulting does to
 * every PodSpec, including workload templates; `defaultPod` adds what only Pods get: requests copied
 * from limits, enableServiceLinks, and what kube-apiserver's default admission plugins add
 * (ServiceAccount name, Priority, DefaultTolerationSeconds).
 */
import type { KubeObject } from '@sphere/shared';
import { child, defaultField, isObj, objects, str, type Obj } from './common';
import { VOLUME_SOURCES } from './pod-spec';
import { canonicalizePodSpecQuantities } from './quantities';

/** `Always` for `:latest` or untagged images, otherwise `IfNotPresent` (digests count as pinned). */
export function defaultImagePullPolicy(image: unknown): 'Always' | 'IfNotPresent' {
  if (typeof image !== 'string' || image.includes('@')) return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const colon = lastSegment.indexOf(':');
  const tag = colon < 0 ? 'latest' : lastSegment.slice(colon + 1);
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultProbe(probe: unknown): void {
  if (!isObj(probe)) return;
  defaultField(probe, 'timeoutSeconds', 1);
  defaultField(probe, 'periodSeconds', 10);
  defaultField(probe, 'successThreshold', 1);
  defaultField(probe, 'failureThreshold', 3);
  defaultHttpGet(probe.httpGet);
}

function defaultHttpGet(action: unknown): void {
  if (!isObj(action)) return;
  defaultField(action, 'path', '/');
  defaultField(action, 'scheme', 'HTTP');
}

function defaultContainer(c: Obj, hostNetwork: boolean): void {
  defaultField(c, 'imagePullPolicy', defaultImagePullPolicy(c.image));
  defaultField(c, 'terminationMessagePath', '/dev/termination-log');
  defaultField(c, 'terminationMessagePolicy', 'File');
  defaultField(c, 'resources', {});
  for (const port of objects(c.ports)) {
    defaultField(port, 'protocol', 'TCP');
    if (hostNetwork && (port.hostPort === undefined || port.hostPort === 0))
      port.hostPort = port.containerPort;
  }
  for (const env of objects(c.env)) {
    const fieldRef = isObj(env.valueFrom) ? env.valueFrom.fieldRef : undefined;
    if (isObj(fieldRef)) defaultField(fieldRef, 'apiVersion', 'v1');
  }
  for (const key of ['livenessProbe', 'readinessProbe', 'startupProbe']) defaultProbe(c[key]);
  if (isObj(c.lifecycle)) {
    for (const hook of ['postStart', 'preStop'])
      defaultHttpGet(isObj(c.lifecycle[hook]) ? c.lifecycle[hook].httpGet : undefined);
  }
}

function defaultVolume(v: Obj): void {
  if (!VOLUME_SOURCES.some((s) => v[s] !== undefined && v[s] !== null)) v.emptyDir = {};
  for (const source of ['secret', 'configMap', 'downwardAPI', 'projected']) {
    if (isObj(v[source])) defaultField(v[source] as Obj, 'defaultMode', 420);
  }
  if (isObj(v.hostPath)) defaultField(v.hostPath, 'type', '');
}

/**
 * Fills PodSpec defaults in place (pods and workload templates alike) and canonicalizes its quantities.
 * `kind` (the object's Kind) turns a malformed quantity into the apiserver's 400 decoding error.
 */
export function defaultPodSpec(spec: Obj, kind?: string): void {
  canonicalizePodSpecQuantities(spec, kind);
  defaultField(spec, 'restartPolicy', 'Always');
  defaultField(spec, 'terminationGracePeriodSeconds', 30);
  defaultField(spec, 'dnsPolicy', 'ClusterFirst');
  defaultField(spec, 'securityContext', {});
  defaultField(spec, 'schedulerName', 'default-scheduler');
  // serviceAccount is the deprecated twin of serviceAccountName; the API keeps them equal.
  if (str(spec.serviceAccountName) && !str(spec.serviceAccount))
    spec.serviceAccount = spec.serviceAccountName;
  else if (str(spec.serviceAccount) && !str(spec.serviceAccountName))
    spec.serviceAccountName = spec.serviceAccount;
  const hostNetwork = spec.hostNetwork === true;
  for (const key of ['initContainers', 'containers']) {
    for (const c of objects(spec[key])) defaultContainer(c, hostNetwork);
  }
  for (const v of objects(spec.volumes)) defaultVolume(v);
}

/** The tolerations DefaultTolerationSeconds adds when a pod has none for these taints. */
const DEFAULT_TOLERATED_TAINTS = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'];

/** Fills Pod defaults in place: the PodSpec defaults plus the pod-only ones. */
export function defaultPod(pod: KubeObject): void {
  const spec = child(pod as Obj, 'spec');
  defaultPodSpec(spec, 'Pod');
  defaultField(spec, 'enableServiceLinks', true);
  if (!str(spec.serviceAccountName)) {
    spec.serviceAccountName = 'default';
    spec.serviceAccount = 'default';
  }
  if (!str(spec.priorityClassName)) {
    defaultField(spec, 'priority', 0);
    defaultField(spec, 'preemptionPolicy', 'PreemptLowerPriority');
  }
  for (const key of ['initContainers', 'containers']) {
    for (const c of objects(spec[key])) copyLimitsToRequests(c);
  }
  const tolerations = objects(spec.tolerations);
  const added = DEFAULT_TOLERATED_TAINTS.filter(
    (taint) =>
      !tolerations.some(
        (t) =>
          (t.key === taint || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'),
      ),
  ).map((key) => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }));
  if (added.length > 0)
    spec.tolerations = [...(Array.isArray(spec.tolerations) ? spec.tolerations : []), ...added];
}

/** Requests default to limits for every resource that has a limit and no request. */
function copyLimitsToRequests(c: Obj): void {
  const resources = isObj(c.resources) ? c.resources : undefined;
  if (!resources || !isObj(resources.limits)) return;
  const requests = child(resources, 'requests');
  for (const [name, value] of Object.entries(resources.limits))
    if (requests[name] === undefined) requests[name] = value;
}
