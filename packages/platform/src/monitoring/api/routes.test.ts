/**
 * The v1alpha3 routes mounted in the platform's real request pipeline (authentication, path-based
 * authorization, Status errors) against the in-memory fake cluster: members read their project's metrics,
 * others are refused, and the response has KubeSphere's shape.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  Api,
  IAM,
  TENANT,
  newUser,
  session,
  startEnv,
  type Env,
} from '../../../test/harness';
import { proxyRequest } from '../../proxy/proxy';
import { Router } from '../../router';
import { createHandler } from '../../server';
import { startMonitoring, type RunningMonitoring } from '../index';
import type { BaseFetch, GridSeries, MetricsSource } from '../query/types';
import { FakeCluster } from '../testing/fake-cluster';

const PW = 'Passw0rd!x';
const M = '/kapis/monitoring.kubesphere.io/v1alpha3';
const A = '/kapis/alerting.kubesphere.io/v2alpha1';

/** Every namespace-level base series is 3 in mon-a and 5 in mon-b; node series 1 per node. */
class ConstantSource implements MetricsSource {
  readonly name = 'constant';
  async fetch({ base, grid }: BaseFetch): Promise<GridSeries[]> {
    const v = (x: number) => new Float64Array(grid.count).fill(x);
    if (base.startsWith('namespace_'))
      return [
        { labels: { namespace: 'mon-a' }, values: v(3) },
        { labels: { namespace: 'mon-b' }, values: v(5) },
      ];
    if (base.startsWith('node_')) return [{ labels: { node: 'n1' }, values: v(1) }];
    return [];
  }
}

describe('monitoring routes in the platform pipeline (fake cluster)', () => {
  let env: Env;
  let mon: RunningMonitoring;
  let server: http.Server;
  let admin: Api;
  let alice: Api;
  const posted: unknown[] = [];

  beforeAll(async () => {
    env = await startEnv('fake');
    const p = env.platform.platform;
    const inventory = new FakeCluster();
    inventory.addNamespace('mon-a', 'mon-ws');
    inventory.addNamespace('mon-b', 'mon-ws');
    mon = await startMonitoring({
      kube: p.client,
      source: new ConstantSource(),
      inventory,
      log: () => {},
      post: async (_url, body) => {
        posted.push(body);
        return 200;
      },
    });
    const router = new Router();
    router.addAll(mon.routes);
    server = http.createServer(createHandler(p, router, proxyRequest, new Router()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const adminOnPlatform = await session(env.url, 'admin', ADMIN_PASSWORD);
    expect(
      (await adminOnPlatform.post(`${IAM}/users`, newUser('mon-alice', 'platform-regular', PW))).status,
    ).toBe(201);
    expect(
      (
        await adminOnPlatform.post(`${TENANT}/workspaces`, {
          metadata: { name: 'mon-ws' },
          spec: { template: { spec: { manager: 'admin' } } },
        })
      ).status,
    ).toBe(201);
    for (const ns of ['mon-a', 'mon-b'])
      expect(
        (await adminOnPlatform.post(`${TENANT}/workspaces/mon-ws/namespaces`, { metadata: { name: ns } }))
          .status,
      ).toBe(201);
    expect(
      (
        await adminOnPlatform.post(`${IAM}/namespaces/mon-a/members`, [
          { username: 'mon-alice', roleRef: 'viewer' },
        ])
      ).status,
    ).toBe(201);
    await env.platform.settled();
    admin = new Api(base, adminOnPlatform.token);
    alice = new Api(base, (await session(env.url, 'mon-alice', PW)).token);
  });
  afterAll(async () => {
    await new Promise<void>((r) => server?.close(() => r()));
    await mon?.stop();
    await env?.stop();
  });

  it.each([
    ['alice', `${M}/namespaces/mon-a`, 200],
    ['alice', `${M}/namespaces/mon-a/pods`, 200],
    ['alice', `${M}/namespaces/mon-a/workloads/deployment`, 200],
    ['alice', `${M}/namespaces/mon-b`, 403],
    ['alice', `${M}/namespaces/mon-b/pods`, 403],
    ['alice', `${M}/namespaces`, 403],
    ['alice', `${M}/cluster`, 403],
    ['alice', `${M}/nodes`, 403],
    ['alice', `${A}/namespaces/mon-a/alerts`, 200],
    ['alice', `${A}/namespaces/mon-b/alerts`, 403],
    ['alice', `${A}/rules`, 403],
    ['admin', `${M}/namespaces/mon-b`, 200],
    ['admin', `${M}/cluster`, 200],
    ['admin', `${M}/nodes/n1`, 200],
    ['anonymous', `${M}/namespaces/mon-a`, 401],
  ])('%s GET %s → %i', async (who, path, code) => {
    const api = who === 'alice' ? alice : who === 'admin' ? admin : new Api(admin.base);
    expect((await api.get(path)).status).toBe(code);
  });

  it('answers in KubeSphere shape for the project the user is in', async () => {
    const r = await alice.get<{
      results: { metric_name: string; data: { resultType: string; result: unknown[] } }[];
    }>(
      `${M}/namespaces/mon-a?metrics_filter=namespace_pod_count$|namespace_deployment_count$&time=1764000000`,
    );
    expect(r.body.results).toEqual([
      {
        metric_name: 'namespace_pod_count',
        data: {
          resultType: 'vector',
          result: [{ metric: { namespace: 'mon-a' }, value: [1764000000, '3'] }],
        },
      },
      {
        metric_name: 'namespace_deployment_count',
        data: {
          resultType: 'vector',
          result: [{ metric: { namespace: 'mon-a' }, value: [1764000000, '3'] }],
        },
      },
    ]);
  });

  it.each([
    ['start after end', '?start=200&end=100'],
    ['bad regexp', '?metrics_filter=(('],
    ['bad step', '?start=100&end=200&step=ten'],
    ['too many points', '?start=0&end=1000000&step=1s'],
  ])('400 for %s', async (_what, qs) => {
    const r = await admin.get<{ kind: string; code: number }>(`${M}/cluster${qs}`);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ kind: 'Status', code: 400 });
  });

  it('project alert policy: admin creates it, it fires, the webhook gets JSON, alice lists the message', async () => {
    const policy = {
      name: 'many-pods',
      metric: 'namespace_pod_count',
      condition: '>',
      threshold: 2,
      duration: '0s',
      severity: 'warning',
      webhook: 'http://hooks.example/alert',
    };
    expect((await alice.post(`${A}/namespaces/mon-a/rules`, policy)).status).toBe(403);
    const created = await admin.post(`${A}/namespaces/mon-a/rules`, policy);
    expect(created.status).toBe(201);
    expect((await admin.post(`${A}/namespaces/mon-a/rules`, policy)).status).toBe(409);
    expect(
      (await admin.post(`${A}/namespaces/mon-a/rules`, { ...policy, name: 'x', metric: 'cluster_cpu_usage' }))
        .status,
    ).toBe(422);
    await mon.alerts.evaluate();
    await Promise.all(mon.alerts.deliveries);
    const list = await alice.get<{
      items: { policy: string; state: string; labels: Record<string, string>; value: string }[];
    }>(`${A}/namespaces/mon-a/alerts`);
    expect(list.body.items).toMatchObject([
      { policy: 'many-pods', state: 'firing', labels: { namespace: 'mon-a' }, value: '3' },
    ]);
    expect(posted).toMatchObject([
      { status: 'firing', alerts: [{ labels: { alertname: 'many-pods', namespace: 'mon-a' } }] },
    ]);
  });
});
