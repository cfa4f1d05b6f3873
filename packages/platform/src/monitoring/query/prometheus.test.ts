import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseParams } from '../api/params';
import { respond } from '../api/respond';
import { inventoryEnricher } from '../inventory';
import { FakeCluster } from '../testing/fake-cluster';
import { BASE_SERIES } from './catalog';
import { Evaluation, type Scope } from './engine';
import { BASE_PROMQL, PrometheusSource, promqlFor } from './prometheus';

const fixture = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, '../fixtures/prometheus.json'), 'utf8'),
) as Record<string, unknown>;

function fakePrometheus() {
  const calls: URL[] = [];
  const source = new PrometheusSource('http://prom:9090/', async (u) => {
    const url = new URL(u);
    calls.push(url);
    const body = fixture[url.searchParams.get('query') ?? ''];
    if (!body)
      return {
        status: 200,
        text: async () => JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [] } }),
      };
    return {
      status: (body as { status: string }).status === 'error' ? 400 : 200,
      text: async () => JSON.stringify(body),
    };
  });
  return { source, calls };
}

const cluster = new FakeCluster();
cluster.addNode('node-1');
cluster.addNamespace('demo', 'ws1');
cluster.scaleDeployment('demo', 'web', 2);

async function query(scope: Scope, qs: string) {
  const { source, calls } = fakePrometheus();
  const p = parseParams(new URLSearchParams(qs), 1764000120_000);
  const r = await respond(new Evaluation(source, p.grid, inventoryEnricher(cluster)), scope, p);
  return { r, calls };
}

describe('Prometheus adapter (source b)', () => {
  it('has PromQL for every base series', () => {
    expect(Object.keys(BASE_SERIES).filter((b) => !BASE_PROMQL[b])).toEqual([]);
  });

  it.each([
    [
      'pod_cpu_usage',
      { namespace: 'demo' },
      'sum by (namespace, pod, node) (rate(container_cpu_usage_seconds_total{container!="",container!="POD",namespace="demo"}[5m]))',
    ],
    ['node_present', { node: 'n"1' }, 'sum by (node) (kube_node_info{node="n\\"1"})'],
    ['node_present', {}, 'sum by (node) (kube_node_info{})'],
    [
      'node_cpu_usage',
      { namespace: 'x' },
      'sum by (node) (rate(container_cpu_usage_seconds_total{id="/"}[5m]))',
    ],
  ])('%s with %j pushes down only the labels it has', (base, eq, promql) => {
    expect(promqlFor(base, eq)).toBe(promql);
  });

  it('range query: cluster CPU and utilisation summed from per-node series, on the requested grid', async () => {
    const { r, calls } = await query(
      { level: 'cluster', eq: {} },
      'metrics_filter=^cluster_cpu_(usage|utilisation)$&start=1764000000&end=1764000120&step=1m',
    );
    expect(calls[0].pathname).toBe('/api/v1/query_range');
    expect(Object.fromEntries(calls[0].searchParams)).toMatchObject({
      start: '1764000000',
      end: '1764000120',
      step: '60',
    });
    const usage = r.results.find((x) => x.metric_name === 'cluster_cpu_usage')!;
    expect(usage.data.result).toEqual([
      {
        metric: {},
        values: [
          [1764000000, '2'],
          [1764000060, '0.75'],
          [1764000120, '2.25'],
        ],
      },
    ]);
    const util = r.results.find((x) => x.metric_name === 'cluster_cpu_utilisation')!;
    expect(util.data.result![0].values!.map((v) => v[1])).toEqual(['0.25', '0.09375', '0.28125']);
    // The two metrics share one fetch per base series.
    expect(calls.length).toBe(2);
  });

  it('instant query: workload usage from pod series, the owner from the inventory', async () => {
    const { r, calls } = await query(
      { level: 'workload', eq: { namespace: 'demo' } },
      'metrics_filter=^workload_(cpu_usage|deployment_replica)$&time=1764000120',
    );
    expect(
      calls.every((c) => c.pathname === '/api/v1/query' && c.searchParams.get('time') === '1764000120'),
    ).toBe(true);
    const cpu = r.results.find((x) => x.metric_name === 'workload_cpu_usage')!;
    // "lonely" has no owner and is no workload's.
    expect(cpu.data.result).toEqual([
      {
        metric: { namespace: 'demo', owner_kind: 'Deployment', workload: 'web' },
        value: [1764000120, '0.55'],
      },
    ]);
    const replicas = r.results.find((x) => x.metric_name === 'workload_deployment_replica')!;
    expect(replicas.data.result![0]).toEqual({
      metric: { namespace: 'demo', owner_kind: 'Deployment', workload: 'web' },
      value: [1764000120, '2'],
    });
  });

  it('reports a Prometheus error on the metric, not as a failed request', async () => {
    const { r } = await query(
      { level: 'namespace', eq: { namespace: 'bad"ns' } },
      'metrics_filter=^namespace_pod_count$',
    );
    expect(r.results[0].data).toEqual({ resultType: 'vector' });
    expect(r.results[0].error).toMatch(/parse error/);
  });
});
