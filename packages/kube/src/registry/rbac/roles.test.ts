import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { createThrough, messages, now } from '../apps/test-support';
import { clusterroles, roles } from './roles';

const role = (rules: unknown[], kind = 'Role'): KubeObject => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind,
  metadata: { name: 'system:reader', namespace: 'default', creationTimestamp: '2026-01-01T10:00:00Z' },
  rules,
});

describe('Role and ClusterRole rules', () => {
  it.each<[string, unknown[], string[]]>([
    ['valid', [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }], []],
    [
      'no verbs',
      [{ apiGroups: [''], resources: ['pods'] }],
      ['rules[0].verbs: Required value: verbs must contain at least one value'],
    ],
    [
      'no api groups',
      [{ resources: ['pods'], verbs: ['get'] }],
      ['rules[0].apiGroups: Required value: resource rules must supply at least one api group'],
    ],
    [
      'no resources',
      [{ apiGroups: ['apps'], verbs: ['get'] }],
      ['rules[0].resources: Required value: resource rules must supply at least one resource'],
    ],
    [
      'non-resource URL in a Role',
      [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }],
      [
        'rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs',
      ],
    ],
  ])('Role: %s', (_name, rules, expected) => {
    expect(messages(createThrough(roles, role(rules)))).toEqual(expected);
  });

  it.each<[string, unknown[], string[]]>([
    ['non-resource URL', [{ nonResourceURLs: ['/healthz', '/version'], verbs: ['get'] }], []],
    [
      'both kinds of rule',
      [{ nonResourceURLs: ['/metrics'], resources: ['pods'], verbs: ['get'] }],
      [
        'rules[0].nonResourceURLs: Invalid value: []string{"/metrics"}: rules cannot apply to both regular resources and non-resource URLs',
      ],
    ],
  ])('ClusterRole: %s', (_name, rules, expected) => {
    expect(messages(createThrough(clusterroles, role(rules, 'ClusterRole')))).toEqual(expected);
  });

  it('validates aggregation selectors', () => {
    const obj = role([], 'ClusterRole');
    obj.aggregationRule = { clusterRoleSelectors: [{ matchExpressions: [{ key: 'a', operator: 'In' }] }] };
    expect(messages(createThrough(clusterroles, obj))).toEqual([
      "aggregationRule.clusterRoleSelectors[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
    ]);
  });

  it('uses path names and the default NAME / CREATED AT columns', () => {
    expect(roles.nameFormat).toBe('path');
    expect(clusterroles.table?.columns.map((c) => [c.name, c.type])).toEqual([
      ['Name', 'string'],
      ['Created At', 'date'],
    ]);
    expect(roles.table?.cells(role([]), now)).toEqual(['system:reader', '2026-01-01T10:00:00Z']);
  });
});
