/**
 * startMonitoring against the in-memory fake API server through a real kubeconfig: the watch-cache
 * inventory lists nodes, namespaces and pods over HTTP, a scrape tick stores the object-derived series
 * (kubelet paths are absent on the fake, which the scraper tolerates), and the routes answer from them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { startFakeApiServer, type FakeApiServer } from '../../test/fake-apiserver';
import type { RequestContext } from '../router';
import { startMonitoring, type RunningMonitoring } from './index';

const pod = (ns: string, name: string, node: string, phase: string): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: ns },
    spec: { nodeName: node, containers: [{ name: 'c', image: 'x' }] },
    status: { phase },
  }) as KubeObject;

describe('startMonitoring with a kubeconfig (fake API server)', () => {
  let dir: string;
  let fake: FakeApiServer;
  let mon: RunningMonitoring;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sphere-mon-'));
    fake = await startFakeApiServer(dir);
    fake.seed('/api/v1/nodes', [
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'n1' },
        status: {
          allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
          conditions: [{ type: 'Ready', status: 'True' }],
        },
      } as KubeObject,
    ]);
    fake.seed('/api/v1/namespaces', [
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'shop', labels: { 'kubesphere.io/workspace': 'retail' } },
      },
    ]);
    fake.seed('/api/v1/namespaces/shop/pods', [
      pod('shop', 'a', 'n1', 'Running'),
      pod('shop', 'b', 'n1', 'Running'),
      pod('shop', 'c', 'n1', 'Failed'),
    ]);
    mon = await startMonitoring({
      kube: fake.kubeconfigPath,
      dataDir: dir,
      log: (l) => logs.push(l),
      intervalMs: 3_600_000,
    });
    await mon.ready;
  });
  afterAll(async () => {
    await mon?.stop();
    await fake?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function get(pattern: string, params: Record<string, string>, qs: string) {
    const route = mon.routes.find((r) => r.pattern.endsWith(pattern) && r.method === 'GET')!;
    const url = new URL(`http://x${route.pattern}?${qs}`);
    // The routes write their JSON text to the response themselves.
    let body = '';
    const res = { writeHead: () => res, end: (b: Buffer) => (body = b.toString('utf8')) };
    await route.handler({ url, params, res } as unknown as RequestContext);
    return JSON.parse(body) as {
      results: {
        metric_name: string;
        data: { result?: { metric: Record<string, string>; value: [number, string] }[] };
      }[];
    };
  }

  it('stores object counts and answers them per namespace, workspace and node', async () => {
    await mon.scraper!.tick();
    const ns = await get(
      '/namespaces/:namespace',
      { namespace: 'shop' },
      'metrics_filter=namespace_pod_(count|running_count|abnormal_count)$',
    );
    expect(ns.results.map((r) => [r.metric_name, r.data.result?.[0].value[1]])).toEqual([
      ['namespace_pod_count', '3'],
      ['namespace_pod_running_count', '2'],
      ['namespace_pod_abnormal_count', '1'],
    ]);
    const ws = await get(
      '/workspaces/:workspace',
      { workspace: 'retail' },
      'metrics_filter=^workspace_pod_count$',
    );
    expect(ws.results[0].data.result).toEqual([
      { metric: { workspace: 'retail' }, value: expect.any(Array) },
    ]);
    expect(ws.results[0].data.result![0].value[1]).toBe('3');
    const node = await get(
      '/nodes/:node',
      { node: 'n1' },
      'metrics_filter=^node_(cpu_total|pod_utilisation)$',
    );
    expect(node.results.map((r) => r.data.result?.[0].value[1])).toEqual(['4', '0.0272727272727']); // 12 significant digits
    expect(logs.some((l) => l.includes('/api/v1/nodes/n1/proxy/metrics/cadvisor'))).toBe(true);
  });

  it('keeps the data across a restart of the TSDB', async () => {
    const before = mon.tsdb!.stats().series;
    mon.tsdb!.checkpoint();
    expect(fs.existsSync(path.join(dir, 'monitoring', 'tsdb', 'head.ckpt'))).toBe(true);
    expect(before).toBeGreaterThan(10);
  });
});
