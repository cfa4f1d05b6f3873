/**
 * "Getting Started with Multitenancy", end to end through the HTTP API: accounts and platform roles, a
 * workspace with its admin, workspace members, a project with an operator, and a workload deployed by the
 * project member — each step by the user the guide says does it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const PW = 'Passw0rd!x';

describe.each(backends())('multitenancy quick start (%s cluster)', (backend) => {
  let env: Env;
  let admin: Api;
  beforeAll(async () => {
    env = await startEnv(backend);
    admin = await session(env.url, 'admin', ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await env?.stop();
  });

  it('runs from accounts to a deployed workload', async () => {
    // 1. admin creates user-manager with the users-manager platform role.
    expect((await admin.post(`${IAM}/users`, newUser('user-manager', 'users-manager', PW))).status).toBe(201);
    const um = await session(env.url, 'user-manager', PW);

    // 2. user-manager creates the other four accounts.
    for (const [name, role] of [
      ['ws-manager', 'workspaces-manager'],
      ['ws-admin', 'platform-regular'],
      ['project-admin', 'platform-regular'],
      ['project-regular', 'platform-regular'],
    ]) {
      const r = await um.post(`${IAM}/users`, newUser(name, role, PW));
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const users = await um.get<{
      items: { metadata: { name: string; annotations: Record<string, string> } }[];
    }>(`${IAM}/users?sortBy=name&ascending=true`);
    expect(
      users.body.items.map((u) => [u.metadata.name, u.metadata.annotations['iam.kubesphere.io/globalrole']]),
    ).toEqual([
      ['admin', 'platform-admin'],
      ['project-admin', 'platform-regular'],
      ['project-regular', 'platform-regular'],
      ['user-manager', 'users-manager'],
      ['ws-admin', 'platform-regular'],
      ['ws-manager', 'workspaces-manager'],
    ]);

    // 3. ws-manager creates demo-workspace with ws-admin as its manager.
    const wm = await session(env.url, 'ws-manager', PW);
    const ws = await wm.post(`${TENANT}/workspaces`, {
      apiVersion: 'tenant.kubesphere.io/v1alpha2',
      kind: 'WorkspaceTemplate',
      metadata: { name: 'demo-workspace' },
      spec: { template: { spec: { manager: 'ws-admin' } } },
    });
    expect(ws.status, JSON.stringify(ws.body)).toBe(201);

    // 4. ws-admin sees the workspace and invites project-admin and project-regular.
    const wa = await session(env.url, 'ws-admin', PW);
    const visible = await wa.get<{ items: { metadata: { name: string } }[] }>(`${TENANT}/workspaces`);
    expect(visible.body.items.map((w) => w.metadata.name)).toEqual(['demo-workspace']);
    const invite = await wa.post(`${IAM}/workspaces/demo-workspace/workspacemembers`, [
      { username: 'project-admin', roleRef: 'workspace-self-provisioner' },
      { username: 'project-regular', roleRef: 'workspace-viewer' },
    ]);
    expect(invite.status, JSON.stringify(invite.body)).toBe(201);
    const members = await wa.get<{
      items: { metadata: { name: string; annotations: Record<string, string> } }[];
    }>(`${IAM}/workspaces/demo-workspace/workspacemembers?sortBy=name&ascending=true`);
    expect(
      members.body.items.map((m) => [
        m.metadata.name,
        m.metadata.annotations['iam.kubesphere.io/workspacerole'],
      ]),
    ).toEqual([
      ['project-admin', 'demo-workspace-self-provisioner'],
      ['project-regular', 'demo-workspace-viewer'],
      ['ws-admin', 'demo-workspace-admin'],
    ]);

    // 5. project-admin creates demo-project and makes project-regular an operator.
    const pa = await session(env.url, 'project-admin', PW);
    const project = await pa.post(`${TENANT}/workspaces/demo-workspace/namespaces`, {
      metadata: { name: 'demo-project' },
    });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    const addOperator = await pa.post(`${IAM}/namespaces/demo-project/members`, [
      { username: 'project-regular', roleRef: 'operator' },
    ]);
    expect(addOperator.status, JSON.stringify(addOperator.body)).toBe(201);
    const projectMembers = await pa.get<{
      items: { metadata: { name: string; annotations: Record<string, string> } }[];
    }>(`${IAM}/namespaces/demo-project/members?sortBy=name&ascending=true`);
    expect(
      projectMembers.body.items.map((m) => [
        m.metadata.name,
        m.metadata.annotations['iam.kubesphere.io/role'],
      ]),
    ).toEqual([
      ['project-admin', 'admin'],
      ['project-regular', 'operator'],
    ]);

    // 6. project-regular deploys a workload in demo-project.
    const pr = await session(env.url, 'project-regular', PW);
    const deploy = await pr.post('/apis/apps/v1/namespaces/demo-project/deployments', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'nginx', labels: { app: 'nginx' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'nginx' } },
        template: {
          metadata: { labels: { app: 'nginx' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
        },
      },
    });
    expect(deploy.status, JSON.stringify(deploy.body)).toBe(201);
    const listed = await pr.get<{ items: { metadata: { name: string } }[] }>(
      '/apis/apps/v1/namespaces/demo-project/deployments',
    );
    expect(listed.body.items.map((d) => d.metadata.name)).toEqual(['nginx']);
    if (backend === 'embedded') {
      // A real cluster runs it: the pod shows up as running in project-regular's v1alpha3 list.
      await expect
        .poll(
          async () =>
            (
              await pr.get<{ totalItems: number }>(
                `${RES}/namespaces/demo-project/pods?label=app%3Dnginx&status=running`,
              )
            ).body.totalItems,
          { timeout: 30_000, interval: 500 },
        )
        .toBe(1);
    }
    // ...but project-regular cannot manage the project's members.
    expect(
      (await pr.post(`${IAM}/namespaces/demo-project/members`, [{ username: 'ws-admin', roleRef: 'viewer' }]))
        .status,
    ).toBe(403);
  });
});
