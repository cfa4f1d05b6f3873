import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { FakeClock } from '../controllers/runtime/clock';
import { applyStage, selectStage } from './stages';
import { podState } from './pod-view';

const clock = new FakeClock('2026-01-01T00:00:00Z');
const env = { now: clock.now(), hostIP: '10.0.0.2', podIP: '10.244.1.5' };

function pod(
  opts: {
    image?: string;
    status?: Record<string, unknown>;
    owner?: string;
    annotations?: Record<string, string>;
    readinessProbe?: object;
    deleting?: boolean;
    restartPolicy?: string;
  } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: 'uid-1',
      ...(opts.annotations ? { annotations: opts.annotations } : {}),
      ...(opts.owner
        ? {
            ownerReferences: [
              { apiVersion: 'batch/v1', kind: opts.owner, name: 'o', uid: 'o-1', controller: true },
            ],
          }
        : {}),
      ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z', deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: {
      nodeName: 'node-2',
      restartPolicy: opts.restartPolicy ?? 'Always',
      containers: [
        {
          name: 'web',
          image: opts.image ?? 'nginx:1.27',
          ...(opts.readinessProbe ? { readinessProbe: opts.readinessProbe } : {}),
        },
      ],
    },
    status: { phase: 'Pending', qosClass: 'BestEffort', ...opts.status },
  };
}

/** Runs stages until the pod rests or `max` stages ran; returns the visited stage names and last pod. */
function run(p: KubeObject, max = 8): { stages: string[]; pod: KubeObject } {
  const stages: string[] = [];
  let current = p;
  for (let i = 0; i < max; i++) {
    const next = selectStage(current, 'fast', () => 0);
    if (!next) break;
    stages.push(next.stage.name);
    const effect = applyStage(next.stage, current, env);
    if (effect.delete) break;
    current = { ...current, status: effect.status };
  }
  return { stages, pod: current };
}

describe('stage selection', () => {
  it.each([
    ['a plain pod starts and rests Running/Ready', pod(), ['pod-create', 'containers-started']],
    ['a Job pod completes', pod({ owner: 'Job' }), ['pod-create', 'containers-started', 'job-completed']],
    [
      'a readiness probe delays Ready',
      pod({ readinessProbe: { initialDelaySeconds: 5 } }),
      ['pod-create', 'containers-started', 'readiness-probe-passed'],
    ],
    [
      'a missing image ends in back-off (and retries)',
      pod({ image: 'nginx:doesnotexist' }),
      ['pod-create', 'image-pull-failed', 'image-pull-backoff', 'image-pull-failed', 'image-pull-backoff'],
    ],
    ['a terminating pod is deleted by the kubelet', pod({ deleting: true }), ['pod-delete']],
    [
      'a crashing pod restarts',
      pod({ annotations: { 'sphere.io/simulate': 'crash' } }),
      ['pod-create', 'containers-started', 'container-crashed', 'container-restarted', 'container-crashed'],
    ],
    [
      'a crashing pod with restartPolicy Never fails',
      pod({ annotations: { 'sphere.io/simulate': 'crash' }, restartPolicy: 'Never' }),
      ['pod-create', 'containers-started', 'container-crashed'],
    ],
  ])('%s', (_name, input, expected) => {
    expect(run(input, expected.length).stages).toEqual(expected);
  });

  it('delays: readiness by initialDelaySeconds, back-off doubling per restart', () => {
    const running = run(pod({ readinessProbe: { initialDelaySeconds: 5 } }), 2).pod;
    expect(selectStage(running, 'realistic', () => 0)?.delayMs).toBe(6000);
    const crashed = run(pod({ annotations: { 'sphere.io/simulate': 'crash' } }), 3).pod;
    expect(selectStage(crashed, 'realistic', () => 0)?.delayMs).toBe(10_000);
  });
});

describe('stage output (golden)', () => {
  it('containers-started writes the status a kubelet writes', () => {
    const { pod: p } = run(pod(), 2);
    expect(p.status).toEqual({
      phase: 'Running',
      hostIP: '10.0.0.2',
      hostIPs: [{ ip: '10.0.0.2' }],
      podIP: '10.244.1.5',
      podIPs: [{ ip: '10.244.1.5' }],
      startTime: '2026-01-01T00:00:00Z',
      qosClass: 'BestEffort',
      conditions: [
        {
          type: 'PodReadyToStartContainers',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
        {
          type: 'Initialized',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
        { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-01-01T00:00:00Z' },
        {
          type: 'ContainersReady',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
        {
          type: 'PodScheduled',
          status: 'True',
          lastProbeTime: null,
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
      containerStatuses: [
        {
          name: 'web',
          state: { running: { startedAt: '2026-01-01T00:00:00Z' } },
          lastState: {},
          ready: true,
          restartCount: 0,
          image: 'docker.io/library/nginx:1.27',
          imageID: expect.stringMatching(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/),
          containerID: expect.stringMatching(/^containerd:\/\/[0-9a-f]{64}$/),
          started: true,
        },
      ],
    });
    expect(podState(p)).toBe('running-ready');
  });

  it('image pull back-off keeps restartCount and waits with the kubelet reasons', () => {
    const { pod: p } = run(pod({ image: 'nginx:doesnotexist' }), 3);
    const cs = (p.status as { containerStatuses: Record<string, unknown>[] }).containerStatuses[0];
    expect(cs).toMatchObject({
      restartCount: 0,
      ready: false,
      state: {
        waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:doesnotexist"' },
      },
    });
    expect((p.status as { phase: string }).phase).toBe('Pending');
  });

  it('image pull failure records Pulling and Failed events', () => {
    const creating = run(pod({ image: 'invalid/app' }), 1).pod;
    const next = selectStage(creating, 'fast', () => 0)!;
    const effect = applyStage(next.stage, creating, env);
    expect(effect.events.map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      'Normal Pulling: Pulling image "invalid/app"',
      'Warning Failed: Failed to pull image "invalid/app": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/invalid/app:latest": failed to resolve reference "docker.io/invalid/app:latest": docker.io/invalid/app:latest: not found',
      'Warning Failed: Error: ErrImagePull',
    ]);
  });

  it('Job completion: Succeeded, terminated exit 0 Completed, Ready False PodCompleted', () => {
    const { pod: p } = run(pod({ owner: 'Job' }), 3);
    const status = p.status as {
      phase: string;
      conditions: { type: string; status: string; reason?: string }[];
      containerStatuses: { state: Record<string, unknown> }[];
    };
    expect(status.phase).toBe('Succeeded');
    expect(status.conditions.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      reason: 'PodCompleted',
    });
    expect(status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
  });

  it('a crash moves the termination into lastState and waits in CrashLoopBackOff', () => {
    const { pod: p } = run(pod({ annotations: { 'sphere.io/simulate': 'oom' } }), 3);
    const cs = (p.status as { containerStatuses: Record<string, unknown>[] }).containerStatuses[0];
    expect(cs).toMatchObject({
      restartCount: 1,
      lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
      state: { waiting: { reason: 'CrashLoopBackOff' } },
    });
  });

  it('the kubelet deletes a terminating pod after a short stage delay, with Killing events', () => {
    const p = pod({ deleting: true });
    const next = selectStage(p, 'realistic', () => 0)!;
    expect(next.delayMs).toBe(1000);
    const effect = applyStage(next.stage, p, env);
    expect(effect.delete).toBe(true);
    expect(effect.events[0]).toMatchObject({ reason: 'Killing', message: 'Stopping container web' });
  });
});
