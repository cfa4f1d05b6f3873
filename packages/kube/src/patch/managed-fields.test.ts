import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { updateManagedFields } from './managed-fields';
import { configMapSchema, deploymentSchema, fixtureRegistry } from './test-fixtures';
import { t, iso, cm, applyCm, deployment, applyDeploy } from './ssa-test-helpers';

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
