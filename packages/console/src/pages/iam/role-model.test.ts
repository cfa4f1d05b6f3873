import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { customRole, templateMatrix, withDependencies } from './role-model';

const tpl = (name: string, rules?: Record<string, string>, deps?: string[]): KubeObject => ({
  metadata: {
    name,
    annotations: {
      ...(rules ? { 'iam.kubesphere.io/role-template-rules': JSON.stringify(rules) } : {}),
      ...(deps ? { 'iam.kubesphere.io/dependencies': JSON.stringify(deps) } : {}),
    },
  },
});

const templates = [
  tpl('role-template-manage-workloads', { workloads: 'manage' }, ['role-template-view-workloads']),
  tpl('role-template-view-workloads', { workloads: 'view' }),
  tpl('role-template-view-configs'),
  tpl('role-template-manage-configs', undefined, ['role-template-view-configs']),
  tpl('something-else'),
];

describe('role templates', () => {
  it('groups by module, view before manage, modules sorted', () => {
    expect(templateMatrix(templates)).toEqual([
      {
        module: 'configs',
        options: [
          { name: 'role-template-view-configs', access: 'view', dependencies: [] },
          {
            name: 'role-template-manage-configs',
            access: 'manage',
            dependencies: ['role-template-view-configs'],
          },
        ],
      },
      {
        module: 'workloads',
        options: [
          { name: 'role-template-view-workloads', access: 'view', dependencies: [] },
          {
            name: 'role-template-manage-workloads',
            access: 'manage',
            dependencies: ['role-template-view-workloads'],
          },
        ],
      },
    ]);
  });
  it('adds dependencies of the selection', () => {
    const m = templateMatrix(templates);
    expect(withDependencies(['role-template-manage-workloads'], m)).toEqual([
      'role-template-manage-workloads',
      'role-template-view-workloads',
    ]);
    expect(withDependencies([], m)).toEqual([]);
  });
  it.each([
    [{ kind: 'global' as const }, 'iam.kubesphere.io/v1alpha2', 'GlobalRole'],
    [{ kind: 'workspace' as const, workspace: 'w' }, 'iam.kubesphere.io/v1alpha2', 'WorkspaceRole'],
    [{ kind: 'namespace' as const, namespace: 'n' }, 'rbac.authorization.k8s.io/v1', 'Role'],
  ])('custom role for %j', (scope, apiVersion, kind) => {
    expect(customRole(scope, 'dev', 'developers', ['a', 'b'])).toEqual({
      apiVersion,
      kind,
      metadata: {
        name: 'dev',
        annotations: {
          'iam.kubesphere.io/aggregation-roles': '["a","b"]',
          'kubesphere.io/description': 'developers',
        },
      },
      rules: [],
    });
  });
});
