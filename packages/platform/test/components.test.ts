/**
 * Service Components through HTTP: the API server from readyz/livez, controller-manager and scheduler from
 * their leader-election Leases (unknown while a cluster keeps none; the embedded cluster holds both), nodes,
 * the platform's own parts;
 * readable by platform administrators only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Api, IAM, backends, newUser, session, startEnv, type Env } from './harness';

const V2 = '/kapis/resources.kubesphere.io/v1alpha2';
type Component = { name: string; status: string; group: string; message: string };
const byName = (list: Component[]) => Object.fromEntries(list.map((c) => [c.name, c]));

describe.each(backends())('service components (%s cluster)', (backend) => {
  let env: Env;
  let admin: Api;
  let regular: Api;
  beforeAll(async () => {
    env = await startEnv(backend);
    admin = await session(env.url, 'admin', ADMIN_PASSWORD);
    expect((await admin.post(`${IAM}/users`, newUser('comp-regular', 'platform-regular'))).status).toBe(201);
    regular = await session(env.url, 'comp-regular', 'Passw0rd!x');
  });
  afterAll(async () => env?.stop());

  it('lists the control plane and platform components', async () => {
    const r = await admin.get<Component[]>(`${V2}/components`);
    expect(r.status).toBe(200);
    const c = byName(r.body);
    expect(c['kube-apiserver'].status).toBe('healthy');
    expect(c['ks-apiserver'].status).toBe('healthy');
    expect(c['ks-controller-manager'].status).toBe('healthy');
    // The embedded cluster holds and renews both leader-election Leases; the fake one keeps none, which
    // is unknown, not a failure.
    const leased = backend === 'embedded' ? 'healthy' : 'unknown';
    expect(c['kube-scheduler'].status).toBe(leased);
    expect(c['kube-controller-manager'].status).toBe(leased);
    // Monitoring is off in these tests: not listed.
    expect(c.monitoring).toBeUndefined();
    // The same under v1alpha3 (not taken by the v1alpha3 resource lists).
    const v3 = await admin.get<Component[]>('/kapis/resources.kubesphere.io/v1alpha3/components');
    expect(v3.status).toBe(200);
    expect(v3.body.map((x) => x.name)).toEqual(r.body.map((x) => x.name));
  });

  it('judges the scheduler by its lease renewal', async () => {
    const path = '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases';
    const lease = (name: string, renewTime: string) => ({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace: 'kube-system' },
      spec: { holderIdentity: `${name}-leader`, leaseDurationSeconds: 15, renewTime, acquireTime: renewTime },
    });
    const fresh = new Date().toISOString().replace(/\.\d+Z$/, '.000000Z');
    const stale = new Date(Date.now() - 120_000).toISOString().replace(/\.\d+Z$/, '.000000Z');
    if (backend === 'embedded') {
      // Its own leases, renewed every 2 s by the embedded control plane (holder "<host>_<uuid>").
      const one = await admin.get<Component>(`${V2}/components/kube-scheduler`);
      expect(one.body).toMatchObject({ status: 'healthy', message: expect.stringMatching(/_[0-9a-f-]{36}/) });
      return;
    }
    // The fake cluster starts without kube-system.
    await admin.post('/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'kube-system' },
    });
    expect((await admin.post(path, lease('kube-scheduler', fresh))).status).toBe(201);
    expect((await admin.post(path, lease('kube-controller-manager', stale))).status).toBe(201);
    const c = byName((await admin.get<Component[]>(`${V2}/components`)).body);
    expect(c['kube-scheduler'].status).toBe('healthy');
    expect(c['kube-controller-manager'].status).toBe('unhealthy');
    const one = await admin.get<Component>(`${V2}/components/kube-scheduler`);
    expect(one.body.message).toContain('kube-scheduler-leader');
    expect((await admin.get(`${V2}/components/nope`)).status).toBe(404);
  });

  it('summarises health with node counts', async () => {
    const r = await admin.get<{
      kubesphereStatus: Component[];
      kubernetesStatus: { metadata: { name: string }; conditions: { type: string; status: string }[] }[];
      nodeStatus: { totalNodes: number; healthyNodes: number };
    }>(`${V2}/componenthealth`);
    expect(r.status).toBe(200);
    expect(r.body.kubesphereStatus.map((c) => c.name)).toContain('ks-apiserver');
    const api = r.body.kubernetesStatus.find((c) => c.metadata.name === 'kube-apiserver');
    expect(api?.conditions[0]).toMatchObject({ type: 'Healthy', status: 'True' });
    expect(r.body.nodeStatus.totalNodes).toBeGreaterThanOrEqual(backend === 'embedded' ? 1 : 0);
    expect(r.body.nodeStatus.healthyNodes).toBeLessThanOrEqual(r.body.nodeStatus.totalNodes);
  });

  it('is for platform administrators only', async () => {
    expect((await regular.get(`${V2}/components`)).status).toBe(403);
    expect((await regular.get(`${V2}/componenthealth`)).status).toBe(403);
  });
});
