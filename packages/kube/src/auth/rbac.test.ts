import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { authorize, ruleAllows, type RbacSource } from './rbac';

const obj = (name: string, extra: Record<string, unknown>, namespace?: string): KubeObject => ({
  metadata: { name, namespace },
  ...extra,
});

const source: RbacSource = {
  clusterRole: (name) =>
    ({
      view: obj('view', {
        rules: [
          { verbs: ['get', 'list', 'watch'], apiGroups: ['', 'apps'], resources: ['pods', 'deployments'] },
        ],
      }),
    })[name],
  role: (ns, name) =>
    ns === 'dev' && name === 'editor'
      ? obj(
          'editor',
          { rules: [{ verbs: ['*'], apiGroups: ['apps'], resources: ['deployments', 'deployments/scale'] }] },
          'dev',
        )
      : undefined,
  clusterRoleBindings: () => [
    obj('viewers', {
      subjects: [{ kind: 'Group', name: 'viewers' }],
      roleRef: { kind: 'ClusterRole', name: 'view' },
    }),
  ],
  roleBindings: (ns) =>
    ns === 'dev'
      ? [
          obj(
            'alice-edit',
            { subjects: [{ kind: 'User', name: 'alice' }], roleRef: { kind: 'Role', name: 'editor' } },
            'dev',
          ),
        ]
      : [],
};

const attrs = (verb: string, group: string, resource: string, namespace = 'dev', subresource = '') => ({
  verb,
  group,
  resource,
  namespace,
  subresource,
  name: '',
});

describe('RBAC', () => {
  it.each([
    [
      'masters may do anything',
      { username: 'root', groups: ['system:masters'] },
      attrs('delete', '', 'secrets'),
      true,
    ],
    [
      'group binding allows reads',
      { username: 'bob', groups: ['viewers'] },
      attrs('list', '', 'pods', 'prod'),
      true,
    ],
    [
      'group binding does not allow writes',
      { username: 'bob', groups: ['viewers'] },
      attrs('create', '', 'pods'),
      false,
    ],
    [
      'role binding allows in its namespace',
      { username: 'alice', groups: [] },
      attrs('update', 'apps', 'deployments', 'dev', 'scale'),
      true,
    ],
    [
      'role binding does not reach other namespaces',
      { username: 'alice', groups: [] },
      attrs('update', 'apps', 'deployments', 'prod'),
      false,
    ],
    [
      'subresources need their own rule',
      { username: 'alice', groups: [] },
      attrs('get', 'apps', 'deployments', 'dev', 'status'),
      false,
    ],
  ])('%s', (_name, user, a, allowed) => {
    expect(authorize(source, user, a).allowed).toBe(allowed);
  });

  it('honours resourceNames and wildcards', () => {
    const rule = { verbs: ['get'], apiGroups: ['*'], resources: ['configmaps'], resourceNames: ['a'] };
    expect(ruleAllows(rule, { ...attrs('get', 'x', 'configmaps'), name: 'a' })).toBe(true);
    expect(ruleAllows(rule, { ...attrs('get', 'x', 'configmaps'), name: 'b' })).toBe(false);
    expect(ruleAllows(rule, attrs('list', '', 'configmaps'))).toBe(false);
  });
});
