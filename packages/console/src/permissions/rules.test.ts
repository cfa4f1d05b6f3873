import { describe, expect, it } from 'vitest';
import { can, mergeRules, parseRules, type RuleMap } from './rules';

const role = (rules: Record<string, string>, star = false) => ({
  metadata: { annotations: { 'iam.kubesphere.io/role-template-rules': JSON.stringify(rules) } },
  rules: star ? [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] : [],
});

describe('parseRules', () => {
  it.each([
    [
      '3.x roles list',
      { items: [role({ workloads: 'view' }), role({ workloads: 'manage', secrets: 'view' })] },
      { workloads: ['view', 'manage'], secrets: ['view'] },
    ],
    ['wildcard role', [role({}, true)], { _: ['manage'] }],
    [
      '* resources in listed groups is no wildcard',
      [{ rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['apps'] }] }],
      {},
    ],
    [
      '2.0 simple rules',
      [{ name: 'projects', actions: ['view', 'create'] }],
      { projects: ['view', 'create'] },
    ],
    ['flat map', { members: ['view', 'edit', 'bogus'] }, { members: ['view', 'edit'] }],
    ['bad annotation', [{ metadata: { annotations: { 'iam.kubesphere.io/role-template-rules': '{' } } }], {}],
    ['nothing', null, {}],
    [
      'platform shape',
      { modules: { workloads: 'manage', configs: 'view' }, rules: [] },
      { workloads: ['manage'], configs: ['view'] },
    ],
    [
      'platform shape with wildcard and cluster resources',
      {
        modules: {},
        rules: [
          { verbs: ['*'], resources: ['*'], apiGroups: ['*'] },
          { verbs: ['get', 'list'], resources: ['nodes', 'storageclasses'] },
        ],
      },
      {
        _: ['manage'],
        nodes: ['view', 'manage'],
        storageclasses: ['view', 'manage'],
        projects: ['view', 'manage'],
        users: ['view', 'manage'],
        roles: ['view', 'manage'],
        workspaces: ['view', 'manage'],
        alerting: ['view', 'manage'],
      },
    ],
    [
      'reading alert policies and messages gives the alerting module view',
      {
        modules: {},
        rules: [
          { verbs: ['get', 'list'], apiGroups: ['alerting.kubesphere.io'], resources: ['rules', 'alerts'] },
        ],
      },
      { alerting: ['view'] },
    ],
    [
      'list only gives view',
      { modules: {}, rules: [{ verbs: ['get', 'list'], resources: ['nodes'] }] },
      { nodes: ['view'] },
    ],
    [
      'named resources grant no module',
      { modules: {}, rules: [{ verbs: ['*'], resources: ['users'], resourceNames: ['me'] }] },
      {},
    ],
  ])('%s', (_n, body, want) => expect(parseRules(body)).toEqual(want));
});

describe('can', () => {
  const rules: RuleMap = { workloads: ['view'], secrets: ['manage'], members: ['view', 'create'] };
  it.each([
    ['workloads', 'view', true],
    ['workloads', 'create', false],
    ['secrets', 'delete', true],
    ['members', 'create', true],
    ['members', 'delete', false],
    ['nodes|workloads', 'view', true],
    ['nodes', 'view', false],
  ] as const)('%s %s', (key, action, want) => expect(can(rules, key, action)).toBe(want));
  it('wildcard and unknown rules allow', () => {
    expect(can({ _: ['manage'] }, 'anything', 'delete')).toBe(true);
    expect(can(null, 'anything', 'delete')).toBe(true);
  });
});

describe('mergeRules', () => {
  it('unions actions across scopes', () => {
    expect(mergeRules({ a: ['view'] }, null, { a: ['edit'], b: ['view'] })).toEqual({
      a: ['view', 'edit'],
      b: ['view'],
    });
  });
});

describe('modulesFromPolicyRules and platform-API modules', () => {
  it('auditing and components need their API group, not just the resource name', async () => {
    const { modulesFromPolicyRules } = await import('./rules');
    const coreEvents = modulesFromPolicyRules([{ verbs: ['list'], apiGroups: [''], resources: ['events'] }]);
    expect(coreEvents.auditing).toBeUndefined();
    const auditor = modulesFromPolicyRules([
      { verbs: ['get', 'list'], apiGroups: ['auditing.kubesphere.io'], resources: ['events'] },
      { verbs: ['get', 'list'], apiGroups: ['resources.kubesphere.io'], resources: ['components'] },
    ]);
    expect(auditor.auditing).toEqual(['view']);
    expect(auditor.components).toEqual(['view']);
  });
});

describe('modulesFromPolicyRules and users', () => {
  it('does not show Accounts for the list-users right every user has, but does for write rights', async () => {
    const { modulesFromPolicyRules } = await import('./rules');
    const listOnly = modulesFromPolicyRules([
      { verbs: ['get', 'list', 'watch'], apiGroups: ['iam.kubesphere.io'], resources: ['users'] },
    ]);
    expect(listOnly.users).toBeUndefined();
    const manager = modulesFromPolicyRules([
      { verbs: ['*'], apiGroups: ['iam.kubesphere.io'], resources: ['users'] },
    ]);
    expect(manager.users).toEqual(expect.arrayContaining(['view', 'manage']));
  });
});
