import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster({ nodes: 1 });
  await t.k(['create', 'namespace', 'limited']);
});
afterAll(async () => t?.stop());

describe('admission: LimitRange and ResourceQuota', () => {
  it('fills container defaults from a LimitRange', async () => {
    const lr = `apiVersion: v1\nkind: LimitRange\nmetadata: { name: defaults, namespace: limited }\nspec:\n  limits:\n    - type: Container\n      default: { cpu: 500m, memory: 256Mi }\n      defaultRequest: { cpu: 100m, memory: 64Mi }\n`;
    await t.k(['apply', '-f', t.file('lr.yaml', lr)]);
    await t.k(['run', 'p1', '--image=nginx', '-n', 'limited']);
    const resources = JSON.parse(
      await t.k(['get', 'pod', 'p1', '-n', 'limited', '-o', 'jsonpath={.spec.containers[0].resources}']),
    );
    expect(resources).toEqual({
      limits: { cpu: '500m', memory: '256Mi' },
      requests: { cpu: '100m', memory: '64Mi' },
    });
  });

  it('refuses creates beyond a ResourceQuota with the apiserver message', async () => {
    await t.k(['create', 'quota', 'small', '--hard=pods=2', '-n', 'limited']);
    await t.k(['run', 'p2', '--image=nginx', '-n', 'limited']);
    const r = await t.kubectl(['run', 'p3', '--image=nginx', '-n', 'limited']);
    expect(r.stderr).toMatch(
      /forbidden: exceeded quota: small, requested: pods=1, used: pods=2, limited: pods=2/,
    );
  });
});
