import { describe, expect, it } from 'vitest';
import { matchScore, pageItems, rankItems } from './palette-items';

describe('pageItems', () => {
  it('adds the project pages inside a project', () => {
    const paths = pageItems('/projects/demo/statefulsets').map((i) => i.path);
    expect(paths).toContain('/projects/demo/statefulsets');
    expect(paths).toContain('/workspaces');
    expect(paths.some((p) => p.startsWith('/workspaces/'))).toBe(false);
  });
  it('adds the workspace pages inside a workspace', () => {
    expect(pageItems('/workspaces/w1/overview').map((i) => i.path)).toContain('/workspaces/w1/members');
  });
});

describe('matchScore / rankItems', () => {
  it.each([
    ['StatefulSets', 'state', 3],
    ['StatefulSets', 'sets', 2],
    ['StatefulSets', 'sfs', 1],
    ['StatefulSets', 'xyz', 0],
    ['anything', '', 1],
  ])('%s / %s', (text, q, want) => expect(matchScore(text, q)).toBe(want));
  it('ranks prefix matches first', () => {
    const items = [
      { display: 'Deployments' },
      { display: 'Pods' },
      { display: 'Deployment mysql' },
      { display: 'ConfigMaps' },
    ];
    expect(rankItems(items, 'dep').map((i) => i.display)).toEqual(['Deployments', 'Deployment mysql']);
  });
});
