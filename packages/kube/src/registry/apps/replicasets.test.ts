import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { controllerrevisions } from './controllerrevisions';
import { replicasets } from './replicasets';
import { copy, createThrough, ctxFor, messages, now, podTemplate, updateThrough } from './test-support';

function rs(extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web-abc', namespace: 'default' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: podTemplate('web'), ...extra },
  };
}

describe('ReplicaSet', () => {
  it('defaults replicas and validates', () => {
    const obj = rs();
    expect(createThrough(replicasets, obj)).toEqual([]);
    expect((obj.spec as Record<string, unknown>).replicas).toBe(1);
    expect(messages(createThrough(replicasets, rs({ replicas: -2 })))).toEqual([
      'spec.replicas: Invalid value: -2: must be greater than or equal to 0',
    ]);
  });

  it('validates only counters on status writes', () => {
    const obj = rs({ selector: undefined });
    obj.status = { replicas: -1 };
    expect(messages(replicasets.validate?.(obj, copy(obj), ctxFor('update', 'status')) ?? [])).toEqual([
      'status.replicas: Invalid value: -1: must be greater than or equal to 0',
    ]);
  });

  it('serves status.replicas as a field selector and prints columns', () => {
    const obj = rs({ replicas: 2 });
    createThrough(replicasets, obj);
    obj.status = { replicas: 2, readyReplicas: 1 };
    obj.metadata.creationTimestamp = '2026-01-01T11:00:00Z';
    expect(replicasets.fieldSelectors?.['status.replicas'](obj)).toBe('2');
    expect(replicasets.table?.cells(obj, now)).toEqual([
      'web-abc',
      2,
      2,
      1,
      '60m',
      'c',
      'nginx:1.27',
      'app=web',
    ]);
  });

  it('keeps the selector immutable', () => {
    const old = rs();
    createThrough(replicasets, old);
    const next = copy(old);
    (next.spec as Record<string, unknown>).selector = { matchLabels: {} };
    expect(messages(updateThrough(replicasets, next, old))).toContain(
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
    );
  });
});

describe('ControllerRevision', () => {
  const revision = (): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: 'db-7d9f',
      namespace: 'default',
      creationTimestamp: '2026-01-01T10:00:00Z',
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'db', uid: 'u', controller: true },
      ],
    },
    data: { spec: { template: { $patch: 'replace' } } },
    revision: 2,
  });

  it('prints Name, Controller, Revision, Age', () => {
    expect(controllerrevisions.table?.cells(revision(), now)).toEqual([
      'db-7d9f',
      'statefulset.apps/db',
      2,
      '120m',
    ]);
    const orphan = revision();
    delete orphan.metadata.ownerReferences;
    expect(controllerrevisions.table?.cells(orphan, now)[1]).toBe('<none>');
  });

  it('keeps data immutable and revision non-negative', () => {
    const old = revision();
    const next = copy(old);
    next.data = { spec: {} };
    next.revision = -1;
    expect(messages(controllerrevisions.validate?.(next, old, ctxFor('update')) ?? [])).toEqual([
      'revision: Invalid value: -1: must be greater than or equal to 0',
      'data: Invalid value: runtime.RawExtension{...}: field is immutable',
    ]);
  });
});
