/**
 * @module nodes/pod-view
 * Reading a pod as the simulated kubelet sees it: its containers, which images fail to pull, its
 * simulated-behaviour annotation, and the lifecycle state derived from its status.
 */
import { createHash } from 'node:crypto';
import type { KubeObject } from '@sphere/shared';

export interface ContainerSpec {
  name: string;
  image?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: Record<string, unknown> }[];
  envFrom?: Record<string, unknown>[];
  volumeMounts?: { name: string; mountPath: string; subPath?: string }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  ports?: { containerPort: number; name?: string; protocol?: string }[];
}

/** A container probe as the pod spec declares it (the fields the simulated kubelet reads). */
export interface Probe {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  failureThreshold?: number;
  successThreshold?: number;
  timeoutSeconds?: number;
  httpGet?: { path?: string; port?: number | string; host?: string; scheme?: string };
  tcpSocket?: { port?: number | string; host?: string };
  exec?: { command?: string[] };
  grpc?: { port?: number; service?: string };
}

export interface ContainerStatus {
  name: string;
  state: Record<string, Record<string, unknown>>;
  lastState: Record<string, Record<string, unknown>>;
  ready: boolean;
  restartCount: number;
  image: string;
  imageID: string;
  containerID?: string;
  started?: boolean;
}

export interface PodSpecView {
  nodeName?: string;
  containers?: ContainerSpec[];
  initContainers?: ContainerSpec[];
  restartPolicy?: string;
  terminationGracePeriodSeconds?: number;
  volumes?: Record<string, unknown>[];
  hostname?: string;
  subdomain?: string;
}

export interface PodStatusView {
  phase?: string;
  conditions?: { type: string; status: string; reason?: string }[];
  containerStatuses?: ContainerStatus[];
  podIP?: string;
  hostIP?: string;
  startTime?: string;
  qosClass?: string;
}

export const specOf = (pod: KubeObject) => (pod.spec ?? {}) as PodSpecView;
export const statusOf = (pod: KubeObject) => (pod.status ?? {}) as PodStatusView;
export const containersOf = (pod: KubeObject): ContainerSpec[] => specOf(pod).containers ?? [];

/** The kubelet lifecycle state a pod is in, derived from its status alone. */
export type PodState =
  | 'unscheduled'
  | 'new'
  | 'creating'
  | 'pull-error'
  | 'pull-backoff'
  | 'crash-backoff'
  | 'running-unready'
  | 'running-ready'
  | 'finished';

export function podState(pod: KubeObject): PodState {
  const spec = specOf(pod);
  const status = statusOf(pod);
  if (!spec.nodeName) return 'unscheduled';
  if (status.phase === 'Succeeded' || status.phase === 'Failed') return 'finished';
  const statuses = status.containerStatuses ?? [];
  if (statuses.length === 0) return 'new';
  const waiting = statuses.map((s) => s.state.waiting?.reason as string | undefined);
  if (waiting.includes('ContainerCreating')) return 'creating';
  if (waiting.includes('ErrImagePull')) return 'pull-error';
  if (waiting.includes('ImagePullBackOff')) return 'pull-backoff';
  if (waiting.includes('CrashLoopBackOff')) return 'crash-backoff';
  return statuses.every((s) => s.ready) ? 'running-ready' : 'running-unready';
}

/** Images the simulated registry does not have: tag `doesnotexist`, or a name containing `invalid`. */
export function imageFails(image: string | undefined): boolean {
  if (!image) return true;
  const [name, tag] = splitImage(image);
  return tag === 'doesnotexist' || name.includes('invalid');
}

function splitImage(image: string): [string, string] {
  const at = image.indexOf('@');
  if (at >= 0) return [image.slice(0, at), image.slice(at + 1)];
  const slash = image.lastIndexOf('/');
  const colon = image.lastIndexOf(':');
  if (colon > slash) return [image.slice(0, colon), image.slice(colon + 1)];
  return [image, 'latest'];
}

/** The fully qualified reference containerd reports (`nginx` → `docker.io/library/nginx:latest`). */
export function qualifiedImage(image: string): string {
  const [name, tag] = splitImage(image);
  const first = name.split('/')[0];
  const hasRegistry =
    name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  const full = hasRegistry ? name : name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
  return image.includes('@') ? `${full}@${tag}` : `${full}:${tag}`;
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** A stable digest per image name, so imageID looks as containerd reports it. */
export const imageID = (image: string): string =>
  `${qualifiedImage(image).replace(/[:@][^:@/]*$/, '')}@sha256:${sha(image)}`;

/** A container ID that changes with each restart. */
export const containerID = (pod: KubeObject, name: string, restart: number): string =>
  `containerd://${sha(`${pod.metadata.uid}/${name}/${restart}`)}`;

/** Behaviours the `sphere.io/simulate` annotation can ask for (a comma-separated list). */
export type SimulatedBehaviour = 'crash' | 'oom' | 'liveness-fail' | 'readiness-fail';
const behaviours = new Set<string>(['crash', 'oom', 'liveness-fail', 'readiness-fail']);

/** The annotation's behaviours, e.g. `sphere.io/simulate: "readiness-fail, liveness-fail"`. */
export function simulatedBehaviours(pod: KubeObject): SimulatedBehaviour[] {
  const v = pod.metadata.annotations?.['sphere.io/simulate'];
  if (!v) return [];
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is SimulatedBehaviour => behaviours.has(s));
}

/** The container-ending behaviour asked for: `crash` (exits and restarts) or `oom` (OOMKilled). */
export function simulatedBehaviour(pod: KubeObject): 'crash' | 'oom' | undefined {
  const all = simulatedBehaviours(pod);
  return all.includes('crash') ? 'crash' : all.includes('oom') ? 'oom' : undefined;
}

export const ownerKind = (pod: KubeObject): string | undefined =>
  (pod.metadata.ownerReferences ?? []).find((r) => r.controller)?.kind;
