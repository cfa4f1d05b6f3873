/**
 * @module e2e/support/api
 * Arranging state through the platform API (not what a flow tests): a workspace and a project for the
 * workload flows, so each file starts from the page its flow is about.
 */
import type { SphereInstance } from './sphere';

async function call(sphere: SphereInstance, token: string, method: string, path: string, body: unknown) {
  const res = await fetch(`${sphere.url}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
}

/** An access token for `username` (password grant). */
export async function tokenFor(sphere: SphereInstance, username: string, password: string): Promise<string> {
  const res = await fetch(`${sphere.url}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username, password }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** Creates workspace `workspace` (managed by admin) and project `project` in it, as admin. */
export async function createProject(
  sphere: SphereInstance,
  adminPassword: string,
  workspace: string,
  project: string,
): Promise<void> {
  const token = await tokenFor(sphere, 'admin', adminPassword);
  await call(sphere, token, 'POST', '/kapis/tenant.kubesphere.io/v1alpha2/workspaces', {
    apiVersion: 'tenant.kubesphere.io/v1alpha2',
    kind: 'WorkspaceTemplate',
    metadata: { name: workspace },
    spec: { template: { spec: { manager: 'admin' } } },
  });
  await call(
    sphere,
    token,
    'POST',
    `/kapis/tenant.kubesphere.io/v1alpha2/workspaces/${workspace}/namespaces`,
    {
      metadata: { name: project },
    },
  );
}
