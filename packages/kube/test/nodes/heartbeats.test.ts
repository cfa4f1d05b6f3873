/**
 * Realistic heartbeat and node lifecycle timings on an injected FakeClock: Leases renew every ~10s, a
 * node whose kubelet stops goes Unknown once its Lease is 40s old and then carries unreachable taints.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../src/controllers/runtime/clock';
import { createInProcessClient, resources, type KubeClient } from '../../src/client/in-process';
import { startTestCluster, type TestCluster } from '../harness';

const clock = new FakeClock('2026-03-01T00:00:00Z');
let t: TestCluster;
let client: KubeClient;

/** Moves the fake clock in 1s steps, letting the writes each step triggers complete. */
async function advance(seconds: number): Promise<void> {
  for (let i = 0; i < seconds; i++) {
    clock.advance(1000);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const renewTime = async (node: string) =>
  new Date(
    ((await client.get(resources.leases, 'kube-node-lease', node)).spec as { renewTime: string }).renewTime,
  );

const ready = async (node: string) =>
  (
    (await client.get(resources.nodes, undefined, node)).status as {
      conditions: { type: string; status: string; reason: string }[];
    }
  ).conditions.find((c) => c.type === 'Ready');

beforeAll(async () => {
  t = await startTestCluster({ clock, simulation: 'realistic', nodes: 2 });
  client = createInProcessClient(t.cluster.pipeline, t.cluster.systemContext('test'));
  await advance(1);
}, 30_000);

afterAll(async () => {
  await t?.stop();
});

describe('heartbeats on a fake clock', () => {
  it('renews each Lease about every 10 seconds', async () => {
    const first = await renewTime('node-1');
    await advance(13);
    const second = await renewTime('node-1');
    const gap = (second.getTime() - first.getTime()) / 1000;
    expect(gap).toBeGreaterThanOrEqual(10);
    expect(gap).toBeLessThanOrEqual(13);
  });

  it('marks a silent node Unknown after the 40s grace period, then taints it unreachable', async () => {
    t.cluster.nodeSimulation!.simulator.setKubeletRunning('node-2', false);
    await advance(30);
    expect((await ready('node-2'))?.status).toBe('True');
    await advance(20);
    expect(await ready('node-2')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' });
    await advance(6);
    const taints =
      (
        (await client.get(resources.nodes, undefined, 'node-2')).spec as {
          taints?: { key: string; effect: string }[];
        }
      ).taints ?? [];
    expect(taints.map((x) => `${x.key}:${x.effect}`).sort()).toEqual([
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/unreachable:NoSchedule',
    ]);
    expect((await ready('node-1'))?.status).toBe('True');
  });

  it('recovers when the kubelet comes back', async () => {
    t.cluster.nodeSimulation!.simulator.setKubeletRunning('node-2', true);
    await advance(6);
    expect((await ready('node-2'))?.status).toBe('True');
    await advance(6);
    const taints =
      ((await client.get(resources.nodes, undefined, 'node-2')).spec as { taints?: unknown[] }).taints ?? [];
    expect(taints).toEqual([]);
  });
});
