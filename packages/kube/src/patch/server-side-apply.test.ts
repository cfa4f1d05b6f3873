import { describe, expect, it } from 'vitest';
import { StatusError, type KubeObject } from '@sphere/shared';
import { serverSideApply, type ServerSideApplyArgs } from './server-side-apply';
import { updateManagedFields } from './managed-fields';
import { configMapSchema, deploymentSchema, fixtureRegistry } from './test-fixtures';

const t = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n, 500));
const iso = (n: number) => `2026-01-01T00:00:${String(n).padStart(2, '0')}Z`;

const cm = (data: Record<string, string>, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cm', namespace: 'default', ...(labels ? { labels } : {}) },
  data,
});

const applyCm = (
  live: KubeObject | undefined,
  applied: KubeObject,
  manager = 'kubectl',
  now = 1,
  force = false,
) =>
  serverSideApply({
    live,
    applied,
    manager,
    force,
    schema: configMapSchema,
    registry: fixtureRegistry,
    now: t(now),
    apiVersion: 'v1',
  });

const deployment = (replicas: number, image = 'nginx:1'): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'd' } },
    template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image }] } },
  },
});

const applyDeploy = (args: Partial<ServerSideApplyArgs> & Pick<ServerSideApplyArgs, 'applied'>) =>
  serverSideApply({
    manager: 'kubectl',
    force: false,
    schema: deploymentSchema,
    registry: fixtureRegistry,
    now: t(9),
    apiVersion: 'apps/v1',
    ...args,
  });

const caught = (fn: () => unknown): StatusError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a StatusError');
};

/** What a stored object looks like after a plain create (POST) by `manager`. */
function created(obj: KubeObject, manager: string, now = 0, apiVersion = 'apps/v1'): KubeObject {
  const managedFields = updateManagedFields({
    updated: obj,
    manager,
    now: t(now),
    apiVersion,
    schema: obj.kind === 'ConfigMap' ? configMapSchema : deploymentSchema,
    registry: fixtureRegistry,
  });
  return { ...structuredClone(obj), metadata: { ...structuredClone(obj.metadata), managedFields } };
}

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

describe('updateManagedFields (non-apply writes)', () => {
  const track = (
    old: KubeObject | undefined,
    updated: KubeObject,
    manager: string,
    now: number,
    subresource?: string,
  ) =>
    updateManagedFields({
      old,
      updated,
      manager,
      subresource,
      now: t(now),
      apiVersion: 'v1',
      schema: configMapSchema,
      registry: fixtureRegistry,
    });

  it('a create records the creator as an Update entry of every field it set', () => {
    expect(track(undefined, cm({ a: '1' }, { l: 'x' }), 'kubectl-create', 0)).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'v1',
        time: iso(0),
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { '.': {}, 'f:a': {} }, 'f:metadata': { 'f:labels': { '.': {}, 'f:l': {} } } },
      },
    ]);
  });

  it('an update takes changed fields from others; emptied entries are dropped; same manager merges', () => {
    const v1 = {
      ...cm({ a: '1', b: '2' }),
      metadata: { ...cm({}).metadata, managedFields: track(undefined, cm({ a: '1', b: '2' }), 'creator', 0) },
    };
    const v2 = { ...structuredClone(v1), data: { a: '9', b: '2' } };
    v2.metadata.managedFields = track(v1, v2, 'editor', 1);
    expect(v2.metadata.managedFields.map((e) => [e.manager, e.fieldsV1])).toEqual([
      ['creator', { 'f:data': { '.': {}, 'f:b': {} } }],
      ['editor', { 'f:data': { 'f:a': {} } }],
    ]);
    const v3 = { ...structuredClone(v2), data: { a: '9', b: '3', c: '4' } };
    v3.metadata.managedFields = track(v2, v3, 'editor', 2);
    expect(v3.metadata.managedFields.map((e) => [e.manager, e.time, e.fieldsV1])).toEqual([
      ['creator', iso(0), { 'f:data': {} }],
      ['editor', iso(2), { 'f:data': { 'f:a': {}, 'f:b': {}, 'f:c': {} } }],
    ]);
    const v4 = { ...structuredClone(v3), data: {} };
    v4.metadata.managedFields = track(v3, v4, 'cleaner', 3);
    expect(v4.metadata.managedFields.map((e) => e.manager)).toEqual(['creator']);
  });

  it('an update that changes nothing keeps entries and times', () => {
    const v1 = {
      ...cm({ a: '1' }),
      metadata: { ...cm({}).metadata, managedFields: track(undefined, cm({ a: '1' }), 'creator', 0) },
    };
    expect(track(v1, structuredClone(v1), 'other', 5)).toEqual(v1.metadata.managedFields);
  });

  it('never records server-owned metadata', () => {
    const old = cm({ a: '1' });
    const updated = structuredClone(old);
    Object.assign(updated.metadata, {
      resourceVersion: '7',
      uid: 'u',
      generation: 2,
      creationTimestamp: 'x',
    });
    expect(track(old, updated, 'server', 1)).toEqual([]);
  });

  it.each([[[{}]], [[]]])('%j resets managedFields', (reset) => {
    const old = {
      ...cm({ a: '1' }),
      metadata: { ...cm({}).metadata, managedFields: track(undefined, cm({ a: '1' }), 'c', 0) },
    };
    const updated = cm({ a: '2' });
    updated.metadata.managedFields = reset;
    expect(track(old, updated, 'm', 1)).toEqual([]);
  });

  it('an update of an object that has no managedFields does not start tracking', () => {
    expect(track(cm({ a: '1' }), cm({ a: '2' }), 'm', 1)).toEqual([]);
  });

  it('managedFields sent with a main-resource update are used; on a subresource they are ignored', () => {
    const old = {
      ...cm({ a: '1' }),
      metadata: { ...cm({}).metadata, managedFields: track(undefined, cm({ a: '1' }), 'c', 0) },
    };
    const handEdited = structuredClone(old);
    handEdited.metadata.managedFields = [{ ...old.metadata.managedFields[0], manager: 'renamed' }];
    expect(track(old, handEdited, 'm', 1).map((e) => e.manager)).toEqual(['renamed']);
    expect(track(old, handEdited, 'm', 1, 'status').map((e) => e.manager)).toEqual(['c']);
  });

  it('ignored (reset) fields are never tracked', () => {
    const old = {
      ...cm({ a: '1' }),
      metadata: { ...cm({}).metadata, managedFields: track(undefined, cm({ a: '1' }), 'c', 0) },
    };
    const updated = { ...structuredClone(old), data: { a: '2' }, status: { x: 1 } } as KubeObject;
    const entries = updateManagedFields({
      old,
      updated,
      manager: 'm',
      now: t(1),
      apiVersion: 'v1',
      schema: configMapSchema,
      registry: fixtureRegistry,
      ignoredFields: [['f:status']],
    });
    expect(entries.find((e) => e.manager === 'm')?.fieldsV1).toEqual({ 'f:data': { 'f:a': {} } });
  });

  it('keeps at most 10 Update entries, folding the oldest into ancient-changes', () => {
    let live: KubeObject = {
      ...cm({}),
      metadata: { ...cm({}).metadata, managedFields: track(undefined, cm({}), 'creator', 0) },
    };
    for (let i = 0; i < 12; i++) {
      const next = structuredClone(live);
      (next.data as Record<string, string>)[`k${i}`] = 'v';
      next.metadata.managedFields = track(live, next, `m${i}`, i);
      live = next;
    }
    const managers = live.metadata.managedFields?.map((e) => e.manager) ?? [];
    expect(managers).toHaveLength(10);
    expect(managers).toContain('ancient-changes');
    expect(managers).not.toContain('m0');
    expect(managers).not.toContain('creator');
    const ancient = live.metadata.managedFields?.find((e) => e.manager === 'ancient-changes');
    expect(Object.keys((ancient?.fieldsV1 as Record<string, Record<string, unknown>>)['f:data'])).toEqual(
      expect.arrayContaining(['f:k0', 'f:k1', 'f:k2']),
    );
  });
});

describe('apply and update together (object lifecycles)', () => {
  const trackCm = (old: KubeObject, updated: KubeObject, manager: string, now: number) => ({
    ...updated,
    metadata: {
      ...updated.metadata,
      managedFields: updateManagedFields({
        old,
        updated,
        manager,
        now: t(now),
        apiVersion: 'v1',
        schema: configMapSchema,
        registry: fixtureRegistry,
      }),
    },
  });

  it('an updater that adds and then changes keys owns them; the applier keeps the rest', () => {
    const applied = applyCm(undefined, cm({ key: 'value' }, { tier: 'web' }), 'applier', 1).object;
    const added = trackCm(
      applied,
      { ...structuredClone(applied), data: { key: 'value', extra: 'v' } },
      'updater',
      2,
    );
    const changed = trackCm(
      added,
      { ...structuredClone(added), data: { key: 'new', extra: 'v' } },
      'updater',
      3,
    );
    expect(changed.metadata.managedFields).toEqual([
      {
        manager: 'applier',
        operation: 'Apply',
        apiVersion: 'v1',
        time: iso(1),
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:metadata': { 'f:labels': { 'f:tier': {} } } },
      },
      {
        manager: 'updater',
        operation: 'Update',
        apiVersion: 'v1',
        time: iso(3),
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { 'f:extra': {}, 'f:key': {} } },
      },
    ]);
  });

  it('an apply of nothing but the name leaves no managedFields', () => {
    const { object } = applyCm(undefined, {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm', namespace: 'default' },
    });
    expect(object.metadata.managedFields).toBeUndefined();
  });

  it('a field a controller took over survives when the applier stops setting it', () => {
    const applied = applyDeploy({ applied: deployment(3), manager: 'applier' }).object;
    const scaledBody = structuredClone(applied);
    (scaledBody.spec as { replicas: number }).replicas = 7;
    scaledBody.metadata.managedFields = updateManagedFields({
      old: applied,
      updated: scaledBody,
      manager: 'hpa-controller',
      now: t(2),
      apiVersion: 'apps/v1',
      schema: deploymentSchema,
      registry: fixtureRegistry,
    });
    const withoutReplicas = deployment(0);
    delete (withoutReplicas.spec as { replicas?: number }).replicas;
    const { object } = applyDeploy({ live: scaledBody, applied: withoutReplicas, manager: 'applier' });
    expect((object.spec as { replicas: number }).replicas).toBe(7);
    // And a field only the applier owned goes away.
    const withoutImage = structuredClone(withoutReplicas);
    (
      withoutImage.spec as { template: { spec: { containers: Record<string, unknown>[] } } }
    ).template.spec.containers[0] = { name: 'c' };
    const pruned = applyDeploy({ live: object, applied: withoutImage, manager: 'applier' }).object;
    expect(
      (pruned.spec as { template: { spec: { containers: unknown[] } } }).template.spec.containers,
    ).toEqual([{ name: 'c' }]);
  });

  it('a config null removes the field and the applier owns it', () => {
    const live = applyCm(undefined, cm({ a: '1', b: '2' }), 'applier', 1).object;
    const nulled = cm({ a: '1' });
    (nulled.data as Record<string, unknown>).b = null;
    const { object } = applyCm(live, nulled, 'applier', 2);
    expect(object.data).toEqual({ a: '1' });
  });
});
