/**
 * The Kubernetes API proxy beyond CRUD: pod logs and exec/attach upgrades are authorized like everything
 * else (exec needs `create pods/exec`) and otherwise passed through unchanged; the caller's credentials
 * never reach the cluster; v1alpha3 lists are served from the watch cache without re-listing the cluster.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient } from '../src/kube/client';
import { transportFromKubeconfig } from '../src/kube/transport';
import {
  ADMIN_PASSWORD,
  Api,
  IAM,
  RES,
  TENANT,
  backends,
  newUser,
  session,
  startEnv,
  type Env,
} from './harness';
import { startFakeApiServer } from './fake-apiserver';
import { startPlatform } from '../src/index';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PW = 'Passw0rd!x';

/** Sends an upgrade request and resolves with the status line's code. */
function upgradeStatus(url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      headers: {
        authorization: `Bearer ${token}`,
        connection: 'Upgrade',
        upgrade: 'SPDY/3.1',
        'x-stream-protocol-version': 'v4.channel.k8s.io',
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe.each(backends())('proxy streams (%s cluster)', (backend) => {
  let env: Env;
  let admin: Api;
  let op: Api;
  let outsider: Api;
  let direct: KubeClient;
  beforeAll(async () => {
    env = await startEnv(backend);
    direct = new KubeClient(await transportFromKubeconfig(env.cluster.kubeconfigPath));
    admin = await session(env.url, 'admin', ADMIN_PASSWORD);
    for (const u of ['px-op', 'px-out'])
      expect((await admin.post(`${IAM}/users`, newUser(u, 'platform-regular', PW))).status).toBe(201);
    expect((await admin.post(`${TENANT}/workspaces`, { metadata: { name: 'pxw' } })).status).toBe(201);
    expect(
      (await admin.post(`${TENANT}/workspaces/pxw/namespaces`, { metadata: { name: 'pxn' } })).status,
    ).toBe(201);
    expect(
      (await admin.post(`${IAM}/namespaces/pxn/members`, [{ username: 'px-op', roleRef: 'operator' }]))
        .status,
    ).toBe(201);
    op = await session(env.url, 'px-op', PW);
    outsider = await session(env.url, 'px-out', PW);
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p1' },
      spec: { containers: [{ name: 'c', image: 'busybox' }] },
    };
    expect((await op.post('/api/v1/namespaces/pxn/pods', pod)).status).toBe(201);
  });
  afterAll(async () => {
    direct?.transport.close();
    await env?.stop();
  });

  it('v1alpha3 lists custom resources', async () => {
    const r = await admin.get<{ items: { metadata: { name: string } }[] }>(
      `${RES}/workspacetemplates?name=pxw`,
    );
    expect(r.status).toBe(200);
    expect(r.body.items.map((w) => w.metadata.name)).toEqual(['pxw']);
  });

  // The in-memory fake serves no discovery documents, so only a real cluster can show this.
  it.skipIf(backend === 'fake')(
    'v1alpha3 lists any resource the cluster serves, found through discovery',
    async () => {
      const crd = await admin.get<{ totalItems: number }>(
        `${RES}/customresourcedefinitions?name=kubesphere.io`,
      );
      expect(crd.status).toBe(200);
      expect(crd.body.totalItems).toBeGreaterThanOrEqual(9);
      expect((await admin.get(`${RES}/nosuchthings`)).status).toBe(404);
    },
  );

  it('pod logs: members get what the cluster answers, others a 403', async () => {
    const path = '/api/v1/namespaces/pxn/pods/p1/log';
    const clusterStatus = (await direct.raw('GET', path)).status;
    expect((await op.get(path)).status).toBe(clusterStatus);
    expect((await outsider.get(path)).status).toBe(403);
  });

  it('exec upgrades: authorized as create pods/exec, then relayed; refused for outsiders and viewers', async () => {
    const url = `${env.url}/api/v1/namespaces/pxn/pods/p1/exec?command=sh&container=c&stdin=true&stdout=true`;
    const allowed = await upgradeStatus(url, op.token!);
    expect(allowed).not.toBe(403);
    expect(allowed).not.toBe(401);
    expect(await upgradeStatus(url, outsider.token!)).toBe(403);
    expect(await upgradeStatus(url, 'garbage')).toBe(401);
  });
});

describe('monitoring is mounted in the platform', () => {
  it('serves the monitoring API behind the same authentication', async () => {
    const fake = await startFakeApiServer(fs.mkdtempSync(path.join(os.tmpdir(), 'mon-')));
    const platform = await startPlatform({
      kubeconfigPath: fake.kubeconfigPath,
      port: 0,
      adminPassword: ADMIN_PASSWORD,
      bcryptCost: 4,
      log: () => {},
      monitoring: { intervalMs: 60_000 },
    });
    try {
      expect((await fetch(`${platform.url}/kapis/monitoring.kubesphere.io/v1alpha3/cluster`)).status).toBe(
        401,
      );
      const admin = await session(platform.url, 'admin', ADMIN_PASSWORD);
      const r = await admin.get<{ results: unknown[] }>(
        '/kapis/monitoring.kubesphere.io/v1alpha3/cluster?metrics_filter=cluster_node_total',
      );
      expect(r.status).toBe(200);
      expect(Array.isArray(r.body.results)).toBe(true);
    } finally {
      await platform.stop();
      await fake.stop();
    }
  });
});

describe('watch caches serve v1alpha3 lists', () => {
  it('lists do not re-list the cluster', async () => {
    const fake = await startFakeApiServer(fs.mkdtempSync(path.join(os.tmpdir(), 'px-')));
    const platform = await startPlatform({
      kubeconfigPath: fake.kubeconfigPath,
      port: 0,
      adminPassword: ADMIN_PASSWORD,
      bcryptCost: 4,
      log: () => {},
    });
    try {
      const admin = await session(platform.url, 'admin', ADMIN_PASSWORD);
      expect((await admin.get(`${RES}/configmaps`)).status).toBe(200); // starts the cache (a list, then a watch)
      await new Promise((r) => setTimeout(r, 300));
      const before = fake.requests;
      for (let i = 0; i < 20; i++)
        expect((await admin.get(`${RES}/configmaps?sortBy=name&limit=5&page=${i + 1}`)).status).toBe(200);
      expect((await admin.get(`${RES}/namespaces/default/configmaps`)).status).toBe(200);
      expect(fake.requests).toBe(before);
    } finally {
      await platform.stop();
      await fake.stop();
    }
  });
});
