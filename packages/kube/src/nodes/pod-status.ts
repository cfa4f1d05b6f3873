/**
 * @module nodes/pod-status
 * Pure builders for the pod status a kubelet writes at each lifecycle point: containers creating,
 * image pull failures, running (ready or not), crashed and backing off, completed.
 */
import type { KubeObject } from '@sphere/shared';
import { ts } from './node-template';
import { probeFailing } from './probes';
import {
  containerID,
  containersOf,
  imageFails,
  imageID,
  qualifiedImage,
  specOf,
  statusOf,
  type ContainerSpec,
  type ContainerStatus,
} from './pod-view';

/**
 * What the executor knows that the pod does not: the time, the node's IP, the pod's allocated IP, and
 * how many (simulated) seconds ago each container's current instance started.
 */
export interface StageEnv {
  now: Date;
  hostIP: string;
  podIP?: string;
  elapsed?: (container: string) => number;
}

/** The elapsed-seconds function of an env or stage context (0 when unknown: just started). */
export const elapsedOf =
  (env: { elapsed?: (container: string) => number }) =>
  (container: string): number =>
    env.elapsed?.(container) ?? 0;

type Condition = {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastProbeTime: null;
  lastTransitionTime: string;
};

function conditions(
  pod: KubeObject,
  env: StageEnv,
  want: Record<string, [string, string?, string?]>,
): Condition[] {
  const prior = new Map((statusOf(pod).conditions ?? []).map((c) => [c.type, c as Condition]));
  const order = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'];
  return order.map((type) => {
    const [status, reason, message] = want[type] ?? ['True'];
    const old = prior.get(type);
    const same = old && old.status === status;
    return {
      type,
      status,
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
      lastProbeTime: null,
      lastTransitionTime: same && old.lastTransitionTime ? old.lastTransitionTime : ts(env.now),
    };
  });
}

const priorStatus = (pod: KubeObject, name: string): ContainerStatus | undefined =>
  statusOf(pod).containerStatuses?.find((s) => s.name === name);

function base(pod: KubeObject, env: StageEnv) {
  const status = statusOf(pod);
  const podIP = env.podIP ?? status.podIP;
  return {
    hostIP: env.hostIP,
    hostIPs: [{ ip: env.hostIP }],
    ...(podIP ? { podIP, podIPs: [{ ip: podIP }] } : {}),
    startTime: status.startTime ?? ts(env.now),
    ...(status.qosClass ? { qosClass: status.qosClass } : {}),
  };
}

function waiting(pod: KubeObject, c: ContainerSpec, reason: string, message?: string): ContainerStatus {
  const prior = priorStatus(pod, c.name);
  return {
    name: c.name,
    state: { waiting: { reason, ...(message ? { message } : {}) } },
    lastState: prior?.lastState ?? {},
    ready: false,
    restartCount: prior?.restartCount ?? 0,
    image: c.image ?? '',
    imageID: prior?.imageID ?? '',
    ...(prior?.containerID ? { containerID: prior.containerID } : {}),
    started: false,
  };
}

function running(
  pod: KubeObject,
  c: ContainerSpec,
  env: StageEnv,
  ready: boolean,
  restartCount?: number,
): ContainerStatus {
  const prior = priorStatus(pod, c.name);
  const restarts = restartCount ?? prior?.restartCount ?? 0;
  const startedAt = prior?.state.running?.startedAt as string | undefined;
  return {
    name: c.name,
    state: { running: { startedAt: startedAt ?? ts(env.now) } },
    lastState: prior?.lastState ?? {},
    ready,
    restartCount: restarts,
    image: qualifiedImage(c.image ?? ''),
    imageID: imageID(c.image ?? ''),
    containerID: containerID(pod, c.name, restarts),
    started: true,
  };
}

function notReady(names: string[]): [string, string, string] {
  return ['False', 'ContainersNotReady', `containers with unready status: [${names.join(' ')}]`];
}

/** Sandbox being created, images pulling: every container waiting ContainerCreating. */
export function creatingStatus(pod: KubeObject, env: StageEnv): Record<string, unknown> {
  const cs = containersOf(pod);
  const names = cs.map((c) => c.name);
  return {
    phase: 'Pending',
    ...base(pod, env),
    conditions: conditions(pod, env, {
      PodReadyToStartContainers: ['False'],
      Ready: notReady(names),
      ContainersReady: notReady(names),
    }),
    containerStatuses: cs.map((c) => waiting(pod, c, 'ContainerCreating')),
  };
}

export function pullErrorMessage(image: string): string {
  const ref = qualifiedImage(image);
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

/**
 * Containers started: those with pullable images run (ready unless they have a readiness probe or
 * `readyOverride` says otherwise); others wait in `pullReason` (ErrImagePull / ImagePullBackOff).
 */
export function startedStatus(
  pod: KubeObject,
  env: StageEnv,
  options: { pullReason?: 'ErrImagePull' | 'ImagePullBackOff'; ready?: (c: ContainerSpec) => boolean } = {},
): Record<string, unknown> {
  const cs = containersOf(pod);
  const statuses = cs.map((c) => {
    if (imageFails(c.image)) {
      const reason = options.pullReason ?? 'ErrImagePull';
      const message =
        reason === 'ErrImagePull' ? pullErrorMessage(c.image ?? '') : `Back-off pulling image "${c.image}"`;
      return waiting(pod, c, reason, message);
    }
    const ready = options.ready ? options.ready(c) : !c.readinessProbe;
    return running(pod, c, env, ready);
  });
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  const allRunning = statuses.every((s) => s.state.running);
  const init = (specOf(pod).initContainers ?? []).map((c) => ({
    name: c.name,
    state: {
      terminated: {
        exitCode: 0,
        reason: 'Completed',
        startedAt: ts(env.now),
        finishedAt: ts(env.now),
        containerID: containerID(pod, c.name, 0),
      },
    },
    lastState: {},
    ready: true,
    restartCount: 0,
    image: qualifiedImage(c.image ?? ''),
    imageID: imageID(c.image ?? ''),
    containerID: containerID(pod, c.name, 0),
    started: false,
  }));
  return {
    phase: allRunning ? 'Running' : 'Pending',
    ...base(pod, env),
    conditions: conditions(pod, env, {
      Ready: unready.length ? notReady(unready) : ['True'],
      ContainersReady: unready.length ? notReady(unready) : ['True'],
    }),
    ...(init.length ? { initContainerStatuses: init } : {}),
    containerStatuses: statuses,
  };
}

/** Every container exited 0: phase Succeeded (Job pods). */
export function completedStatus(pod: KubeObject, env: StageEnv): Record<string, unknown> {
  const cs = containersOf(pod);
  const names = cs.map((c) => c.name);
  return {
    phase: 'Succeeded',
    ...base(pod, env),
    conditions: conditions(pod, env, {
      PodReadyToStartContainers: ['False'],
      Ready: ['False', 'PodCompleted'],
      ContainersReady: ['False', 'PodCompleted'],
    }),
    containerStatuses: cs
      .map((c) => {
        const prior = priorStatus(pod, c.name);
        const started = (prior?.state.running?.startedAt as string | undefined) ?? ts(env.now);
        return {
          name: c.name,
          state: {
            terminated: {
              exitCode: 0,
              reason: 'Completed',
              startedAt: started,
              finishedAt: ts(env.now),
              containerID: prior?.containerID ?? containerID(pod, c.name, 0),
            },
          },
          lastState: prior?.lastState ?? {},
          ready: false,
          restartCount: prior?.restartCount ?? 0,
          image: qualifiedImage(c.image ?? ''),
          imageID: imageID(c.image ?? ''),
          containerID: prior?.containerID ?? containerID(pod, c.name, 0),
          started: false,
        };
      })
      .filter((s) => names.includes(s.name)),
  };
}

/**
 * Containers exited (by default the first; `Error` exit 1, or `OOMKilled` exit 137). With restartPolicy
 * Never the pod fails; otherwise they wait in CrashLoopBackOff with the termination as lastState.
 */
export function crashedStatus(
  pod: KubeObject,
  env: StageEnv,
  reason: 'Error' | 'OOMKilled',
  which: (c: ContainerSpec, index: number) => boolean = (_c, i) => i === 0,
  exitCode = reason === 'OOMKilled' ? 137 : 1,
): Record<string, unknown> {
  const cs = containersOf(pod);
  const restartable = (specOf(pod).restartPolicy ?? 'Always') !== 'Never';
  const statuses = cs.map((c, i) => {
    const prior = priorStatus(pod, c.name);
    if (!which(c, i) && prior) return prior;
    const startedAt = (prior?.state.running?.startedAt as string | undefined) ?? ts(env.now);
    const id = prior?.containerID ?? containerID(pod, c.name, 0);
    const terminated = { exitCode, reason, startedAt, finishedAt: ts(env.now), containerID: id };
    if (!restartable) {
      return {
        ...(prior ?? running(pod, c, env, false)),
        state: { terminated },
        ready: false,
        started: false,
      };
    }
    const restarts = (prior?.restartCount ?? 0) + 1;
    return {
      name: c.name,
      state: {
        waiting: {
          reason: 'CrashLoopBackOff',
          message: `back-off ${backoffSeconds(restarts)}s restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
        },
      },
      lastState: { terminated },
      ready: false,
      restartCount: restarts,
      image: qualifiedImage(c.image ?? ''),
      imageID: imageID(c.image ?? ''),
      containerID: id,
      started: false,
    };
  });
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  return {
    phase: restartable ? 'Running' : 'Failed',
    ...base(pod, env),
    conditions: conditions(pod, env, { Ready: notReady(unready), ContainersReady: notReady(unready) }),
    containerStatuses: statuses,
  };
}

/** kubelet's crash-loop back-off: 10s doubling per restart, capped at 5 minutes. */
export function backoffSeconds(restarts: number): number {
  return Math.min(300, 10 * 2 ** Math.max(0, restarts - 1));
}

/** Restarted after back-off: the crashed container runs again (same restart count), not yet ready. */
export function restartedStatus(pod: KubeObject, env: StageEnv): Record<string, unknown> {
  const cs = containersOf(pod);
  const statuses = cs.map((c) => {
    const prior = priorStatus(pod, c.name);
    if (prior?.state.waiting?.reason !== 'CrashLoopBackOff')
      return prior ?? running(pod, c, env, !c.readinessProbe);
    return {
      ...running(pod, c, env, !c.readinessProbe, prior.restartCount),
      state: { running: { startedAt: ts(env.now) } },
    };
  });
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  return {
    phase: 'Running',
    ...base(pod, env),
    conditions: conditions(pod, env, {
      Ready: unready.length ? notReady(unready) : ['True'],
      ContainersReady: unready.length ? notReady(unready) : ['True'],
    }),
    containerStatuses: statuses,
  };
}

/**
 * Whether a container killed (by its liveness probe) after running `elapsed` seconds starts again at
 * once: as the kubelet's back-off, when it ran at least as long as the back-off its next restart owes.
 */
export function restartsAtOnce(pod: KubeObject, c: ContainerSpec, elapsed: number): boolean {
  const restarts = (priorStatus(pod, c.name)?.restartCount ?? 0) + 1;
  return (specOf(pod).restartPolicy ?? 'Always') !== 'Never' && elapsed >= backoffSeconds(restarts);
}

/**
 * The containers whose liveness probe fails now were killed (exit 137, reason Error): each starts again
 * at once (restartCount + 1, termination in lastState) or, when it ran shorter than its back-off, waits
 * in CrashLoopBackOff. With restartPolicy Never the pod fails.
 */
export function livenessKilledStatus(pod: KubeObject, env: StageEnv): Record<string, unknown> {
  const elapsed = elapsedOf(env);
  const killed = (c: ContainerSpec) => probeFailing(pod, c, 'liveness', elapsed(c.name));
  const now = containersOf(pod).filter((c) => killed(c) && restartsAtOnce(pod, c, elapsed(c.name)));
  if (now.length === 0) return crashedStatus(pod, env, 'Error', killed, 137);
  const statuses = containersOf(pod).map((c) => {
    const prior = priorStatus(pod, c.name);
    if (!now.includes(c)) {
      if (!killed(c) || !prior) return prior ?? running(pod, c, env, !c.readinessProbe);
      const crashed = crashedStatus(pod, env, 'Error', (x) => x.name === c.name, 137) as {
        containerStatuses: ContainerStatus[];
      };
      return crashed.containerStatuses.find((s) => s.name === c.name) as ContainerStatus;
    }
    const restarts = (prior?.restartCount ?? 0) + 1;
    const terminated = {
      exitCode: 137,
      reason: 'Error',
      startedAt: (prior?.state.running?.startedAt as string | undefined) ?? ts(env.now),
      finishedAt: ts(env.now),
      containerID: prior?.containerID ?? containerID(pod, c.name, restarts - 1),
    };
    return {
      ...running(pod, c, env, !c.readinessProbe, restarts),
      state: { running: { startedAt: ts(env.now) } },
      lastState: { terminated },
    };
  });
  const unready = statuses.filter((s) => !s.ready).map((s) => s.name);
  return {
    phase: 'Running',
    ...base(pod, env),
    conditions: conditions(pod, env, {
      Ready: unready.length ? notReady(unready) : ['True'],
      ContainersReady: unready.length ? notReady(unready) : ['True'],
    }),
    containerStatuses: statuses,
  };
}
