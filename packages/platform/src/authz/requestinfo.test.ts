import { describe, expect, it } from 'vitest';
import { requestAttributes } from './requestinfo';

describe('requestAttributes', () => {
  it.each([
    [
      'GET',
      '/api/v1/namespaces/ns1/pods',
      { verb: 'list', resource: 'pods', namespace: 'ns1', scope: 'Namespace' },
    ],
    ['GET', '/api/v1/namespaces/ns1/pods?watch=1', { verb: 'watch', resource: 'pods' }],
    ['GET', '/api/v1/namespaces/ns1/pods/p/log', { verb: 'get', name: 'p', subresource: 'log' }],
    ['GET', '/api/v1/namespaces/ns1', { verb: 'get', resource: 'namespaces', name: 'ns1', namespace: 'ns1' }],
    ['DELETE', '/apis/apps/v1/namespaces/a/deployments', { verb: 'deletecollection', apiGroup: 'apps' }],
    ['GET', '/api/v1/pods', { verb: 'list', scope: 'Cluster', namespace: '' }],
    ['GET', '/api/v1/namespaces/a/pods?fieldSelector=metadata.name%3Dp1', { verb: 'list', name: 'p1' }],
    ['GET', '/apis', { resourceRequest: false }],
    [
      'POST',
      '/kapis/iam.kubesphere.io/v1alpha2/users',
      { verb: 'create', resource: 'users', scope: 'Global' },
    ],
    ['PUT', '/kapis/iam.kubesphere.io/v1alpha2/users/u1/password', { name: 'u1', subresource: 'password' }],
    [
      'POST',
      '/kapis/tenant.kubesphere.io/v1alpha2/workspaces/w/namespaces',
      { workspace: 'w', resource: 'namespaces', scope: 'Workspace' },
    ],
    [
      'DELETE',
      '/kapis/tenant.kubesphere.io/v1alpha2/workspaces/w/namespaces/n',
      { workspace: 'w', namespace: 'n', name: 'n', scope: 'Namespace' },
    ],
    [
      'GET',
      '/kapis/tenant.kubesphere.io/v1alpha2/workspaces/w',
      { workspace: 'w', resource: 'workspaces', name: 'w', scope: 'Workspace' },
    ],
    ['GET', '/kapis/tenant.kubesphere.io/v1alpha2/workspaces', { resource: 'workspaces', scope: 'Global' }],
    [
      'GET',
      '/kapis/iam.kubesphere.io/v1alpha2/workspaces/w/workspacemembers',
      { workspace: 'w', resource: 'workspacemembers' },
    ],
  ])('%s %s', (method, target, want) => {
    const url = new URL(target, 'http://x');
    expect(requestAttributes(method, url.pathname, url.searchParams)).toMatchObject(want);
  });
});
