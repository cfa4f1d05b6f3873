import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';
import { workloadControllers } from '../../src/controllers/workloads';
import { eventually, startFakeKubelet, type FakeKubelet } from './fake-kubelet';

const node = (name: string, extra = '') => `apiVersion: v1
kind: Node
metadata:
  name: ${name}
  labels: {kubernetes.io/hostname: ${name}}
${extra}`;

const daemonSet = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: agent:1
`;

interface PodView {
  metadata: { name: string; labels: Record<string, string> };
  spec: {
    nodeName?: string;
    containers: { image: string }[];
    affinity: unknown;
    tolerations: { key: string }[];
  };
}

describe('DaemonSet through kubectl', () => {
  let t: TestCluster;
  let kubelet: FakeKubelet;
  const pods = async (): Promise<PodView[]> =>
    JSON.parse(await t.k(['get', 'pods', '-l', 'app=agent', '-o', 'json'])).items;

  beforeAll(async () => {
    t = await startTestCluster({ controllers: workloadControllers, nodes: 0 });
    kubelet = startFakeKubelet(t.cluster);
    await t.k(['apply', '-f', '-'], {
      input: [
        node('node-a'),
        node('node-b', 'spec:\n  taints:\n  - {key: node.kubernetes.io/unschedulable, effect: NoSchedule}\n'),
        node('node-c', 'spec:\n  taints:\n  - {key: dedicated, value: db, effect: NoSchedule}\n'),
      ].join('---\n'),
    });
  });
  afterAll(async () => {
    kubelet.stop();
    await t.stop();
  });

  it('runs one pod per eligible node, pinned through node affinity', async () => {
    await t.k(['apply', '-f', '-'], { input: daemonSet });
    const out = await t.k(['rollout', 'status', 'ds/agent', '--timeout=20s']);
    expect(out).toContain('daemon set "agent" successfully rolled out');
    const list = await pods();
    // node-c's taint is not tolerated; node-b's unschedulable taint is tolerated by default.
    expect(list.map((p) => p.spec.nodeName).sort()).toEqual(['node-a', 'node-b']);
    const onA = list.find((p) => p.spec.nodeName === 'node-a')!;
    expect(onA.spec.affinity).toEqual({
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node-a'] }] },
          ],
        },
      },
    });
    expect(onA.spec.tolerations.map((x) => x.key)).toContain('node.kubernetes.io/not-ready');
    expect(onA.metadata.labels['pod-template-generation']).toBe('1');
    expect(onA.metadata.labels['controller-revision-hash']).toMatch(/^[a-z0-9]+$/);
    const ds = JSON.parse(await t.k(['get', 'ds', 'agent', '-o', 'json']));
    expect(ds.status).toMatchObject({
      desiredNumberScheduled: 2,
      currentNumberScheduled: 2,
      numberReady: 2,
      updatedNumberScheduled: 2,
      numberAvailable: 2,
      numberMisscheduled: 0,
      observedGeneration: 1,
    });
  });

  it('follows node changes', async () => {
    await t.k(['taint', 'node', 'node-c', 'dedicated-']);
    await eventually(async () => (await pods()).some((p) => p.spec.nodeName === 'node-c'));
  });

  it('rolls out a new template and undoes it', async () => {
    await t.k(['set', 'image', 'ds/agent', 'agent=agent:2']);
    await t.k(['rollout', 'status', 'ds/agent', '--timeout=20s']);
    await eventually(
      async () =>
        (await pods()).every((p) => p.spec.containers[0].image === 'agent:2') && (await pods()).length === 3,
    );
    const history = await t.k(['rollout', 'history', 'ds/agent']);
    expect(history).toMatch(/1\s+<none>/);
    expect(history).toMatch(/2\s+<none>/);
    await t.k(['rollout', 'undo', 'ds/agent']);
    await t.k(['rollout', 'status', 'ds/agent', '--timeout=20s']);
    await eventually(
      async () =>
        (await pods()).every((p) => p.spec.containers[0].image === 'agent:1') && (await pods()).length === 3,
    );
  });
});
