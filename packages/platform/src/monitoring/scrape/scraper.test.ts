import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseParams } from '../api/params';
import { respond } from '../api/respond';
import { inventoryEnricher } from '../inventory';
import { parsePromText } from '../promtext';
import { Evaluation, type Scope } from '../query/engine';
import { LocalSource } from '../query/local';
import { FakeCluster } from '../testing/fake-cluster';
import { Tsdb } from '../tsdb/db';
import { deriveNodeSamples, type CounterState } from './derive';
import { Scraper } from './scraper';

const T0 = Date.UTC(2026, 0, 1, 12);

function setup() {
  let now = T0;
  const cluster = new FakeCluster();
  cluster.addNode('node-1');
  cluster.addNode('node-2');
  cluster.addNamespace('demo', 'ws1');
  cluster.addNamespace('other', 'ws2');
  cluster.scaleDeployment('demo', 'web', 2);
  cluster.addPod({ namespace: 'other', name: 'solo', node: 'node-2', cpu: 1, memory: 2 ** 30, rx: 0, tx: 0 });
  const tsdb = new Tsdb({ now: () => now });
  const scraper = new Scraper({ inventory: cluster, tsdb, now: () => now, get: (p) => cluster.get(p) });
  const source = new LocalSource(tsdb);
  /** Runs `n` scrapes 10 s apart. */
  const run = async (n: number) => {
    for (let i = 0; i < n; i++) {
      now += 10_000;
      cluster.advance(now);
      await scraper.tick(now);
    }
  };
  const query = async (scope: Scope, qs: string) => {
    const p = parseParams(new URLSearchParams(qs), now);
    return respond(new Evaluation(source, p.grid, inventoryEnricher(cluster)), scope, p);
  };
  const instant = async (scope: Scope, metric: string) => {
    const r = await query(scope, `metrics_filter=^${metric}$`);
    return (r.results[0].data.result ?? []).map((x) => [x.metric, Number(x.value![1])]);
  };
  return { cluster, tsdb, run, query, instant, now: () => now };
}

describe('derive from kubelet metrics', () => {
  it('turns the cadvisor fixture into container, pod and node series', () => {
    const text = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/cadvisor.txt'), 'utf8');
    const later = text
      .replace(/ 120\.25 /, ' 122.25 ')
      .replace(/ 5\.25 /, ' 5.75 ')
      .replace(/1764000000000/g, '1764000010000');
    const resource = parsePromText(
      fs.readFileSync(path.join(import.meta.dirname, '../fixtures/resource.txt'), 'utf8'),
    );
    const state: CounterState = new Map();
    const info = () => ({ owner_kind: 'Deployment', workload: 'web' });
    deriveNodeSamples('n1', parsePromText(text).samples, resource.samples, state, 1764000000000, info);
    const out = deriveNodeSamples('n1', parsePromText(later).samples, [], state, 1764000010000, info);
    const find = (name: string, pod = 'web-5d9c-abcde') =>
      out.find((s) => s.labels.__name__ === name && (s.labels.pod ?? pod) === pod);
    expect(find('container_cpu_usage')?.value).toBeCloseTo(0.2, 6); // 2 s in 10 s
    expect(find('pod_cpu_usage')?.value).toBeCloseTo(0.25, 6); // + sidecar 0.05
    expect(find('pod_cpu_usage')?.labels).toMatchObject({ namespace: 'demo', node: 'n1', workload: 'web' });
    expect(find('pod_memory_usage_wo_cache')?.value).toBe(33554432 + 4194304);
    expect(find('pod_memory_usage', 'mysql-0')?.value).toBe(805306368);
    expect(find('pod_net_bytes_received')?.value).toBe(0); // counters did not move
    expect(find('node_disk_size_usage')?.value).toBe(5368709120); // the node cgroup (id="/")
    // No resource endpoint in the second scrape: the node's usage falls back to its pods' sum.
    expect(find('node_cpu_usage')?.value).toBeCloseTo(0.25, 6);
  });

  it('derives pod and node network and disk rates from the cAdvisor counters', () => {
    const text = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/cadvisor.txt'), 'utf8');
    // 10 s later every counter moved: pods' network, containers' and the node's disk, the node's network.
    const later = text
      .replace(/1764000000000/g, '1764000010000')
      .replace(/(namespace="demo",pod="web-5d9c-abcde"\} )1000000/, '$11500000')
      .replace(/(namespace="data",pod="mysql-0"\} )7000000/, '$17100000')
      .replace(
        /(container="nginx",device="\/dev\/sda1",namespace="demo",pod="web-5d9c-abcde"\} )4096000/,
        '$14505600',
      )
      .replace(/(id="\/",namespace="",pod=""\} )20480000/, '$121504000')
      .replace(/(id="\/",namespace="",pod=""\} )10240000/, '$110342400')
      .replace(/(id="\/",interface="eth0",namespace="",pod=""\} )9000000/, '$19050000')
      .replace(/(id="\/",interface="eth0",namespace="",pod=""\} )12000000/, '$112100000');
    const state: CounterState = new Map();
    const info = () => ({});
    const at = (t: string, ms: number) =>
      deriveNodeSamples('n1', parsePromText(t).samples, [], state, ms, info);
    at(text, 1764000000000);
    const out = at(later, 1764000010000);
    const value = (name: string, pod?: string) =>
      out.find((s) => s.labels.__name__ === name && s.labels.pod === pod)?.value;
    expect(value('pod_net_bytes_received', 'web-5d9c-abcde')).toBe(50_000);
    expect(value('pod_net_bytes_transmitted', 'mysql-0')).toBe(10_000);
    expect(value('node_net_bytes_received')).toBe(5_000); // the node cgroup, not the pods' sum
    expect(value('node_net_bytes_transmitted')).toBe(10_000);
    expect(value('node_disk_read_throughput')).toBe(102_400);
    expect(value('node_disk_write_throughput')).toBe(10_240);
    expect(value('node_disk_size_usage')).toBe(5368709120);
    // Without node cgroup series, the node's figures are its containers' sums.
    const noRoot = (t: string) => t.replace(/^.*id="\/".*$/gm, '');
    const state2: CounterState = new Map();
    deriveNodeSamples('n1', parsePromText(noRoot(text)).samples, [], state2, 1764000000000, info);
    const out2 = deriveNodeSamples(
      'n1',
      parsePromText(noRoot(later)).samples,
      [],
      state2,
      1764000010000,
      info,
    );
    const value2 = (name: string) => out2.find((s) => s.labels.__name__ === name)?.value;
    expect(value2('node_net_bytes_received')).toBe(50_000);
    expect(value2('node_net_bytes_transmitted')).toBe(10_000);
    expect(value2('node_disk_read_throughput')).toBe(40_960);
    expect(value2('node_disk_size_usage')).toBe(10485760 + 1073741824);
  });
});

describe('scraper → TSDB → metrics', () => {
  it('cluster CPU follows a Deployment scaled up', async () => {
    const env = setup();
    await env.run(6);
    const cpu = async () => (await env.instant({ level: 'cluster', eq: {} }, 'cluster_cpu_usage'))[0][1];
    expect(await cpu()).toBeCloseTo(1.5, 6); // 2 × 0.25 + 1
    env.cluster.scaleDeployment('demo', 'web', 6);
    await env.run(3);
    expect(await cpu()).toBeCloseTo(2.5, 6); // + 4 × 0.25
    expect((await env.instant({ level: 'cluster', eq: {} }, 'cluster_cpu_utilisation'))[0][1]).toBeCloseTo(
      2.5 / 8,
      6,
    );
    expect((await env.instant({ level: 'cluster', eq: {} }, 'cluster_pod_count'))[0][1]).toBe(7);
    expect(
      await env.instant({ level: 'namespace', eq: { namespace: 'demo' } }, 'namespace_cpu_usage'),
    ).toEqual([[{ namespace: 'demo' }, 1.5]]);
    expect(await env.instant({ level: 'workspace', eq: {} }, 'workspace_cpu_usage')).toEqual([
      [{ workspace: 'ws1' }, 1.5],
      [{ workspace: 'ws2' }, 1],
    ]);
    expect(await env.instant({ level: 'workload', eq: { namespace: 'demo' } }, 'workload_cpu_usage')).toEqual(
      [[{ namespace: 'demo', owner_kind: 'Deployment', workload: 'web' }, 1.5]],
    );
    expect(
      await env.instant({ level: 'workload', eq: { namespace: 'demo' } }, 'workload_deployment_replica'),
    ).toEqual([[{ namespace: 'demo', owner_kind: 'Deployment', workload: 'web' }, 6]]);
    const nodes = await env.instant({ level: 'node', eq: {} }, 'node_cpu_usage');
    expect(nodes.map(([, v]) => v)).toEqual([0.75, 1.75]); // node-1: 3 web pods, node-2: 3 web + solo
  });

  it.each([
    // [range seconds, step, expected points, step seconds]
    [300, '60s', 6, 60],
    [300, '30s', 11, 30],
    [290, '1m', 5, 60],
    [0, '10s', 1, 10],
  ])('a %is range at step %s has %i points', async (seconds, step, points, stepSeconds) => {
    const env = setup();
    await env.run(40);
    const end = env.now() / 1000;
    const r = await env.query(
      { level: 'cluster', eq: {} },
      `metrics_filter=cluster_cpu_usage$&start=${end - seconds}&end=${end}&step=${step}`,
    );
    expect(r.results[0].data.resultType).toBe('matrix');
    const values = r.results[0].data.result![0].values!;
    expect(values.length).toBe(points);
    expect(values[values.length - 1][0]).toBe(end - seconds + (points - 1) * stepSeconds);
    expect(values.every(([, v]) => v === '1.5')).toBe(true);
  });

  it('ranks pods by CPU and pages them', async () => {
    const env = setup();
    env.cluster.scaleDeployment('demo', 'web', 4, { cpu: 0.1 });
    env.cluster.addPod({ namespace: 'demo', name: 'big', node: 'node-1', cpu: 2, memory: 1, rx: 0, tx: 0 });
    await env.run(3);
    const r = await env.query(
      { level: 'pod', eq: { namespace: 'demo' } },
      'metrics_filter=pod_cpu_usage$|pod_memory_usage_wo_cache$&sort_metric=pod_cpu_usage&sort_type=desc&page=1&limit=3',
    );
    expect(r.total_item).toBe(5);
    expect(r.total_page).toBe(2);
    const cpu = r.results.find((x) => x.metric_name === 'pod_cpu_usage')!.data.result!;
    expect(cpu.map((x) => x.metric.pod)[0]).toBe('big');
    expect(cpu.length).toBe(3);
    const mem = r.results.find((x) => x.metric_name === 'pod_memory_usage_wo_cache')!.data.result!;
    expect(mem.map((x) => x.metric.pod)).toEqual(cpu.map((x) => x.metric.pod));
  });

  it('answers "no data" with resultType only, and survives a node whose kubelet is down', async () => {
    const env = setup();
    env.cluster.down.add('node-2');
    await env.run(3);
    const r = await env.query({ level: 'node', eq: {} }, 'metrics_filter=node_load1$|node_cpu_usage$');
    const load = r.results.find((x) => x.metric_name === 'node_load1')!;
    expect(load.data).toEqual({ resultType: 'vector' });
    const cpu = r.results.find((x) => x.metric_name === 'node_cpu_usage')!;
    expect(cpu.data.result!.map((x) => x.metric.node)).toEqual(['node-1']);
  });
});
