/**
 * Stateless replicas and controllers: two platform servers against one cluster share tokens, revocation
 * and objects; objects written straight to the cluster (as kubectl would) are reconciled by the
 * controllers: plaintext passwords hashed, workspace templates turned into workspaces with roles, labelled
 * namespaces stamped with project roles.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type RunningPlatform } from '../src/index';
import {
  ADMIN_PASSWORD,
  Api,
  IAM,
  TENANT,
  backends,
  login,
  newUser,
  session,
  startEnv,
  type Env,
} from './harness';

const PW = 'Passw0rd!x';

describe.each(backends())('two replicas and controllers (%s cluster)', (backend) => {
  let env: Env;
  let second: RunningPlatform;
  let a1: Api;
  beforeAll(async () => {
    env = await startEnv(backend);
    second = await startPlatform({
      kubeconfigPath: env.cluster.kubeconfigPath,
      port: 0,
      adminPassword: ADMIN_PASSWORD,
      bcryptCost: 4,
      log: () => {},
    });
    a1 = await session(env.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await second?.stop();
    await env?.stop();
  });

  it('a token from one replica works on the other, and logout on one revokes on both', async () => {
    expect((await a1.post(`${IAM}/users`, newUser('rita', 'platform-regular', PW))).status).toBe(201);
    await expect.poll(async () => (await login(second.url, 'rita', PW)).status).toBe(200);
    const r = await login(env.url, 'rita', PW);
    const on1 = new Api(env.url, r.body.access_token);
    const on2 = new Api(second.url, r.body.access_token);
    expect((await on2.get(`${IAM}/users/rita`)).status).toBe(200);
    expect((await on1.post('/oauth/logout', {})).status).toBe(200);
    await expect.poll(async () => (await on2.get(`${IAM}/users/rita`)).status).toBe(401);
  });

  it('objects created through one replica are served by the other', async () => {
    expect(
      (
        await a1.post(`${TENANT}/workspaces`, {
          metadata: { name: 'shared' },
          spec: { template: { spec: { manager: 'admin' } } },
        })
      ).status,
    ).toBe(201);
    const a2 = await session(second.url, 'admin', ADMIN_PASSWORD);
    await expect
      .poll(async () =>
        (await a2.get<{ items: { metadata: { name: string } }[] }>(`${TENANT}/workspaces`)).body.items.map(
          (w) => w.metadata.name,
        ),
      )
      .toContain('shared');
    await expect
      .poll(
        async () =>
          (await a2.get<{ items: unknown[] }>(`${IAM}/workspaces/shared/workspaceroles`)).body.items.length,
      )
      .toBe(4);
  });

  it('audit events recorded by one replica are queryable on the other', async () => {
    expect((await a1.post(`${IAM}/users`, newUser('audited', 'platform-regular', PW))).status).toBe(201);
    const a2 = await session(second.url, 'admin', ADMIN_PASSWORD);
    await expect
      .poll(
        async () =>
          (
            await a2.get<{ items: { name: string; outcome: string }[] }>(
              `${TENANT}/auditing/events?user=admin&resource=users&verb=create`,
            )
          ).body.items
            .filter((e) => e.name === 'audited')
            .map((e) => e.outcome),
        { timeout: 10_000 },
      )
      .toEqual(['success']);
  });

  it('hashes a plaintext password written straight to the User (an admin reset with kubectl)', async () => {
    expect((await a1.post(`${IAM}/users`, newUser('sam', 'platform-regular', PW))).status).toBe(201);
    const patch = await a1.call(
      'PATCH',
      '/apis/iam.kubesphere.io/v1alpha2/users/sam',
      { spec: { password: 'Kubectl-Reset1' } },
      { 'content-type': 'application/merge-patch+json' },
    );
    expect(patch.status).toBe(200);
    await expect.poll(async () => (await login(env.url, 'sam', 'Kubectl-Reset1')).status).toBe(200);
    const raw = await a1.get<{ spec: { password: string } }>('/apis/iam.kubesphere.io/v1alpha2/users/sam');
    expect(raw.body.spec.password).toMatch(/^\$2[aby]\$/);
  });

  it('turns a WorkspaceTemplate created with kubectl into a workspace with roles and its manager bound', async () => {
    expect((await a1.post(`${IAM}/users`, newUser('tina', 'platform-regular', PW))).status).toBe(201);
    const created = await a1.post('/apis/tenant.kubesphere.io/v1alpha2/workspacetemplates', {
      apiVersion: 'tenant.kubesphere.io/v1alpha2',
      kind: 'WorkspaceTemplate',
      metadata: { name: 'by-kubectl' },
      spec: { template: { spec: { manager: 'tina' } } },
    });
    expect(created.status).toBe(201);
    await expect
      .poll(async () => (await a1.get('/apis/tenant.kubesphere.io/v1alpha1/workspaces/by-kubectl')).status)
      .toBe(200);
    await expect
      .poll(async () =>
        (
          await a1.get<{ items: { metadata: { name: string } }[] }>(
            `${IAM}/workspaces/by-kubectl/workspacemembers`,
          )
        ).body.items.map((m) => m.metadata.name),
      )
      .toEqual(['tina']);
    // A namespace labelled into it gets the project roles.
    expect(
      (
        await a1.post('/api/v1/namespaces', {
          metadata: { name: 'labelled', labels: { 'kubesphere.io/workspace': 'by-kubectl' } },
        })
      ).status,
    ).toBe(201);
    await expect
      .poll(async () =>
        (
          (
            await a1.get<{ items: { metadata: { name: string } }[] }>(
              '/apis/rbac.authorization.k8s.io/v1/namespaces/labelled/roles',
            )
          ).body.items ?? []
        )
          .map((r) => r.metadata.name)
          .sort(),
      )
      .toEqual(['admin', 'operator', 'viewer']);
    const tina = await session(env.url, 'tina', PW);
    expect((await tina.get('/api/v1/namespaces/labelled/configmaps')).status).toBe(200);
  });

  it('restores stamped workspace and project roles edited or deleted by hand', async () => {
    expect((await a1.post(`${TENANT}/workspaces`, { metadata: { name: 'drift' } })).status).toBe(201);
    expect(
      (await a1.post(`${TENANT}/workspaces/drift/namespaces`, { metadata: { name: 'drift-ns' } })).status,
    ).toBe(201);
    const MERGE = { 'content-type': 'application/merge-patch+json' };
    const edited = await a1.call(
      'PATCH',
      '/apis/iam.kubesphere.io/v1alpha2/workspaceroles/drift-viewer',
      { rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }] },
      MERGE,
    );
    expect(edited.status).toBe(200);
    expect(
      (await a1.delete('/apis/rbac.authorization.k8s.io/v1/namespaces/drift-ns/roles/viewer')).status,
    ).toBe(200);
    await expect
      .poll(
        async () =>
          (
            await a1.get<{ rules: { verbs: string[] }[] }>(
              '/apis/iam.kubesphere.io/v1alpha2/workspaceroles/drift-viewer',
            )
          ).body.rules?.[0]?.verbs,
      )
      .toEqual(['get', 'list', 'watch']);
    await expect
      .poll(
        async () =>
          (await a1.get('/apis/rbac.authorization.k8s.io/v1/namespaces/drift-ns/roles/viewer')).status,
      )
      .toBe(200);
  });

  it('custom roles aggregate role templates; a member with such a role gets exactly those rights', async () => {
    expect(
      (await a1.post(`${TENANT}/workspaces/shared/namespaces`, { metadata: { name: 'custom-ns' } })).status,
    ).toBe(201);
    const role = await a1.post<{ rules: unknown[] }>(`${IAM}/namespaces/custom-ns/roles`, {
      metadata: {
        name: 'config-viewer',
        annotations: { 'iam.kubesphere.io/aggregation-roles': '["role-template-view-configs"]' },
      },
    });
    expect(role.status).toBe(201);
    expect(role.body.rules).toEqual([
      {
        apiGroups: [''],
        resources: ['configmaps', 'secrets', 'serviceaccounts'],
        verbs: ['get', 'list', 'watch'],
      },
    ]);
    expect((await a1.post(`${IAM}/users`, newUser('uma', 'platform-regular', PW))).status).toBe(201);
    expect(
      (await a1.post(`${IAM}/namespaces/custom-ns/members`, [{ username: 'uma', roleRef: 'config-viewer' }]))
        .status,
    ).toBe(201);
    const uma = await session(env.url, 'uma', PW);
    expect((await uma.get('/api/v1/namespaces/custom-ns/configmaps')).status).toBe(200);
    expect((await uma.get('/apis/apps/v1/namespaces/custom-ns/deployments')).status).toBe(403);
    const rules = await uma.get<{ modules: Record<string, string> }>(
      `${IAM}/users/uma/rules?namespace=custom-ns`,
    );
    expect(rules.body.modules).toEqual({ configs: 'view' });
  });
});
