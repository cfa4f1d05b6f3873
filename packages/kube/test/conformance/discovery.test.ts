import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster();
});
afterAll(async () => t?.stop());

describe('discovery with kubectl', () => {
  it('reports version 1.32 so the dispatcher runs kubectl 1.32', async () => {
    const out = JSON.parse(await t.k(['version', '-o', 'json']));
    expect(out.serverVersion).toMatchObject({ major: '1', minor: '32' });
  });

  it('lists resources with short names, scope and verbs', async () => {
    const out = await t.k(['api-resources', '-o', 'wide']);
    const line = (name: string) => out.split('\n').find((l) => l.startsWith(`${name} `)) ?? '';
    expect(line('deployments')).toMatch(
      /deploy\s+apps\/v1\s+true\s+Deployment\s+create,delete,deletecollection,get,list,patch,update,watch\s+all/,
    );
    expect(line('namespaces')).toMatch(/ns\s+v1\s+false\s+Namespace/);
    expect(line('customresourcedefinitions')).toMatch(/crd,crds/);
  });

  it('lists api versions', async () => {
    const out = await t.k(['api-versions']);
    for (const gv of [
      'v1',
      'apps/v1',
      'batch/v1',
      'autoscaling/v2',
      'autoscaling/v1',
      'networking.k8s.io/v1',
      'rbac.authorization.k8s.io/v1',
    ]) {
      expect(out.split('\n')).toContain(gv);
    }
  });

  it('has the bootstrap namespaces and the kubernetes service', async () => {
    const ns = await t.k(['get', 'namespaces', '-o', 'name']);
    expect(ns.trim().split('\n').sort()).toEqual([
      'namespace/default',
      'namespace/kube-node-lease',
      'namespace/kube-public',
      'namespace/kube-system',
    ]);
    expect(await t.k(['get', 'svc', 'kubernetes', '-n', 'default'])).toMatch(
      /kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP/,
    );
  });

  it('explains fields from the served OpenAPI', async () => {
    const out = await t.k(['explain', 'deployment.spec.strategy']);
    expect(out).toMatch(/KIND:\s+Deployment/);
    expect(out).toMatch(/rollingUpdate/);
  });

  it('rejects requests without a valid token', async () => {
    const r = await t.kubectl(['get', 'pods', '--token', 'nope']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/Unauthorized/);
  });
});
