import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster();
});
afterAll(async () => t?.stop());

const crd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: crontabs.stable.example.com }
spec:
  group: stable.example.com
  scope: Namespaced
  names: { plural: crontabs, singular: crontab, kind: CronTab, shortNames: [ct], categories: [all] }
  versions:
    - name: v1
      served: true
      storage: true
      subresources:
        status: {}
        scale: { specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas }
      additionalPrinterColumns:
        - { name: Spec, type: string, jsonPath: .spec.cronSpec }
        - { name: Replicas, type: integer, jsonPath: .spec.replicas }
        - { name: Age, type: date, jsonPath: .metadata.creationTimestamp }
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              required: [cronSpec]
              properties:
                cronSpec: { type: string, pattern: '^(\\S+\\s+){4}\\S+$' }
                image: { type: string }
                replicas: { type: integer, minimum: 0 }
            status:
              type: object
              properties:
                replicas: { type: integer }
`;

const cr = (name: string, spec: string) => `
apiVersion: stable.example.com/v1
kind: CronTab
metadata: { name: ${name}, namespace: default }
spec: ${spec}
`;

describe('custom resources', () => {
  it('serves a CRD at once and prints its columns', async () => {
    expect(await t.k(['apply', '-f', t.file('crd.yaml', crd)])).toMatch(
      /customresourcedefinition.apiextensions.k8s.io\/crontabs.stable.example.com created/,
    );
    await t.k(['wait', '--for=condition=Established', 'crd/crontabs.stable.example.com', '--timeout=10s']);
    expect(
      await t.k([
        'apply',
        '-f',
        t.file('ct1.yaml', cr('ct1', '{ cronSpec: "* * * * */5", image: my-cron, replicas: 1 }')),
      ]),
    ).toMatch(/crontab.stable.example.com\/ct1 created/);
    const out = await t.k(['get', 'ct']);
    expect(out.split('\n')[0]).toMatch(/^NAME\s+SPEC\s+REPLICAS\s+AGE$/);
    expect(out).toMatch(/ct1\s+\* \* \* \* \*\/5\s+1\s+\d+s/);
    expect(await t.k(['get', 'all', '-o', 'name'])).toMatch(/crontab.stable.example.com\/ct1/);
  });

  it('validates against the schema and prunes unknown fields', async () => {
    const bad = await t.kubectl([
      'apply',
      '-f',
      t.file('bad.yaml', cr('bad', '{ cronSpec: "nope", replicas: -1 }')),
    ]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/spec.cronSpec/);
    expect(bad.stderr).toMatch(/spec.replicas/);
    const extra = await t.kubectl([
      'apply',
      '--validate=false',
      '-f',
      t.file('extra.yaml', cr('extra', '{ cronSpec: "* * * * *", extra: 1 }')),
    ]);
    expect(extra.code).toBe(0);
    expect(await t.k(['get', 'ct', 'extra', '-o', 'jsonpath={.spec}'])).not.toContain('extra');
  });

  it('supports the scale and status subresources and merge patches', async () => {
    expect(await t.k(['scale', 'ct', 'ct1', '--replicas=3'])).toMatch(/scaled/);
    expect(await t.k(['get', 'ct', 'ct1', '-o', 'jsonpath={.spec.replicas}'])).toBe('3');
    await t.k(['patch', 'ct', 'ct1', '--type=merge', '-p', '{"spec":{"image":"v2"}}']);
    const smp = await t.kubectl(['patch', 'ct', 'ct1', '-p', '{"spec":{"image":"v3"}}']);
    expect(smp.stderr).toMatch(/strategic-merge-patch\+json is not supported/);
    await t.k([
      'patch',
      'ct',
      'ct1',
      '--subresource=status',
      '--type=merge',
      '-p',
      '{"status":{"replicas":3}}',
    ]);
    expect(await t.k(['get', 'ct', 'ct1', '-o', 'jsonpath={.status.replicas}'])).toBe('3');
  });

  it('stops serving and removes objects when the CRD is deleted', async () => {
    await t.k(['delete', 'crd', 'crontabs.stable.example.com']);
    const r = await t.kubectl(['get', 'crontabs.stable.example.com']);
    expect(r.code).not.toBe(0);
  });
});
