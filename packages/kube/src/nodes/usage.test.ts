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

describe('image profiles', () => {
  it('mysql needs ~400Mi whatever its request; an annotation declares usage for any image', () => {
    const mysql: KubeObject = {
      ...pod('db', { requests: { memory: '64Mi' } }),
      spec: { nodeName: 'node-1', containers: [{ name: 'db', image: 'mysql:8', resources: {} }] },
    };
    const m = containerUsage(mysql, { name: 'db', image: 'mysql:8' }, clock.now()).memory;
    expect(m / 1024 ** 2).toBeGreaterThan(360);
    expect(m / 1024 ** 2).toBeLessThan(440);
    const annotated = {
      ...pod('x'),
      metadata: { ...pod('x').metadata, annotations: { 'sphere.io/cpu-usage': '1500m' } },
    };
    expect(containerUsage(annotated, { name: 'main' }, clock.now()).cpu).toBeGreaterThan(1);
  });
});

describe('load through a Service and the kubelet series', () => {
  const ready = {
    phase: 'Running',
    startTime: '2026-01-01T00:00:00Z',
    conditions: [{ type: 'Ready', status: 'True' }],
  };
  const backend = (name: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'demo', uid: `uid-${name}`, labels: { app: 'hpa-example' } },
    spec: {
      nodeName: 'node-1',
      containers: [
        {
          name: 'php',
          image: 'mirrorgooglecontainers/hpa-example',
          resources: { requests: { cpu: '200m' }, limits: { cpu: '500m' } },
        },
      ],
    },
    status: ready,
  });
  const generator: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'load-generator', namespace: 'demo', uid: 'uid-gen' },
    spec: {
      nodeName: 'node-1',
      containers: [
        {
          name: 'load',
          image: 'busybox',
          command: ['sh', '-c', 'while true; do wget -q -O- http://hpa-example.demo.svc.cluster.local; done'],
        },
      ],
    },
    status: ready,
  };
  const service: KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'hpa-example', namespace: 'demo' },
    spec: { selector: { app: 'hpa-example' } },
  };

  function setup(list: KubeObject[]) {
    const c = new FakeClock('2026-01-01T00:10:00Z');
    const state = { pods: list };
    const m = new UsageModel({
      clock: c,
      pods: { list: (ns) => state.pods.filter((p) => !ns || p.metadata.namespace === ns) },
      nodes: { list: () => [node] },
      services: { list: (ns) => [service].filter((s) => !ns || s.metadata.namespace === ns) },
    });
    return { c, state, m };
  }
  const cpuOf = (m: UsageModel, p: KubeObject) => m.podUsage(p)[0].usage.cpu;
  const series = (text: string, name: string, pod: string) =>
    Number(new RegExp(`^${name}\\{[^}]*pod="${pod}"[^}]*\\} (\\S+)`, 'm').exec(text)?.[1]);

  it('raises the CPU of the ready pods behind the Service while a generator loops, and drops it after', () => {
    const a = backend('web-a');
    const b = backend('web-b');
    const { c, state, m } = setup([a, b]);
    expect(cpuOf(m, a)).toBeLessThan(0.01); // hpa-example idles at ~1m
    state.pods = [a, b, generator];
    expect(cpuOf(m, a)).toBeCloseTo(0.35 + 0.001, 2); // 0.7 cores over two pods
    const before = m.prometheusMetrics('node-1', 'cadvisor');
    c.advance(60_000);
    const after = m.prometheusMetrics('node-1', 'cadvisor');
    const dCpu =
      series(after, 'container_cpu_usage_seconds_total', 'web-a') -
      series(before, 'container_cpu_usage_seconds_total', 'web-a');
    expect(dCpu / 60).toBeGreaterThan(0.3);
    const dRx =
      series(after, 'container_network_receive_bytes_total', 'web-a') -
      series(before, 'container_network_receive_bytes_total', 'web-a');
    expect(dRx / 60).toBeGreaterThan(100 * 160 * 0.9); // half the generator's 200 req/s
    state.pods = [a, b];
    expect(cpuOf(m, a)).toBeLessThan(0.01);
    c.advance(60_000);
    const later = m.prometheusMetrics('node-1', 'cadvisor');
    // Counters keep growing, slowly again.
    const dIdle =
      series(later, 'container_cpu_usage_seconds_total', 'web-a') -
      series(after, 'container_cpu_usage_seconds_total', 'web-a');
    expect(dIdle).toBeGreaterThanOrEqual(0);
    expect(dIdle / 60).toBeLessThan(0.01);
  });

  it('caps the load at the CPU limit', () => {
    const a = backend('web-a');
    const { m } = setup([a, generator]);
    expect(cpuOf(m, a)).toBeCloseTo(0.5, 5);
  });

  it('serves network, filesystem and node series with cAdvisor names and labels', () => {
    const { m } = setup([backend('web-a'), generator]);
    const text = m.prometheusMetrics('node-1', 'cadvisor');
    expect(text).toMatch(
      /^container_network_receive_bytes_total\{container="",interface="eth0",namespace="demo",node="node-1",pod="web-a"\} \d+ \d+$/m,
    );
    expect(text).toMatch(
      /^container_network_transmit_bytes_total\{container="",interface="eth0",namespace="demo",node="node-1",pod="load-generator"\} \d+ \d+$/m,
    );
    expect(text).toMatch(
      /^container_fs_usage_bytes\{container="php",device="\/dev\/sda1",namespace="demo",node="node-1",pod="web-a"\} \d+ \d+$/m,
    );
    expect(text).toMatch(
      /^container_fs_reads_bytes_total\{container="load",device="\/dev\/sda1",[^}]*\} \d+ \d+$/m,
    );
    expect(text).toMatch(
      /^container_fs_writes_bytes_total\{container="php",device="\/dev\/sda1",[^}]*\} \d+ \d+$/m,
    );
    for (const name of ['network_receive_bytes_total', 'network_transmit_bytes_total'])
      expect(text).toMatch(
        new RegExp(
          `^container_${name}\\{container="",id="/",interface="eth0",namespace="",node="node-1",pod=""\\} \\d+ \\d+$`,
          'm',
        ),
      );
    for (const name of ['fs_usage_bytes', 'fs_limit_bytes', 'fs_reads_bytes_total', 'fs_writes_bytes_total'])
      expect(text).toMatch(
        new RegExp(
          `^container_${name}\\{container="",device="/dev/sda1",id="/",namespace="",node="node-1",pod=""\\} \\d+ \\d+$`,
          'm',
        ),
      );
    expect(text).not.toContain('node_cpu_usage_seconds_total{');
    const resource = m.prometheusMetrics('node-1', 'resource');
    expect(resource).toContain('node_cpu_usage_seconds_total{node="node-1"}');
    expect(resource).not.toContain('container_network');
  });
});
