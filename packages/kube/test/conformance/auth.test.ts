import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster();
  await t.k(['create', 'namespace', 'team']);
  await t.k([
    'create',
    'role',
    'reader',
    '--verb=get,list,watch',
    '--resource=pods,configmaps',
    '-n',
    'team',
  ]);
  await t.k(['create', 'rolebinding', 'alice-reads', '--role=reader', '--user=alice', '-n', 'team']);
  await t.k(['create', 'clusterrole', 'ns-viewer', '--verb=get,list', '--resource=namespaces']);
  await t.k(['create', 'clusterrolebinding', 'devs-view-ns', '--clusterrole=ns-viewer', '--group=devs']);
});
afterAll(async () => t?.stop());

const canI = async (args: string[]) => {
  const r = await t.kubectl(['auth', 'can-i', ...args]);
  return r.stdout.trim() || r.stderr.trim();
};

describe('RBAC, impersonation and access reviews', () => {
  it('answers can-i truthfully for the admin and for impersonated users', async () => {
    expect(await canI(['create', 'deployments', '-A'])).toBe('yes');
    expect(await canI(['list', 'pods', '-n', 'team', '--as=alice'])).toBe('yes');
    expect(await canI(['delete', 'pods', '-n', 'team', '--as=alice'])).toBe('no');
    expect(await canI(['list', 'pods', '-n', 'default', '--as=alice'])).toBe('no');
    expect(await canI(['list', 'namespaces', '--as=bob', '--as-group=devs'])).toBe('yes');
  });

  it('enforces RBAC on requests made as another user', async () => {
    expect((await t.kubectl(['get', 'cm', '-n', 'team', '--as=alice'])).code).toBe(0);
    const denied = await t.kubectl(['create', 'configmap', 'x', '-n', 'team', '--as=alice']);
    expect(denied.stderr).toMatch(
      /configmaps is forbidden: User "alice" cannot create resource "configmaps" in API group "" in the namespace "team"/,
    );
    const elsewhere = await t.kubectl(['get', 'pods', '-n', 'default', '--as=alice']);
    expect(elsewhere.stderr).toMatch(/Forbidden/);
  });

  it('lists the rules of a user', async () => {
    const out = (await t.kubectl(['auth', 'can-i', '--list', '-n', 'team', '--as=alice'])).stdout;
    expect(out).toMatch(/pods\s+\[\]\s+\[\]\s+\[get list watch\]/);
  });

  it('refuses impersonated users what their roles do not allow', async () => {
    const r = await t.kubectl(['get', 'pods', '-n', 'team', '--as=mallory', '--as-group=devs'], {});
    expect(r.code).not.toBe(0);
    const chained = await t.kubectl(['auth', 'can-i', 'list', 'pods', '--as=alice', '-n', 'team']);
    expect(chained.stdout.trim()).toBe('yes');
  });
});
