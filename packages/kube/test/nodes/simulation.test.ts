/**
 * The scheduler and simulated nodes through the real kubectl: pods run with IPs on nodes, logs, exec over
 * WebSocket, cordon/drain, image pull back-off, unschedulable pods, Job pods completing, nodes going away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';

let t: TestCluster;

async function eventually(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const podsJson = async (selector: string) =>
  JSON.parse(await t.k(['get', 'pods', '-l', selector, '-o', 'json'])).items as {
    metadata: { name: string; deletionTimestamp?: string };
    spec: { nodeName?: string };
    status: { phase: string; podIP?: string; conditions?: { type: string; status: string }[] };
  }[];

const allReady = async (selector: string, n: number) => {
  const pods = (await podsJson(selector)).filter((p) => !p.metadata.deletionTimestamp);
  return (
    pods.length === n &&
    pods.every((p) => p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))
  );
};

beforeAll(async () => {
  t = await startTestCluster({ simulation: 'fast', nodes: 3 });
  await t.k(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3']);
  await eventually(() => allReady('app=web', 3));
}, 30_000);

afterAll(async () => {
  await t?.stop();
});

describe('simulated nodes', () => {
  it('lists three Ready nodes with roles, versions and internal IPs', async () => {
    const out = await t.k(['get', 'nodes', '-o', 'wide']);
    expect(out).toMatch(/node-1\s+Ready\s+control-plane\s+\S+\s+v1\.32\.4-sphere\s+10\.0\.0\.1/);
    expect(out).toMatch(/node-3\s+Ready\s+<none>/);
  });

  it('runs deployment pods spread over the nodes, with pod IPs from each node range', async () => {
    const out = await t.k(['get', 'pods', '-l', 'app=web', '-o', 'wide']);
    const rows = out.trim().split('\n').slice(1);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/1\/1\s+Running\s+0\s+\S+\s+10\.244\.(\d+)\.\d+\s+node-\d/);
    const nodes = new Set(rows.map((r) => /node-\d/.exec(r)?.[0]));
    expect(nodes.size).toBe(3);
  });

  it('serves logs (tail, timestamps) and rejects an unknown container', async () => {
    const [pod] = await podsJson('app=web');
    const logs = await t.k(['logs', pod.metadata.name]);
    expect(logs).toContain('Configuration complete; ready for start up');
    const tail = await t.k(['logs', pod.metadata.name, '--tail=1', '--timestamps']);
    expect(tail.trim().split('\n')).toHaveLength(1);
    expect(tail).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z /);
    const bad = await t.kubectl(['logs', pod.metadata.name, '-c', 'nope']);
    expect(bad.stderr).toContain(`container nope is not valid for pod ${pod.metadata.name}`);
  });

  it('execs over WebSocket: echo, env from a ConfigMap, mounted keys, exit codes', async () => {
    await t.k([
      'create',
      'configmap',
      'app-config',
      '--from-literal=MODE=prod',
      '--from-literal=level=debug',
    ]);
    await t.k(['apply', '-f', '-'], {
      input: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'shell', labels: { app: 'shell' } },
        spec: {
          containers: [
            {
              name: 'main',
              image: 'busybox',
              env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'MODE' } } }],
              volumeMounts: [{ name: 'cfg', mountPath: '/etc/app' }],
            },
          ],
          volumes: [{ name: 'cfg', configMap: { name: 'app-config' } }],
        },
      }),
    });
    await eventually(() => allReady('app=shell', 1));
    expect(await t.k(['exec', 'shell', '--', 'echo', 'hi'])).toBe('hi\n');
    expect(await t.k(['exec', 'shell', '--', 'printenv', 'MODE'])).toBe('prod\n');
    expect(await t.k(['exec', 'shell', '--', 'cat', '/etc/app/level'])).toBe('debug');
    expect(await t.k(['exec', 'shell', '--', 'hostname'])).toBe('shell\n');
    const missing = await t.kubectl(['exec', 'shell', '--', 'frobnicate']);
    expect(missing.code).toBe(127);
    expect(missing.stderr).toContain('sh: frobnicate: not found');
    expect(missing.stderr).toContain('command terminated with exit code 127');
  });

  it('runs an interactive shell over stdin', async () => {
    const r = await t.kubectl(['exec', '-i', 'shell', '--', 'sh'], {
      input: 'echo hi\nprintenv MODE\nexit 3\n',
    });
    expect(r.stdout).toBe('hi\nprod\n');
    expect(r.code).toBe(3);
  });

  it('restarts a crashing container with back-off and serves the previous log', async () => {
    await t.k(['run', 'crasher', '--image=nginx', '--annotations=sphere.io/simulate=crash']);
    await eventually(async () => {
      const pod = JSON.parse(await t.k(['get', 'pod', 'crasher', '-o', 'json']));
      return (pod.status.containerStatuses?.[0]?.restartCount ?? 0) >= 2;
    });
    expect(await t.k(['get', 'pod', 'crasher'])).toMatch(
      /crasher\s+[01]\/1\s+(CrashLoopBackOff|Error|Running)\s+[2-9]/,
    );
    const previous = await t.k(['logs', 'crasher', '--previous']);
    expect(previous).toContain('nginx/1.27.3');
    const events = await t.k(['get', 'events', '--field-selector', 'involvedObject.name=crasher']);
    expect(events).toContain('Back-off restarting failed container crasher in pod crasher_default');
    await t.k(['delete', 'pod', 'crasher', '--wait=false']);
  });

  it('retries an unschedulable pod when a node starts to fit', async () => {
    await t.k([
      'run',
      'picky',
      '--image=nginx',
      '--overrides',
      JSON.stringify({ spec: { nodeSelector: { disk: 'ssd' } } }),
    ]);
    await eventually(async () =>
      (await t.k(['describe', 'pod', 'picky'])).includes(
        "3 node(s) didn't match Pod's node affinity/selector",
      ),
    );
    await t.k(['label', 'node', 'node-3', 'disk=ssd']);
    await eventually(async () => / Running /.test(await t.k(['get', 'pod', 'picky'])));
    expect(await t.k(['get', 'pod', 'picky', '-o', 'jsonpath={.spec.nodeName}'])).toBe('node-3');
    await t.k(['delete', 'pod', 'picky', '--wait=false']);
  });

  it('shows ImagePullBackOff for a missing image, and logs say the container waits', async () => {
    await t.k(['run', 'broken', '--image=nginx:doesnotexist']);
    // Fast back-off alternates ErrImagePull and ImagePullBackOff every 100 ms: check one listing.
    await eventually(async () =>
      /broken\s+0\/1\s+ImagePullBackOff\s+0/.test(await t.k(['get', 'pod', 'broken'])),
    );
    const logs = await t.kubectl(['logs', 'broken']);
    expect(logs.stderr).toContain(
      'container "broken" in pod "broken" is waiting to start: trying and failing to pull image',
    );
    const events = await t.k(['get', 'events', '--field-selector', 'involvedObject.name=broken']);
    expect(events).toContain('Error: ErrImagePull');
    expect(events).toContain('Back-off pulling image "nginx:doesnotexist"');
  });

  it('marks a pod that fits nowhere Unschedulable with the scheduler message', async () => {
    await t.k([
      'run',
      'huge',
      '--image=nginx',
      '--overrides',
      JSON.stringify({
        spec: { containers: [{ name: 'huge', image: 'nginx', resources: { requests: { cpu: '100' } } }] },
      }),
    ]);
    const message =
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.';
    await eventually(async () => (await t.k(['describe', 'pod', 'huge'])).includes('FailedScheduling'));
    const pod = JSON.parse(await t.k(['get', 'pod', 'huge', '-o', 'json']));
    expect(pod.status.conditions).toContainEqual(
      expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message }),
    );
    await t.k(['delete', 'pod', 'huge', '--wait=false']);
  });

  it('completes Job pods and prints pi for the documentation example', async () => {
    const job = JSON.parse(
      await t.k([
        'create',
        'job',
        'pi',
        '--image=perl:5.34.0',
        '-o',
        'json',
        '--',
        'perl',
        '-Mbignum=bpi',
        '-wle',
        'print bpi(2000)',
      ]),
    );
    // The Job controller makes the pod when it runs; without one, make it as the controller would.
    let name = '';
    await eventually(async () => {
      name = (await podsJson('job-name=pi'))[0]?.metadata.name ?? '';
      return name !== '';
    }, 1500).catch(async () => {
      name = 'pi-abcde';
      await t.k(['apply', '-f', '-'], {
        input: JSON.stringify({
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: {
            name,
            labels: { 'job-name': 'pi' },
            ownerReferences: [
              {
                apiVersion: 'batch/v1',
                kind: 'Job',
                name: 'pi',
                uid: job.metadata.uid,
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
          spec: {
            restartPolicy: 'Never',
            containers: [
              {
                name: 'pi',
                image: 'perl:5.34.0',
                command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'],
              },
            ],
          },
        }),
      });
    });
    await eventually(async () => / Completed /.test(await t.k(['get', 'pod', name])));
    const logs = await t.k(['logs', name]);
    expect(logs.startsWith('3.14159265358979323846')).toBe(true);
    expect(logs.trim()).toHaveLength(2001);
  });

  it('cordons and uncordons a node', async () => {
    await t.k(['cordon', 'node-3']);
    expect(await t.k(['get', 'node', 'node-3'])).toContain('Ready,SchedulingDisabled');
    await eventually(async () =>
      (await t.k(['get', 'node', 'node-3', '-o', 'jsonpath={.spec.taints[*].key}'])).includes(
        'node.kubernetes.io/unschedulable',
      ),
    );
    await t.k(['uncordon', 'node-3']);
    expect(await t.k(['get', 'node', 'node-3'])).not.toContain('SchedulingDisabled');
  });

  it('drains a node: its pods are evicted and replaced elsewhere', async () => {
    const r = await t.kubectl(['drain', 'node-2', '--ignore-daemonsets', '--force', '--timeout=20s'], {
      timeoutMs: 30_000,
    });
    expect(r.stdout).toContain('node/node-2 drained');
    await eventually(async () => (await podsJson('app=web')).every((p) => p.spec.nodeName !== 'node-2'));
    await eventually(() => allReady('app=web', 3));
    await t.k(['uncordon', 'node-2']);
  }, 40_000);

  it('a node whose kubelet stops goes Unknown, gets tainted, and its pods are evicted', async () => {
    const sim = t.cluster.nodeSimulation!.simulator;
    const victims = (await podsJson('app=web'))
      .filter((p) => p.spec.nodeName === 'node-1')
      .map((p) => p.metadata.name);
    sim.setKubeletRunning('node-1', false);
    await eventually(async () => / NotReady /.test(await t.k(['get', 'node', 'node-1'])));
    const node = JSON.parse(await t.k(['get', 'node', 'node-1', '-o', 'json']));
    expect(node.status.conditions.find((c: { type: string }) => c.type === 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    await eventually(async () => {
      const taints = JSON.parse(await t.k(['get', 'node', 'node-1', '-o', 'json'])).spec.taints ?? [];
      return taints.some(
        (x: { key: string; effect: string }) =>
          x.key === 'node.kubernetes.io/unreachable' && x.effect === 'NoExecute',
      );
    });
    // Default tolerations (300s, 3s in fast mode) expire: the pods are marked for deletion.
    await eventually(async () => {
      const pods = await podsJson('app=web');
      return victims.every(
        (v) =>
          pods.find((p) => p.metadata.name === v)?.metadata.deletionTimestamp !== undefined ||
          !pods.some((p) => p.metadata.name === v),
      );
    });
    sim.setKubeletRunning('node-1', true);
    await eventually(async () => / Ready /.test(await t.k(['get', 'node', 'node-1'])));
  }, 30_000);
});
