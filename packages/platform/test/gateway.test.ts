/**
 * The project gateway API (`/kapis/resources.kubesphere.io/v1alpha2/namespaces/{ns}/router`): 404 before
 * it exists, create as NodePort, update to LoadBalancer, delete; project admins manage it, a
 * project-regular user (operator) may read but not change it; deleting the project removes the gateway.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Api, IAM, TENANT, backends, newUser, session, startEnv, type Env } from './harness';

const PW = 'Passw0rd!x';
const ROUTER = (ns: string) => `/kapis/resources.kubesphere.io/v1alpha2/namespaces/${ns}/router`;
const CONTROLS = '/api/v1/namespaces/kubesphere-controls-system';
const DEPLOYMENTS = '/apis/apps/v1/namespaces/kubesphere-controls-system/deployments';

interface Svc {
  kind: string;
  metadata: {
    name: string;
    namespace: string;
    labels: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: {
    type: string;
    selector: Record<string, string>;
    ports: { name: string; port: number; nodePort?: number }[];
  };
}
interface Deploy {
  spec: { template: { spec: { containers: { image: string; args: string[] }[] } } };
}

async function until<T>(fn: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(backends())('project gateway (%s cluster)', (backend) => {
  let env: Env;
  let admin: Api;
  let projectAdmin: Api;
  let regular: Api;
  beforeAll(async () => {
    env = await startEnv(backend);
    admin = await session(env.url, 'admin', ADMIN_PASSWORD);
    for (const u of ['gw-admin', 'gw-regular'])
      expect((await admin.post(`${IAM}/users`, newUser(u, 'platform-regular', PW))).status).toBe(201);
    expect(
      (
        await admin.post(`${TENANT}/workspaces`, {
          metadata: { name: 'gws' },
          spec: { template: { spec: {} } },
        })
      ).status,
    ).toBe(201);
    for (const ns of ['gproj', 'gother'])
      expect(
        (await admin.post(`${TENANT}/workspaces/gws/namespaces`, { metadata: { name: ns } })).status,
      ).toBe(201);
    expect(
      (
        await admin.post(`${IAM}/namespaces/gproj/members`, [
          { username: 'gw-admin', roleRef: 'admin' },
          { username: 'gw-regular', roleRef: 'operator' },
        ])
      ).status,
    ).toBe(201);
    projectAdmin = await session(env.url, 'gw-admin', PW);
    regular = await session(env.url, 'gw-regular', PW);
    // Role bindings reach the authorizer through watch caches.
    await until(async () => (await projectAdmin.get(ROUTER('gproj'))).status === 404);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('answers 404 (a Status) before the gateway exists', async () => {
    const r = await projectAdmin.get<{ kind: string; reason: string; message: string }>(ROUTER('gproj'));
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({
      kind: 'Status',
      reason: 'NotFound',
      message: 'services "kubesphere-router-gproj" not found',
    });
  });

  it('refuses a project-regular user (operator) and bad bodies', async () => {
    const denied = await regular.post<{ reason: string }>(ROUTER('gproj'), {
      type: 'NodePort',
      annotations: {},
    });
    expect(denied.status).toBe(403);
    expect(denied.body.reason).toBe('Forbidden');
    expect((await projectAdmin.post(ROUTER('gother'), { type: 'NodePort' })).status).toBe(403);
    expect((await projectAdmin.post(ROUTER('gproj'), { type: 'ClusterIP' })).status).toBe(422);
    expect((await admin.post(ROUTER('no-such-project'), { type: 'NodePort' })).status).toBe(404);
  });

  it('a project admin creates a NodePort gateway: a Deployment and a Service in kubesphere-controls-system', async () => {
    const r = await projectAdmin.post<Svc>(ROUTER('gproj'), {
      type: 'NodePort',
      annotations: { 'servicemesh.kubesphere.io/enabled': 'false' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      kind: 'Service',
      metadata: {
        name: 'kubesphere-router-gproj',
        namespace: 'kubesphere-controls-system',
        labels: { app: 'kubesphere', component: 'ks-router', tier: 'backend', project: 'gproj' },
        annotations: { 'servicemesh.kubesphere.io/enabled': 'false' },
      },
      spec: { type: 'NodePort', selector: { project: 'gproj', component: 'ks-router' } },
    });
    expect(r.body.spec.ports.map((p) => [p.name, p.port])).toEqual([
      ['http', 80],
      ['https', 443],
    ]);
    expect((await admin.get(CONTROLS)).status).toBe(200);
    const d = await admin.get<Deploy>(`${DEPLOYMENTS}/kubesphere-router-gproj`);
    expect(d.status).toBe(200);
    const c = d.body.spec.template.spec.containers[0];
    expect(c.image).toContain('nginx-ingress-controller');
    expect(c.args).toContain('--watch-namespace=gproj');
    expect(c.args).toContain('--report-node-internal-ip-address');
    expect((await projectAdmin.post(ROUTER('gproj'), { type: 'NodePort' })).status).toBe(409);
    // Everyone in the project may look at it.
    const read = await regular.get<Svc>(ROUTER('gproj'));
    expect(read.status).toBe(200);
    expect(read.body.spec.type).toBe('NodePort');
  });

  it('updates the gateway to LoadBalancer (annotations merged); an operator cannot', async () => {
    expect((await regular.put(ROUTER('gproj'), { type: 'LoadBalancer' })).status).toBe(403);
    const r = await projectAdmin.put<Svc>(ROUTER('gproj'), {
      type: 'LoadBalancer',
      annotations: { 'service.beta.kubernetes.io/qingcloud-load-balancer-eip-ids': 'eip-1' },
    });
    expect(r.status).toBe(200);
    expect(r.body.spec.type).toBe('LoadBalancer');
    expect(r.body.metadata.annotations).toEqual({
      'servicemesh.kubesphere.io/enabled': 'false',
      'service.beta.kubernetes.io/qingcloud-load-balancer-eip-ids': 'eip-1',
    });
    const d = await admin.get<Deploy>(`${DEPLOYMENTS}/kubesphere-router-gproj`);
    const args = d.body.spec.template.spec.containers[0].args;
    expect(args).toContain('--publish-service=kubesphere-controls-system/kubesphere-router-gproj');
    expect(args).not.toContain('--report-node-internal-ip-address');
    expect((await projectAdmin.get<Svc>(ROUTER('gproj'))).body.spec.type).toBe('LoadBalancer');
  });

  it('deletes the gateway; an operator cannot; then GET is 404 again', async () => {
    expect((await regular.delete(ROUTER('gproj'))).status).toBe(403);
    const r = await projectAdmin.delete<Svc>(ROUTER('gproj'));
    expect(r.status).toBe(200);
    expect(r.body.metadata.name).toBe('kubesphere-router-gproj');
    expect((await projectAdmin.get(ROUTER('gproj'))).status).toBe(404);
    expect((await admin.get(`${DEPLOYMENTS}/kubesphere-router-gproj`)).status).toBe(404);
    expect((await projectAdmin.delete(ROUTER('gproj'))).status).toBe(404);
  });

  it('deleting a project removes its gateway', async () => {
    expect((await admin.post(ROUTER('gother'), { type: 'NodePort' })).status).toBe(200);
    expect((await admin.delete('/api/v1/namespaces/gother')).status).toBe(200);
    await until(
      async () => (await admin.get(`${CONTROLS}/services/kubesphere-router-gother`)).status === 404,
    );
    await until(async () => (await admin.get(`${DEPLOYMENTS}/kubesphere-router-gother`)).status === 404);
  });
});
