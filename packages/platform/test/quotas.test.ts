/**
 * Resource quotas per workspace (platform administrators set them; workspace members read them with the
 * projects' usage) and per project (core ResourceQuotas through the Kubernetes API, project admins).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, Api, IAM, TENANT, backends, newUser, session, startEnv, type Env } from './harness';

const PW = 'Passw0rd!x';

describe.each(backends())('resource quotas (%s cluster)', (backend) => {
  let env: Env;
  let admin: Api;
  let wsAdmin: Api;
  let projectAdmin: Api;
  beforeAll(async () => {
    env = await startEnv(backend);
    admin = await session(env.url, 'admin', ADMIN_PASSWORD);
    for (const u of ['qa-admin', 'qp-admin'])
      expect((await admin.post(`${IAM}/users`, newUser(u, 'platform-regular', PW))).status).toBe(201);
    expect(
      (
        await admin.post(`${TENANT}/workspaces`, {
          metadata: { name: 'qws' },
          spec: { template: { spec: { manager: 'qa-admin' } } },
        })
      ).status,
    ).toBe(201);
    expect(
      (await admin.post(`${TENANT}/workspaces/qws/namespaces`, { metadata: { name: 'qproj' } })).status,
    ).toBe(201);
    expect(
      (await admin.post(`${IAM}/namespaces/qproj/members`, [{ username: 'qp-admin', roleRef: 'admin' }]))
        .status,
    ).toBe(201);
    wsAdmin = await session(env.url, 'qa-admin', PW);
    projectAdmin = await session(env.url, 'qp-admin', PW);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('a platform admin sets a workspace quota; the workspace admin reads it but cannot change it', async () => {
    const body = {
      metadata: { name: 'qws' },
      spec: { quota: { hard: { 'limits.cpu': '8', 'limits.memory': '16Gi' } } },
    };
    expect((await wsAdmin.post(`${TENANT}/workspaces/qws/resourcequotas`, body)).status).toBe(403);
    const created = await admin.post<{
      status: { total: { hard: Record<string, string> }; namespaces: { namespace: string }[] };
    }>(`${TENANT}/workspaces/qws/resourcequotas`, body);
    expect(created.status).toBe(201);
    expect(created.body.status.total.hard).toEqual({ 'limits.cpu': '8', 'limits.memory': '16Gi' });
    expect(created.body.status.namespaces.map((n) => n.namespace)).toEqual(['qproj']);
    const read = await wsAdmin.get<{ items: { metadata: { name: string } }[] }>(
      `${TENANT}/workspaces/qws/resourcequotas`,
    );
    expect(read.status).toBe(200);
    expect(read.body.items.map((q) => q.metadata.name)).toEqual(['qws']);
    const bad = await admin.put(`${TENANT}/workspaces/qws/resourcequotas/qws`, {
      spec: { quota: { hard: { 'limits.cpu': 'lots' } } },
    });
    expect(bad.status).toBe(422);
  });

  it('a project admin manages the project quota through the Kubernetes API; an operator cannot', async () => {
    const quota = {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'quota' },
      spec: { hard: { pods: '10' } },
    };
    expect((await projectAdmin.post('/api/v1/namespaces/qproj/resourcequotas', quota)).status).toBe(201);
    expect((await admin.post(`${IAM}/users`, newUser('qp-op', 'platform-regular', PW))).status).toBe(201);
    expect(
      (await admin.post(`${IAM}/namespaces/qproj/members`, [{ username: 'qp-op', roleRef: 'operator' }]))
        .status,
    ).toBe(201);
    const op = await session(env.url, 'qp-op', PW);
    expect((await op.get('/api/v1/namespaces/qproj/resourcequotas/quota')).status).toBe(200);
    expect((await op.delete('/api/v1/namespaces/qproj/resourcequotas/quota')).status).toBe(403);
  });
});
