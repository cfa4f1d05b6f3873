import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { updateManagedFields } from './managed-fields';
import { deploymentSchema, fixtureRegistry } from './test-fixtures';
import { t, iso, cm, applyCm, deployment, applyDeploy, caught, created } from './ssa-test-helpers';

describe('server-side apply: one manager', () => {
  it('creates the object and records an Apply entry', () => {
    const { object, changed } = applyCm(undefined, cm({ k1: 'v' }, { a: 'b' }));
    expect(changed).toBe(true);
    expect(object).toEqual({
      ...cm({ k1: 'v' }, { a: 'b' }),
      metadata: {
        name: 'cm',
        namespace: 'default',
        labels: { a: 'b' },
        managedFields: [
          {
            manager: 'kubectl',
            operation: 'Apply',
            apiVersion: 'v1',
            time: iso(1),
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:data': { 'f:k1': {} }, 'f:metadata': { 'f:labels': { 'f:a': {} } } },
          },
        ],
      },
    });
  });

  it('re-applying the same config changes nothing, not even the time', () => {
    const first = applyCm(undefined, cm({ k1: 'v' })).object;
    const again = applyCm(first, cm({ k1: 'v' }), 'kubectl', 5);
    expect(again.changed).toBe(false);
    expect(again.object).toEqual(first);
  });

  it('removes a field the manager no longer applies', () => {
    const first = applyCm(undefined, cm({ k1: 'v', k2: 'w' }, { a: 'b' })).object;
    const { object } = applyCm(first, cm({ k1: 'v' }), 'kubectl', 2);
    expect(object.data).toEqual({ k1: 'v' });
    expect(object.metadata.labels).toBeUndefined();
    expect(object.metadata.managedFields).toEqual([
      expect.objectContaining({ manager: 'kubectl', time: iso(2), fieldsV1: { 'f:data': { 'f:k1': {} } } }),
    ]);
  });

  it('keeps a field it stops applying when another manager also owns it', () => {
    let live = applyCm(undefined, cm({ k1: 'v', shared: 's' })).object;
    live = applyCm(live, cm({ shared: 's' }), 'other', 2).object;
    const { object } = applyCm(live, cm({ k1: 'v' }), 'kubectl', 3);
    expect(object.data).toEqual({ k1: 'v', shared: 's' });
  });

  it('keeps fields other managers set when it applies', () => {
    const live = created(cm({ x: '1' }), 'kubectl-create', 0, 'v1');
    const { object } = applyCm(live, cm({ k1: 'v' }));
    expect(object.data).toEqual({ x: '1', k1: 'v' });
    expect(object.metadata.managedFields?.map((e) => [e.manager, e.operation])).toEqual([
      ['kubectl', 'Apply'],
      ['kubectl-create', 'Update'],
    ]);
  });

  it('prunes list items it no longer applies but keeps items owned by others', () => {
    const withTwo = deployment(1);
    (withTwo.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers.push({
      name: 'b',
      image: 'b',
    });
    let live = applyDeploy({ applied: withTwo, manager: 'a' }).object;
    const side = deployment(1);
    (side.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers = [
      { name: 'side', image: 's' },
    ];
    live = applyDeploy({ live, applied: side, manager: 'b' }).object;
    const { object } = applyDeploy({ live, applied: deployment(1), manager: 'a' });
    const names = (
      object.spec as { template: { spec: { containers: { name: string }[] } } }
    ).template.spec.containers.map((c) => c.name);
    expect(names).toEqual(['c', 'side']);
  });

  it('ignored (reset) fields are neither owned nor conflicting', () => {
    const withStatus = { ...deployment(1), status: { replicas: 7 } } as KubeObject;
    const live = applyDeploy({ applied: withStatus, manager: 'a', ignoredFields: [['f:status']] }).object;
    expect(JSON.stringify(live.metadata.managedFields)).not.toContain('f:status');
    const other = { ...deployment(1), status: { replicas: 9 } } as KubeObject;
    expect(() =>
      applyDeploy({ live, applied: other, manager: 'b', ignoredFields: [['f:status']] }),
    ).not.toThrow();
  });

  it('rejects an applied config that names a list item twice', () => {
    const applied = deployment(1);
    const containers = (applied.spec as { template: { spec: { containers: unknown[] } } }).template.spec
      .containers;
    containers.push({ name: 'c', image: 'other' });
    expect(caught(() => applyDeploy({ applied })).toStatus()).toMatchObject({
      code: 500,
      message:
        'failed to create typed patch object (default/d; apps/v1, Kind=Deployment): .spec.template.spec.containers: duplicate entries for key [name="c"]',
    });
  });

  it('set lists (finalizers) are owned per value and merged as a union', () => {
    const withFinalizers = (names: string[]) => ({
      ...cm({}),
      metadata: { ...cm({}).metadata, finalizers: names },
    });
    let live = applyCm(undefined, withFinalizers(['a/x', 'b/y']), 'one', 1).object;
    live = applyCm(live, withFinalizers(['c/z']), 'two', 2).object;
    expect(live.metadata.finalizers).toEqual(['a/x', 'b/y', 'c/z']);
    const two = live.metadata.managedFields?.find((e) => e.manager === 'two');
    expect(two?.fieldsV1).toEqual({ 'f:data': {}, 'f:metadata': { 'f:finalizers': { 'v:"c/z"': {} } } });
    live = applyCm(live, withFinalizers(['b/y']), 'one', 3).object;
    expect(live.metadata.finalizers).toEqual(['b/y', 'c/z']);
  });

  it('does not modify the live object or the applied config', () => {
    const freeze = <T>(v: T): T => {
      if (typeof v === 'object' && v !== null) {
        Object.values(v).forEach(freeze);
        Object.freeze(v);
      }
      return v;
    };
    const live = freeze(applyDeploy({ applied: deployment(2), manager: 'alice' }).object);
    const { object } = applyDeploy({ live, applied: freeze(deployment(3)), manager: 'bob', force: true });
    expect((object.spec as { replicas: number }).replicas).toBe(3);
  });

  it('rejects managedFields in the applied config', () => {
    const applied = cm({ a: 'b' });
    applied.metadata.managedFields = [];
    expect(caught(() => applyCm(undefined, applied)).toStatus()).toMatchObject({
      code: 400,
      reason: 'BadRequest',
    });
  });

  it('attributes an object without managedFields to before-first-apply', () => {
    const err = caught(() => applyCm(cm({ k: 'old' }), cm({ k: 'new' })));
    expect(err.message).toBe(
      'Apply failed with 1 conflict: conflict with "before-first-apply" using v1: .data.k',
    );
  });
});

describe('server-side apply: conflicts', () => {
  it('conflicts when another applier owns the field', () => {
    const live = applyDeploy({ applied: deployment(2), manager: 'alice' }).object;
    const err = caught(() => applyDeploy({ live, applied: deployment(3), manager: 'bob' }));
    expect(err.toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "alice": .spec.replicas',
      reason: 'Conflict',
      details: {
        causes: [
          { reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.spec.replicas' },
        ],
      },
      code: 409,
    });
  });

  it('applying the same value shares ownership instead of conflicting', () => {
    const live = applyDeploy({ applied: deployment(2), manager: 'alice' }).object;
    const { object } = applyDeploy({ live, applied: deployment(2), manager: 'bob' });
    const owners = object.metadata.managedFields?.filter((e) =>
      JSON.stringify(e.fieldsV1).includes('f:replicas'),
    );
    expect(owners?.map((e) => e.manager)).toEqual(['alice', 'bob']);
  });

  it('force takes the field over', () => {
    const live = applyDeploy({ applied: deployment(2), manager: 'alice' }).object;
    const { object } = applyDeploy({ live, applied: deployment(3), manager: 'bob', force: true });
    expect((object.spec as { replicas: number }).replicas).toBe(3);
    const alice = object.metadata.managedFields?.find((e) => e.manager === 'alice');
    expect(JSON.stringify(alice?.fieldsV1)).not.toContain('f:replicas');
    expect(JSON.stringify(alice?.fieldsV1)).toContain('f:image');
    const bob = object.metadata.managedFields?.find((e) => e.manager === 'bob');
    expect(JSON.stringify(bob?.fieldsV1)).toContain('f:replicas');
  });

  it('lists every conflict grouped by manager', () => {
    const live = applyDeploy({ applied: deployment(2, 'nginx:1'), manager: 'alice' }).object;
    const err = caught(() => applyDeploy({ live, applied: deployment(3, 'nginx:2'), manager: 'bob' }));
    expect(err.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "alice":\n- .spec.replicas\n- .spec.template.spec.containers[name="c"].image',
    );
    expect(err.details?.causes?.map((c) => c.field)).toEqual([
      '.spec.replicas',
      '.spec.template.spec.containers[name="c"].image',
    ]);
  });

  it('kubectl scale then kubectl apply --server-side: conflict on .spec.replicas', () => {
    let live = created(deployment(1), 'kubectl-create');
    const scaled = structuredClone(live);
    (scaled.spec as { replicas: number }).replicas = 5;
    scaled.metadata.managedFields = updateManagedFields({
      old: live,
      updated: scaled,
      manager: 'kubectl',
      subresource: 'scale',
      now: t(3),
      apiVersion: 'apps/v1',
      schema: deploymentSchema,
      registry: fixtureRegistry,
    });
    live = scaled;
    const err = caught(() => applyDeploy({ live, applied: deployment(3), manager: 'kubectl' }));
    expect(err.code).toBe(409);
    expect(err.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas',
    );
    expect(err.details?.causes).toEqual([
      {
        reason: 'FieldManagerConflict',
        message: 'conflict with "kubectl" with subresource "scale" using apps/v1',
        field: '.spec.replicas',
      },
    ]);
    // Same replicas as live: no conflict; the creator's other fields are shared, not taken.
    const ok = applyDeploy({ live, applied: deployment(5), manager: 'kubectl' }).object;
    expect(
      ok.metadata.managedFields?.map((e) => `${e.manager}/${e.operation}/${e.subresource ?? ''}`),
    ).toEqual(['kubectl/Apply/', 'kubectl-create/Update/', 'kubectl/Update/scale']);
  });

  it('client-side apply then server-side apply: kubectl upgrades, other managers conflict', () => {
    const manifest = deployment(2);
    const lastApplied = JSON.stringify(manifest);
    const csa = structuredClone(manifest);
    csa.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': lastApplied };
    const live = created(csa, 'kubectl-client-side-apply');

    const other = caught(() => applyDeploy({ live, applied: deployment(3), manager: 'my-manager' }));
    expect(other.message).toBe(
      'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
    );

    const { object } = applyDeploy({ live, applied: deployment(3), manager: 'kubectl' });
    expect((object.spec as { replicas: number }).replicas).toBe(3);
    expect(object.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","namespace":"default"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"d"}},"template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"image":"nginx:1","name":"c"}]}}}}\n',
    );
  });
});
