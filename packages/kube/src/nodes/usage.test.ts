import { describe, expect, it } from 'vitest';
import { parseQuantity, type KubeObject } from '@sphere/shared';
import { FakeClock } from '../controllers/runtime/clock';
import { containerUsage, UsageModel } from './usage';

const node: KubeObject = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'node-1', labels: { zone: 'a' }, creationTimestamp: '2026-01-01T00:00:00Z' },
};
const pod = (name: string, resources: Record<string, unknown> = {}, phase = 'Running'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: name } },
  spec: { nodeName: 'node-1', containers: [{ name: 'main', image: 'nginx', resources }] },
  status: { phase, startTime: '2026-01-01T00:00:00Z' },
});

const clock = new FakeClock('2026-01-01T01:00:00Z');
const pods = [
  pod('web', { requests: { cpu: '200m', memory: '128Mi' }, limits: { cpu: '300m', memory: '160Mi' } }),
  pod('idle'),
  pod('done', {}, 'Succeeded'),
];
const model = new UsageModel({
  clock,
  pods: { list: (ns) => pods.filter((p) => !ns || p.metadata.namespace === ns) },
  nodes: { list: () => [node] },
});

describe('usage model', () => {
  it('stays around requests and under limits, and is repeatable for one instant', () => {
    for (let i = 0; i < 50; i++) {
      const at = new Date(clock.now().getTime() + i * 37_000);
      const u = containerUsage(
        pods[0],
        {
          name: 'main',
          resources: { requests: { cpu: '200m', memory: '128Mi' }, limits: { cpu: '300m', memory: '160Mi' } },
        },
        at,
      );
      expect(u.cpu).toBeGreaterThan(0);
      expect(u.cpu).toBeLessThanOrEqual(0.3);
      expect(u.memory).toBeLessThanOrEqual(160 * 1024 * 1024);
      expect(u.memory).toBeGreaterThan(10 * 1024 * 1024);
    }
    expect(model.podUsage(pods[0])).toEqual(model.podUsage(pods[0]));
  });

  it('serves NodeMetrics and PodMetrics of running pods', () => {
    const nodes = { items: model.nodeMetrics() };
    expect(nodes.items).toHaveLength(1);
    const n = nodes.items[0] as unknown as { usage: { cpu: string; memory: string }; window: string };
    expect(n.usage.cpu).toMatch(/^\d+n$/);
    expect(n.usage.memory).toMatch(/^\d+Ki$/);
    expect(parseQuantity(n.usage.cpu)).toBeGreaterThan(0.1);
    const list = { items: model.podMetrics('default') };
    expect(list.items.every((i) => i.kind === 'PodMetrics')).toBe(true);
    expect(list.items.map((i) => i.metadata.name)).toEqual(['web', 'idle']);
    const one = model.podMetrics('default').find((p) => p.metadata.name === 'web') as unknown as {
      containers: { name: string }[];
    };
    expect(one.containers.map((c) => c.name)).toEqual(['main']);
    // Finished pods have no metrics. (Selectors are applied by the request pipeline: see the metrics
    // conformance test.)
    expect(model.podMetrics('default').some((p) => p.metadata.name === 'done')).toBe(false);
  });

  it('exposes kubelet/cAdvisor series in Prometheus text', () => {
    const text = model.prometheusMetrics();
    expect(text).toContain('# TYPE container_cpu_usage_seconds_total counter');
    expect(text).toMatch(/^node_cpu_usage_seconds_total\{node="node-1"\} [\d.]+ \d+$/m);
    expect(text).toMatch(
      /^container_memory_working_set_bytes\{container="main",namespace="default",node="node-1",pod="web"\} \d+ \d+$/m,
    );
    expect(text).not.toContain('pod="done"');
  });
});
