/**
 * @module nodes/stages
 * Pod lifecycle as declarative stages (in the manner of kwok's Stage objects): each stage is data — a
 * selector over the pod's derived state, a delay with jitter, the status to write, the events to record,
 * or a final delete. `selectStage` picks the stage for a pod; `applyStage` computes what to write. Both
 * are pure; the simulator executes the result after the delay.
 */
import type { KubeObject } from '@sphere/shared';
import { defaultStages } from './default-stages';
import {
  backoffSeconds,
  completedStatus,
  crashedStatus,
  creatingStatus,
  elapsedOf,
  livenessKilledStatus,
  pullErrorMessage,
  restartedStatus,
  restartsAtOnce,
  startedStatus,
  type StageEnv,
} from './pod-status';
import {
  probeEventuallyFails,
  probeFailing,
  probeFailureAt,
  probeFailureMessage,
  probeOf,
  probeSuccessAt,
  probeTiming,
} from './probes';
import { memoryDemand, memoryOverLimit } from './profiles';
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

export { defaultStages };
export type SimulationSpeed = 'fast' | 'realistic';

/**
 * Stage delays: fixed (per speed), or derived from the pod: probe ticks (`readinessSuccess`,
 * `readinessFailure`, `livenessFailure`, counted from each container's start), crash-loop back-off,
 * image-pull back-off, the grace period, the time memory takes to reach the limit (`memoryLimit`).
 */
export type StageDelay =
  | { fastMs: number; realisticMs: number; jitter?: number }
  | {
      from:
        | 'readinessSuccess'
        | 'readinessFailure'
        | 'livenessFailure'
        | 'crashBackoff'
        | 'imageBackoff'
        | 'gracePeriod'
        | 'memoryLimit';
    };

/** Which containers an event is about. */
export type EventContainers =
  | 'all'
  | 'pullable'
  | 'failing'
  | 'first'
  /** Containers whose liveness / readiness probe fails now. */
  | 'livenessFailing'
  | 'readinessFailing'
  /** Containers killed by their liveness probe that start again at once (no back-off). */
  | 'restartedNow'
  /** Containers waiting in CrashLoopBackOff (about to be restarted). */
  | 'restarting';

/** An event to record, per container. */
export interface StageEvent {
  type: 'Normal' | 'Warning';
  reason: string;
  /**
   * Message template: {container}, {image}, {qualifiedImage}, {pod}, {namespace}, {uid}, {pullError},
   * {probeResult} (the failing probe's output).
   */
  message: string;
  /** Which containers the event is about (default: all containers). */
  containers?: EventContainers;
  /** Record the event this many times (the probe's failureThreshold: one per failed probe). */
  repeat?: 'failureThreshold';
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
  /** Every unready container's readiness probe passes (now or at a later tick). */
  readinessPasses?: boolean;
  /** Some container's readiness probe fails now or later. */
  readinessFails?: boolean;
  /** Some container's liveness probe fails now or later. */
  livenessFails?: boolean;
  /** Some container's known memory demand (image profile, annotation) exceeds its memory limit. */
  memoryOverLimit?: boolean;
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
  | 'ready'
  | 'unready'
  | 'livenessKilled';

export interface Stage {
  name: string;
  selector: StageSelector;
  delay: StageDelay;
  status?: StageStatus;
  events?: StageEvent[];
  /** The kubelet's final delete (gracePeriodSeconds 0) of a terminating pod. */
  delete?: boolean;
  /**
   * Probe stages race: when the first matching stage has `race`, every matching `race` stage is
   * considered and the one due first applies (a liveness kill can come before readiness passes).
   */
  race?: boolean;
}

/** What the executor knows about time: seconds since each container's current instance started. */
export interface StageContext {
  elapsed?: (container: string) => number;
}

function unreadyProbed(pod: KubeObject): ContainerSpec[] {
  const ready = new Set((statusOf(pod).containerStatuses ?? []).filter((s) => s.ready).map((s) => s.name));
  return containersOf(pod).filter((c) => c.readinessProbe && !ready.has(c.name));
}

function matches(sel: StageSelector, pod: KubeObject, state: PodState, ctx: StageContext): boolean {
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
  const elapsed = elapsedOf(ctx);
  if (
    sel.readinessPasses !== undefined &&
    unreadyProbed(pod).every((c) => probeSuccessAt(pod, c, 'readiness', elapsed(c.name)) !== undefined) !==
      sel.readinessPasses
  )
    return false;
  if (
    sel.readinessFails !== undefined &&
    containers.some((c) => probeEventuallyFails(pod, c, 'readiness')) !== sel.readinessFails
  )
    return false;
  if (
    sel.livenessFails !== undefined &&
    containers.some((c) => probeEventuallyFails(pod, c, 'liveness')) !== sel.livenessFails
  )
    return false;
  if (
    sel.memoryOverLimit !== undefined &&
    containers.some((c) => memoryOverLimit(pod, c) !== undefined) !== sel.memoryOverLimit
  )
    return false;
  return true;
}

/** Seconds a container's memory takes to grow to its demand after it starts. */
export const MEMORY_FILL_SECONDS = 20;

/** Multiplier applied to second-based delays (probes, back-off, grace) in fast mode. */
const FAST_SECOND_MS = 10;

/** Milliseconds of the clock per simulated second (fast mode compresses seconds into 10 ms). */
export const secondMs = (speed: SimulationSpeed): number => (speed === 'fast' ? FAST_SECOND_MS : 1000);

const minOf = (values: (number | undefined)[]): number => {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length ? Math.min(...defined) : 0;
};

/** Seconds from now until the earliest of each container's `at(container, elapsed)` (0 if past). */
function untilEarliest(
  pod: KubeObject,
  ctx: StageContext,
  at: (c: ContainerSpec, elapsed: number) => number | undefined,
  reduce: (values: (number | undefined)[]) => number = minOf,
): number {
  const elapsed = elapsedOf(ctx);
  return Math.max(
    0,
    reduce(
      containersOf(pod).map((c) => {
        const e = elapsed(c.name);
        const t = at(c, e);
        return t === undefined ? undefined : t - e;
      }),
    ),
  );
}

function delayMs(
  delay: StageDelay,
  pod: KubeObject,
  speed: SimulationSpeed,
  random: () => number,
  ctx: StageContext,
): number {
  const second = secondMs(speed);
  if ('fastMs' in delay) {
    const base = speed === 'fast' ? delay.fastMs : delay.realisticMs;
    return Math.round(base * (1 + (delay.jitter ?? 0) * random()));
  }
  switch (delay.from) {
    case 'readinessSuccess': {
      const unready = new Set(unreadyProbed(pod).map((c) => c.name));
      const wait = untilEarliest(
        pod,
        ctx,
        (c, e) => (unready.has(c.name) ? probeSuccessAt(pod, c, 'readiness', e) : undefined),
        (v) => Math.max(0, ...v.filter((x): x is number => x !== undefined)),
      );
      return Math.round(wait * second);
    }
    case 'readinessFailure':
      return Math.round(untilEarliest(pod, ctx, (c, e) => probeFailureAt(pod, c, 'readiness', e)) * second);
    case 'livenessFailure':
      return Math.round(untilEarliest(pod, ctx, (c, e) => probeFailureAt(pod, c, 'liveness', e)) * second);
    case 'memoryLimit': {
      const fill = (c: ContainerSpec) => {
        const limit = memoryOverLimit(pod, c);
        return limit === undefined
          ? undefined
          : (MEMORY_FILL_SECONDS * limit) / (memoryDemand(pod, c) ?? limit);
      };
      return Math.round(untilEarliest(pod, ctx, (c) => fill(c)) * second);
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
  ctx: StageContext = {},
): { stage: Stage; delayMs: number } | undefined {
  const state = podState(pod);
  if (state === 'unscheduled') return undefined;
  const stage = stages.find((s) => matches(s.selector, pod, state, ctx));
  if (!stage) return undefined;
  let best = { stage, delayMs: delayMs(stage.delay, pod, speed, random, ctx) };
  if (stage.race) {
    for (const other of stages) {
      if (other === stage || !other.race || !matches(other.selector, pod, state, ctx)) continue;
      const d = delayMs(other.delay, pod, speed, random, ctx);
      if (d < best.delayMs) best = { stage: other, delayMs: d };
    }
  }
  return best;
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
    case 'oomKilled': {
      const over = containersOf(pod).filter((c) => memoryOverLimit(pod, c) !== undefined);
      const killed = new Set((over.length ? over : containersOf(pod).slice(0, 1)).map((c) => c.name));
      return crashedStatus(pod, env, 'OOMKilled', (c) => killed.has(c.name));
    }
    case 'restarted':
      return restartedStatus(pod, env);
    case 'ready':
    case 'unready': {
      const elapsed = elapsedOf(env);
      const prior = new Set(
        (statusOf(pod).containerStatuses ?? []).filter((s) => s.ready).map((s) => s.name),
      );
      const passing = (c: ContainerSpec) =>
        !c.readinessProbe || !probeFailing(pod, c, 'readiness', elapsed(c.name));
      return startedStatus(pod, env, {
        ready: kind === 'ready' ? passing : (c) => passing(c) && (prior.has(c.name) || !c.readinessProbe),
      });
    }
    case 'livenessKilled':
      return livenessKilledStatus(pod, env);
  }
}

function eventContainers(
  which: EventContainers | undefined,
  pod: KubeObject,
  env: StageEnv,
): ContainerSpec[] {
  const all = containersOf(pod);
  const elapsed = elapsedOf(env);
  switch (which ?? 'all') {
    case 'livenessFailing':
      return all.filter((c) => probeFailing(pod, c, 'liveness', elapsed(c.name)));
    case 'readinessFailing':
      return all.filter((c) => probeFailing(pod, c, 'readiness', elapsed(c.name)));
    case 'restartedNow':
      return all.filter(
        (c) => probeFailing(pod, c, 'liveness', elapsed(c.name)) && restartsAtOnce(pod, c, elapsed(c.name)),
      );
    case 'restarting': {
      const waiting = (statusOf(pod).containerStatuses ?? []).filter(
        (s) => s.state.waiting?.reason === 'CrashLoopBackOff',
      );
      return all.filter((c) => waiting.some((s) => s.name === c.name));
    }
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
    for (const c of eventContainers(e.containers, pod, env)) {
      const vars: Record<string, string> = {
        container: c.name,
        image: c.image ?? '',
        qualifiedImage: qualifiedImage(c.image ?? ''),
        pod: pod.metadata.name ?? '',
        namespace: pod.metadata.namespace ?? '',
        uid: pod.metadata.uid ?? '',
        pullError: pullErrorMessage(c.image ?? ''),
        probeResult: e.message.includes('{probeResult}') ? probeResult(e, c, pod, env) : '',
      };
      const message = e.message.replace(/\{(\w+)\}/g, (_m, k: string) => vars[k] ?? '').trimEnd();
      const probe = probeOf(c, e.containers === 'readinessFailing' ? 'readiness' : 'liveness');
      const times = e.repeat && probe ? probeTiming(probe).failureThreshold : 1;
      for (let i = 0; i < times; i++)
        events.push({ type: e.type, reason: e.reason, message, fieldPath: `spec.containers{${c.name}}` });
    }
  }
  return {
    events,
    ...(stage.status ? { status: buildStatus(stage.status, pod, env) } : {}),
    ...(stage.delete ? { delete: true } : {}),
  };
}

function probeResult(e: StageEvent, c: ContainerSpec, pod: KubeObject, env: StageEnv): string {
  const kind = e.containers === 'readinessFailing' ? 'readiness' : 'liveness';
  return probeFailureMessage(c, kind, env.podIP ?? statusOf(pod).podIP ?? '');
}
