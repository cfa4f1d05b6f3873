import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { copy, createThrough, messages, now, updateThrough } from '../apps/test-support';
import { clusterrolebindings, rolebindings } from './bindings';

const binding = (
  roleRef: Record<string, unknown>,
  subjects: unknown[],
  kind = 'RoleBinding',
): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name: 'readers', namespace: 'default', creationTimestamp: '2026-01-01T11:59:00Z' },
  roleRef,
  subjects,
});

const viewRef = { kind: 'ClusterRole', name: 'view' };

describe('RoleBinding', () => {
  it('defaults API groups of the roleRef and subjects', () => {
    const obj = binding({ ...viewRef }, [
      { kind: 'User', name: 'alice' },
      { kind: 'Group', name: 'devs' },
      { kind: 'ServiceAccount', name: 'default', namespace: 'default' },
    ]);
    expect(createThrough(rolebindings, obj)).toEqual([]);
    expect(obj.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', ...viewRef });
    expect(obj.subjects).toEqual([
      { kind: 'User', name: 'alice', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'Group', name: 'devs', apiGroup: 'rbac.authorization.k8s.io' },
      { kind: 'ServiceAccount', name: 'default', namespace: 'default' },
    ]);
  });

  it.each<[string, KubeObject, string[]]>([
    [
      'bad ref kind',
      binding({ kind: 'Pod', name: 'x' }, []),
      ['roleRef.kind: Unsupported value: "Pod": supported values: "Role", "ClusterRole"'],
    ],
    [
      'bad ref group',
      binding({ ...viewRef, apiGroup: 'example.com' }, []),
      ['roleRef.apiGroup: Unsupported value: "example.com": supported values: "rbac.authorization.k8s.io"'],
    ],
    ['no ref name', binding({ kind: 'Role' }, []), ['roleRef.name: Required value']],
    [
      'bad subject kind',
      binding(viewRef, [{ kind: 'Robot', name: 'r2' }]),
      ['subjects[0].kind: Unsupported value: "Robot": supported values: "ServiceAccount", "User", "Group"'],
    ],
    ['subject without name', binding(viewRef, [{ kind: 'User' }]), ['subjects[0].name: Required value']],
    [
      'service account with group',
      binding(viewRef, [{ kind: 'ServiceAccount', name: 'sa', apiGroup: 'rbac.authorization.k8s.io' }]),
      ['subjects[0].apiGroup: Unsupported value: "rbac.authorization.k8s.io": supported values: ""'],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(messages(createThrough(rolebindings, obj))).toEqual(expected);
  });

  it('refuses roleRef changes', () => {
    const old = binding({ ...viewRef }, []);
    createThrough(rolebindings, old);
    const next = copy(old);
    (next.roleRef as Record<string, unknown>).name = 'edit';
    expect(messages(updateThrough(rolebindings, next, old))).toEqual([
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"edit"}: cannot change roleRef',
    ]);
  });

  it('prints role and subjects', () => {
    const obj = binding({ ...viewRef }, [
      { kind: 'User', name: 'alice' },
      { kind: 'User', name: 'bob' },
      { kind: 'ServiceAccount', name: 'ci', namespace: 'tools' },
    ]);
    expect(rolebindings.table?.cells(obj, now)).toEqual([
      'readers',
      'ClusterRole/view',
      '60s',
      'alice, bob',
      '',
      'tools/ci',
    ]);
  });
});

describe('ClusterRoleBinding', () => {
  it.each<[string, KubeObject, string[]]>([
    [
      'Role ref',
      binding({ kind: 'Role', name: 'x' }, [], 'ClusterRoleBinding'),
      ['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"'],
    ],
    [
      'SA without namespace',
      binding(viewRef, [{ kind: 'ServiceAccount', name: 'sa' }], 'ClusterRoleBinding'),
      ['subjects[0].namespace: Required value'],
    ],
  ])('%s', (_name, obj, expected) => {
    delete obj.metadata.namespace;
    expect(messages(createThrough(clusterrolebindings, obj))).toEqual(expected);
  });
});
