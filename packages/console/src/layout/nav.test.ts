import { describe, expect, it } from 'vitest';
import { filterNav, navLeaves, PLATFORM_NAV, PROJECT_NAV, WORKSPACE_NAV } from './nav';

const keys = (items: ReturnType<typeof filterNav>) => navLeaves(items).map((i) => i.key);

describe('filterNav', () => {
  it('viewer of workloads only sees overview, workloads and base info in a project', () => {
    const visible = keys(filterNav(PROJECT_NAV, { workloads: ['view'] }));
    expect(visible).toEqual([
      'OVERVIEW',
      'DEPLOYMENTS',
      'STATEFULSETS',
      'DAEMONSETS',
      'JOBS',
      'CRONJOBS',
      'PODS',
      'SERVICES',
      'ROUTES',
      'BASE_INFO',
    ]);
  });
  it('drops groups whose children are all hidden', () => {
    const groups = filterNav(PROJECT_NAV, {}).map((i) => i.key);
    expect(groups).toEqual(['OVERVIEW', 'PROJECT_SETTINGS']);
  });
  it('wildcard and unknown rules show everything', () => {
    expect(keys(filterNav(PROJECT_NAV, { _: ['manage'] }))).toEqual(keys(PROJECT_NAV));
    expect(keys(filterNav(WORKSPACE_NAV, null))).toEqual(keys(WORKSPACE_NAV));
  });
  it.each([
    [{ workspaces: ['view'] as const }, []],
    [{ workspaces: ['manage'] as const, nodes: ['view'] as const }, ['WORKSPACES', 'NODES']],
  ])('platform entries need their action (%j)', (rules, want) => {
    expect(keys(filterNav(PLATFORM_NAV, { ...rules } as never))).toEqual(want);
  });
  it('admin-only items need the admin flag', () => {
    const items = [{ key: 'X', path: 'x', admin: true, skipAuth: true }];
    expect(filterNav(items, null, false)).toEqual([]);
    expect(filterNav(items, null, true)).toHaveLength(1);
  });
});
