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
    livenessProbe?: object;
    resources?: object;
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
          ...(opts.livenessProbe ? { livenessProbe: opts.livenessProbe } : {}),
          ...(opts.resources ? { resources: opts.resources } : {}),
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
    expect(selectStage(running, 'realistic', () => 0)?.delayMs).toBe(5000);
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

type Status = {
  phase: string;
  conditions: { type: string; status: string }[];
  containerStatuses: {
    ready: boolean;
    restartCount: number;
    state: Record<string, object>;
    lastState: Record<string, object>;
  }[];
};
const statusOfPod = (p: KubeObject) => p.status as Status;
const condition = (p: KubeObject, type: string) =>
  statusOfPod(p).conditions.find((c) => c.type === type)?.status;
const failingExec = {
  exec: { command: ['false'] },
  periodSeconds: 5,
  failureThreshold: 3,
  initialDelaySeconds: 2,
};

describe('probes', () => {
  it('a failing liveness probe kills the container after failureThreshold failures and restarts it', () => {
    const started = run(pod({ livenessProbe: failingExec }), 2).pod;
    const at = (elapsed: number) => ({ elapsed: () => elapsed });
    const next = selectStage(started, 'realistic', () => 0, undefined, at(0))!;
    expect(next.stage.name).toBe('liveness-probe-failed');
    // Ticks at 2, 7, 12 s: the third failure kills.
    expect(next.delayMs).toBe(12_000);
    const effect = applyStage(next.stage, started, { ...env, elapsed: () => 12 });
    expect(effect.events.map((e) => `${e.reason}: ${e.message}`)).toEqual([
      'Unhealthy: Liveness probe failed:',
      'Unhealthy: Liveness probe failed:',
      'Unhealthy: Liveness probe failed:',
      'Killing: Container web failed liveness probe, will be restarted',
      'Pulled: Container image "nginx:1.27" already present on machine',
      'Created: Created container: web',
      'Started: Started container web',
    ]);
    const cs = statusOfPod({ ...started, status: effect.status }).containerStatuses[0];
    expect(cs).toMatchObject({
      restartCount: 1,
      state: { running: {} },
      lastState: { terminated: { exitCode: 137, reason: 'Error' } },
    });
  });

  it('a liveness kill shorter than the back-off waits in CrashLoopBackOff', () => {
    const started = run(
      pod({ livenessProbe: { ...failingExec, initialDelaySeconds: 0, periodSeconds: 1 } }),
      2,
    ).pod;
    const next = selectStage(started, 'realistic', () => 0, undefined, { elapsed: () => 0 })!;
    expect(next.delayMs).toBe(2000);
    const effect = applyStage(next.stage, started, { ...env, elapsed: () => 2 });
    expect(effect.events.map((e) => e.reason)).toEqual(['Unhealthy', 'Unhealthy', 'Unhealthy', 'Killing']);
    expect(statusOfPod({ ...started, status: effect.status }).containerStatuses[0]).toMatchObject({
      restartCount: 1,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 137 } },
    });
  });

  it('an httpGet probe on an undeclared port reports connection refused', () => {
    const p = pod({ livenessProbe: { httpGet: { path: '/healthz', port: 'http' } } });
    const started = run(p, 2).pod;
    const next = selectStage(started, 'realistic', () => 0)!;
    const effect = applyStage(next.stage, started, env);
    expect(effect.events[0].message).toBe(
      'Liveness probe failed: Get "http://10.244.1.5:http/healthz": dial tcp 10.244.1.5:http: connect: connection refused',
    );
  });

  it('readiness-fail keeps the pod NotReady with Unhealthy events; removing it brings Ready back', () => {
    const probe = { httpGet: { path: '/', port: 80 }, periodSeconds: 10, failureThreshold: 3 };
    const ready = run(pod({ readinessProbe: probe }), 3).pod;
    expect(podState(ready)).toBe('running-ready');
    const failing = {
      ...ready,
      metadata: { ...ready.metadata, annotations: { 'sphere.io/simulate': 'readiness-fail' } },
    };
    const next = selectStage(failing, 'realistic', () => 0, undefined, { elapsed: () => 35 })!;
    expect(next.stage.name).toBe('readiness-probe-failed');
    expect(next.delayMs).toBe(25_000); // ticks at 40, 50, 60
    const effect = applyStage(next.stage, failing, { ...env, elapsed: () => 60 });
    expect(effect.events.map((e) => e.message)).toEqual(
      Array(3).fill('Readiness probe failed: HTTP probe failed with statuscode: 500'),
    );
    const unready = { ...failing, status: effect.status };
    expect(condition(unready, 'Ready')).toBe('False');
    expect(condition(unready, 'ContainersReady')).toBe('False');
    expect(statusOfPod(unready).containerStatuses[0].restartCount).toBe(0);
    // Recovery: the next passing tick makes it Ready again.
    const recovered = { ...unready, metadata: ready.metadata };
    const back = selectStage(recovered, 'realistic', () => 0, undefined, { elapsed: () => 61 })!;
    expect(back).toMatchObject({ stage: { name: 'readiness-probe-passed' }, delayMs: 9000 });
    const after = { ...recovered, status: applyStage(back.stage, recovered, env).status };
    expect(condition(after, 'Ready')).toBe('True');
  });

  it('the liveness-exec example: cat /tmp/healthy fails once the script removes the file', () => {
    const p = pod({
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
    });
    (p.spec as { containers: Record<string, unknown>[] }).containers[0].args = [
      '/bin/sh',
      '-c',
      'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600',
    ];
    const started = run(p, 2).pod;
    const next = selectStage(started, 'realistic', () => 0, undefined, { elapsed: () => 0 })!;
    expect(next).toMatchObject({ stage: { name: 'liveness-probe-failed' }, delayMs: 40_000 });
    const effect = applyStage(next.stage, started, { ...env, elapsed: () => 40 });
    expect(effect.events[0].message).toBe(
      "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory",
    );
  });

  it('probes that pass change nothing: a plain httpGet liveness probe rests Running/Ready', () => {
    expect(run(pod({ livenessProbe: { httpGet: { path: '/', port: 80 } } }), 4).stages).toEqual([
      'pod-create',
      'containers-started',
    ]);
  });
});

describe('memory over the limit', () => {
  it.each([
    ['mysql:8 under a 256Mi limit', { image: 'mysql:8', resources: { limits: { memory: '256Mi' } } }, true],
    ['mysql:8 under a 1Gi limit', { image: 'mysql:8', resources: { limits: { memory: '1Gi' } } }, false],
    [
      'an annotated 600Mi container under 512Mi',
      { annotations: { 'sphere.io/memory-usage': '600Mi' }, resources: { limits: { memory: '512Mi' } } },
      true,
    ],
    ['nginx with a small limit', { resources: { limits: { memory: '32Mi' } } }, false],
  ])('%s', (_name, opts, oom) => {
    const r = run(pod(opts), 3);
    expect(r.stages.includes('container-memory-exceeded')).toBe(oom);
    if (oom) {
      const cs = statusOfPod(r.pod).containerStatuses[0];
      expect(cs).toMatchObject({
        restartCount: 1,
        lastState: { terminated: { exitCode: 137, reason: 'OOMKilled' } },
        state: { waiting: { reason: 'CrashLoopBackOff' } },
      });
    }
  });

  it('is killed when its memory has grown to the limit', () => {
    const started = run(pod({ image: 'mysql:5.7', resources: { limits: { memory: '200Mi' } } }), 2).pod;
    // 20 s to grow to 400Mi: 200Mi is reached after 10 s.
    expect(selectStage(started, 'realistic', () => 0)?.delayMs).toBe(10_000);
  });
});
