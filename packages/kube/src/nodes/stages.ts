/**
 * @module nodes/stages
 * Pod lifecycle as declarative stages (in the manner of kwok's Stage objects): each stage is data — a
 * selector over the pod's derived state, a delay with jitter, the status to write, the events to record,
 * or a final delete. `selectStage` picks the stage for a pod; `applyStage` computes what to write. Both
 * are pure; the simulator executes the result after the delay.
 */
import type { KubeObject } from '@sphere/shared';
import {
  backoffSeconds,
  completedStatus,
  crashedStatus,
  creatingStatus,
  pullErrorMessage,
  restartedStatus,
  startedStatus,
  type StageEnv,
} from './pod-status';
import {
  containersOf,
  imageFails,
  ownerKind,
  podState,
  qualifiedImage,
  simulatedBehaviour,
  specOf,
  statusOf,
  type ContainerSpec,
  type PodState,
} from './pod-view';

export type SimulationSpeed = 'fast' | 'realistic';

/** Stage delays: fixed (per speed), or derived from the pod (probe delays, back-off, grace period). */
export type StageDelay =
  | { fastMs: number; realisticMs: number; jitter?: number }
  | { from: 'readinessProbe' | 'crashBackoff' | 'imageBackoff' | 'gracePeriod' };

/** An event to record, per container (`container` true) or for the pod. */
export interface StageEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  /** Message template: {container}, {image}, {qualifiedImage}, {pod}, {namespace}, {uid}, {pullError}. */
  message: string;
  /** Which containers the event is about (default: all containers). */
  containers?: 'all' | 'pullable' | 'failing' | 'first';
}

export interface StageSelector {
  states: PodState[];
  deleting?: boolean;
  /** Controller owner kind (Job pods complete). */
  ownerKind?: string;
  /** sphere.io/simulate annotation value. */
  simulate?: 'crash' | 'oom' | 'none';
  /** At least one container's image fails to pull (true) or none does (false). */
  imageFails?: boolean;
  /** At least one container has a readiness probe. */
  readinessProbe?: boolean;
}

export type StageStatus =
  | 'creating'
  | 'started'
  | 'pullError'
  | 'pullBackOff'
  | 'completed'
  | 'crashed'
  | 'oomKilled'
  | 'restarted'
  | 'ready';

export interface Stage {
  name: string;
  selector: StageSelector;
  delay: StageDelay;
  status?: StageStatus;
  events?: StageEvent[];
  /** The kubelet's final delete (gracePeriodSeconds 0) of a terminating pod. */
  delete?: boolean;
}

const quick = (fastMs: number, realisticMs: number): StageDelay => ({ fastMs, realisticMs, jitter: 0.3 });

/** The default stages, in priority order (the first that matches applies). */
export const defaultStages: Stage[] = [
  {
    name: 'pod-delete',
    selector: {
      states: [
        'new',
        'creating',
        'pull-error',
        'pull-backoff',
        'crash-backoff',
        'running-unready',
        'running-ready',
        'finished',
      ],
      deleting: true,
    },
    delay: { from: 'gracePeriod' },
    events: [{ type: 'Normal', reason: 'Killing', message: 'Stopping container {container}' }],
    delete: true,
  },
  { name: 'pod-create', selector: { states: ['new'] }, delay: quick(5, 300), status: 'creating' },
  {
    name: 'image-pull-failed',
    selector: { states: ['creating', 'pull-backoff'], imageFails: true },
    delay: { from: 'imageBackoff' },
    status: 'pullError',
    events: [
      { type: 'Normal', reason: 'Pulling', message: 'Pulling image "{image}"', containers: 'failing' },
      {
        type: 'Warning',
        reason: 'Failed',
        message: 'Failed to pull image "{image}": {pullError}',
        containers: 'failing',
      },
      { type: 'Warning', reason: 'Failed', message: 'Error: ErrImagePull', containers: 'failing' },
    ],
  },
  {
    name: 'image-pull-backoff',
    selector: { states: ['pull-error'] },
    delay: quick(20, 1500),
    status: 'pullBackOff',
    events: [
      {
        type: 'Normal',
        reason: 'BackOff',
        message: 'Back-off pulling image "{image}"',
        containers: 'failing',
      },
      { type: 'Warning', reason: 'Failed', message: 'Error: ImagePullBackOff', containers: 'failing' },
    ],
  },
  {
    name: 'containers-started',
    selector: { states: ['creating'], imageFails: false },
    delay: quick(10, 2500),
    status: 'started',
    events: [
      { type: 'Normal', reason: 'Pulling', message: 'Pulling image "{image}"' },
      {
        type: 'Normal',
        reason: 'Pulled',
        message:
          'Successfully pulled image "{image}" in 1.234s (1.234s including waiting). Image size: 72099410 bytes.',
      },
      { type: 'Normal', reason: 'Created', message: 'Created container: {container}' },
      { type: 'Normal', reason: 'Started', message: 'Started container {container}' },
    ],
  },
  {
    name: 'job-completed',
    selector: { states: ['running-ready', 'running-unready'], ownerKind: 'Job', simulate: 'none' },
    delay: quick(20, 4000),
    status: 'completed',
  },
  {
    name: 'container-crashed',
    selector: { states: ['running-ready', 'running-unready'], simulate: 'crash' },
    delay: quick(30, 5000),
    status: 'crashed',
  },
  {
    name: 'container-oom-killed',
    selector: { states: ['running-ready', 'running-unready'], simulate: 'oom' },
    delay: quick(30, 8000),
    status: 'oomKilled',
  },
  {
    name: 'container-restarted',
    selector: { states: ['crash-backoff'] },
    delay: { from: 'crashBackoff' },
    status: 'restarted',
    events: [
      {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container {container} in pod {pod}_{namespace}({uid})',
        containers: 'first',
      },
      {
        type: 'Normal',
        reason: 'Pulled',
        message: 'Container image "{image}" already present on machine',
        containers: 'first',
      },
      { type: 'Normal', reason: 'Created', message: 'Created container: {container}', containers: 'first' },
      { type: 'Normal', reason: 'Started', message: 'Started container {container}', containers: 'first' },
    ],
  },
  {
    name: 'readiness-probe-passed',
    selector: { states: ['running-unready'], readinessProbe: true },
    delay: { from: 'readinessProbe' },
    status: 'ready',
  },
];

function matches(sel: StageSelector, pod: KubeObject, state: PodState): boolean {
  if (!sel.states.includes(state)) return false;
  const deleting = !!pod.metadata.deletionTimestamp;
  if ((sel.deleting ?? false) !== deleting) return false;
  if (sel.ownerKind !== undefined && ownerKind(pod) !== sel.ownerKind) return false;
  if (sel.simulate !== undefined && (simulatedBehaviour(pod) ?? 'none') !== sel.simulate) return false;
  const containers = containersOf(pod);
  if (sel.imageFails !== undefined && containers.some((c) => imageFails(c.image)) !== sel.imageFails)
    return false;
  if (sel.readinessProbe !== undefined && containers.some((c) => !!c.readinessProbe) !== sel.readinessProbe)
    return false;
  return true;
}

/** Multiplier applied to second-based delays (probes, back-off, grace) in fast mode. */
const FAST_SECOND_MS = 10;

function delayMs(delay: StageDelay, pod: KubeObject, speed: SimulationSpeed, random: () => number): number {
  const second = speed === 'fast' ? FAST_SECOND_MS : 1000;
  if ('fastMs' in delay) {
    const base = speed === 'fast' ? delay.fastMs : delay.realisticMs;
    return Math.round(base * (1 + (delay.jitter ?? 0) * random()));
  }
  const containers = containersOf(pod);
  switch (delay.from) {
    case 'readinessProbe': {
      const initial = Math.max(0, ...containers.map((c) => c.readinessProbe?.initialDelaySeconds ?? 0));
      return Math.round((initial + 1) * second);
    }
    case 'crashBackoff': {
      const restarts = Math.max(0, ...(statusOf(pod).containerStatuses ?? []).map((s) => s.restartCount));
      return backoffSeconds(restarts) * second;
    }
    case 'imageBackoff':
      return statusOf(pod).containerStatuses?.some((s) => s.state.waiting?.reason === 'ImagePullBackOff')
        ? 10 * second
        : Math.round((speed === 'fast' ? 10 : 1500) * (1 + 0.3 * random()));
    case 'gracePeriod': {
      // The kubelet stops containers within the grace period; simulated containers stop promptly.
      const grace =
        (pod.metadata.deletionGracePeriodSeconds ?? specOf(pod).terminationGracePeriodSeconds ?? 30) * 1000;
      return Math.min(grace, speed === 'fast' ? 20 : 1000);
    }
  }
}

/** The stage that applies to the pod now and when it fires, or undefined when the pod is at rest. */
export function selectStage(
  pod: KubeObject,
  speed: SimulationSpeed,
  random: () => number = Math.random,
  stages: Stage[] = defaultStages,
): { stage: Stage; delayMs: number } | undefined {
  const state = podState(pod);
  if (state === 'unscheduled') return undefined;
  const stage = stages.find((s) => matches(s.selector, pod, state));
  return stage ? { stage, delayMs: delayMs(stage.delay, pod, speed, random) } : undefined;
}

export interface StageEffect {
  /** The new pod status (written whole through the status subresource). */
  status?: Record<string, unknown>;
  events: { type: 'Normal' | 'Warning'; reason: string; message: string; fieldPath?: string }[];
  delete?: boolean;
}

function buildStatus(kind: StageStatus, pod: KubeObject, env: StageEnv): Record<string, unknown> {
  switch (kind) {
    case 'creating':
      return creatingStatus(pod, env);
    case 'started':
      return startedStatus(pod, env);
    case 'pullError':
      return startedStatus(pod, env, { pullReason: 'ErrImagePull' });
    case 'pullBackOff':
      return startedStatus(pod, env, { pullReason: 'ImagePullBackOff' });
    case 'completed':
      return completedStatus(pod, env);
    case 'crashed':
      return crashedStatus(pod, env, 'Error');
    case 'oomKilled':
      return crashedStatus(pod, env, 'OOMKilled');
    case 'restarted':
      return restartedStatus(pod, env);
    case 'ready':
      return startedStatus(pod, env, { ready: () => true });
  }
}

function eventContainers(which: StageEvent['containers'], pod: KubeObject): ContainerSpec[] {
  const all = containersOf(pod);
  switch (which ?? 'all') {
    case 'pullable':
      return all.filter((c) => !imageFails(c.image));
    case 'failing':
      return all.filter((c) => imageFails(c.image));
    case 'first':
      return all.slice(0, 1);
    default:
      return all;
  }
}

/** What applying `stage` to `pod` writes: the status, the events, or the final delete. */
export function applyStage(stage: Stage, pod: KubeObject, env: StageEnv): StageEffect {
  const events: StageEffect['events'] = [];
  for (const e of stage.events ?? []) {
    for (const c of eventContainers(e.containers, pod)) {
      const vars: Record<string, string> = {
        container: c.name,
        image: c.image ?? '',
        qualifiedImage: qualifiedImage(c.image ?? ''),
        pod: pod.metadata.name ?? '',
        namespace: pod.metadata.namespace ?? '',
        uid: pod.metadata.uid ?? '',
        pullError: pullErrorMessage(c.image ?? ''),
      };
      const message = e.message.replace(/\{(\w+)\}/g, (_m, k: string) => vars[k] ?? '');
      events.push({ type: e.type, reason: e.reason, message, fieldPath: `spec.containers{${c.name}}` });
    }
  }
  return {
    events,
    ...(stage.status ? { status: buildStatus(stage.status, pod, env) } : {}),
    ...(stage.delete ? { delete: true } : {}),
  };
}
