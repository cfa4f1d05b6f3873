import { describe, expect, it } from 'vitest';
import { KINDS } from '../resources/kinds';
import { kubePath, listPath, rulesPath } from './paths';

describe('kubePath', () => {
  it.each([
    [KINDS.statefulsets, 'demo', undefined, undefined, '/apis/apps/v1/namespaces/demo/statefulsets'],
    [KINDS.statefulsets, 'demo', 'mysql', undefined, '/apis/apps/v1/namespaces/demo/statefulsets/mysql'],
    [KINDS.pods, 'demo', 'p-0', 'log', '/api/v1/namespaces/demo/pods/p-0/log'],
    [KINDS.nodes, 'ignored', 'n1', undefined, '/api/v1/nodes/n1'],
    [KINDS.services, undefined, undefined, undefined, '/api/v1/services'],
    [KINDS.ingresses, 'a b', undefined, undefined, '/apis/networking.k8s.io/v1/namespaces/a%20b/ingresses'],
  ])('%o', (ref, ns, name, sub, want) => expect(kubePath(ref, ns, name, sub)).toBe(want));
});

describe('listPath', () => {
  it.each([
    [KINDS.deployments, 'demo', '/kapis/resources.kubesphere.io/v1alpha3/namespaces/demo/deployments'],
    [KINDS.nodes, undefined, '/kapis/resources.kubesphere.io/v1alpha3/nodes'],
    [KINDS.pods, undefined, '/kapis/resources.kubesphere.io/v1alpha3/pods'],
  ])('%o', (ref, ns, want) => expect(listPath(ref, ns)).toBe(want));
});

describe('rulesPath', () => {
  it.each([
    [{ username: 'u' }, '/kapis/iam.kubesphere.io/v1alpha2/users/u/rules'],
    [{ username: 'u', workspace: 'w' }, '/kapis/iam.kubesphere.io/v1alpha2/users/u/rules?workspace=w'],
    [
      { username: 'u', workspace: 'w', namespace: 'n' },
      '/kapis/iam.kubesphere.io/v1alpha2/users/u/rules?namespace=n',
    ],
  ])('%o', (scope, want) => expect(rulesPath(scope)).toBe(want));
});
