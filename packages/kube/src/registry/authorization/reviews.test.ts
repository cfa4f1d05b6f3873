import { isStatusError, type KubeObject } from '@sphere/shared';
import { afterEach, describe, expect, it } from 'vitest';
import type { UserInfo } from '../types';
import { setAccessReviewer, setRulesReviewer, type AccessAttributes } from './access-review';
import {
  localsubjectaccessreviews,
  selfsubjectaccessreviews,
  selfsubjectrulesreviews,
  subjectaccessreviews,
} from './reviews';

const admin: UserInfo = { username: 'admin', groups: ['system:masters', 'system:authenticated'] };
const alice: UserInfo = { username: 'alice', groups: ['system:authenticated'] };

const ssar = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'authorization.k8s.io/v1',
  kind: 'SelfSubjectAccessReview',
  metadata: {},
  spec,
});

const canGetPods = { resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } };

async function invalidMessage(p: Promise<unknown> | unknown): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isStatusError(err)) return `${err.code} ${err.message}`;
    throw err;
  }
  return 'no error';
}

afterEach(() => {
  setAccessReviewer();
  setRulesReviewer();
});

describe('SelfSubjectAccessReview', () => {
  it.each<[string, UserInfo, boolean]>([
    ['masters may', admin, true],
    ['others may not by default', alice, false],
  ])('%s', async (_name, user, allowed) => {
    const out = await selfsubjectaccessreviews.virtual?.create(ssar(canGetPods), user);
    expect(out?.status).toMatchObject({ allowed });
    expect((out?.status as { reason?: string }).reason).toBeTruthy();
    expect(out?.spec).toEqual(canGetPods);
  });

  it('asks the installed reviewer with the request attributes', async () => {
    const seen: [string, AccessAttributes][] = [];
    setAccessReviewer((user, attrs) => {
      seen.push([user.username, attrs]);
      return { allowed: attrs.verb === 'get', reason: 'RBAC: allowed by RoleBinding "r/default"' };
    });
    const out = await selfsubjectaccessreviews.virtual?.create(ssar(canGetPods), alice);
    expect(out?.status).toEqual({ allowed: true, reason: 'RBAC: allowed by RoleBinding "r/default"' });
    expect(seen).toEqual([
      [
        'alice',
        {
          verb: 'get',
          resourceRequest: true,
          group: '',
          version: '',
          resource: 'pods',
          subresource: '',
          name: '',
          namespace: 'default',
        },
      ],
    ]);
    const url = await selfsubjectaccessreviews.virtual?.create(
      ssar({ nonResourceAttributes: { path: '/healthz', verb: 'post' } }),
      alice,
    );
    expect(url?.status).toMatchObject({ allowed: false });
    expect(seen[1][1]).toEqual({ verb: 'post', path: '/healthz', resourceRequest: false });
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'neither',
      {},
      '422 SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    ],
    [
      'both',
      { ...canGetPods, nonResourceAttributes: { path: '/x', verb: 'get' } },
      '422 SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: {"path":"/x","verb":"get"}: cannot be specified in combination with resourceAttributes',
    ],
  ])('rejects %s', async (_name, spec, expected) => {
    expect(await invalidMessage(selfsubjectaccessreviews.virtual?.create(ssar(spec), admin))).toBe(expected);
  });

  it('is create-only and cluster-scoped', () => {
    expect(selfsubjectaccessreviews.verbs).toEqual(['create']);
    expect(selfsubjectaccessreviews.namespaced).toBe(false);
  });
});

describe('SubjectAccessReview', () => {
  it('reviews the user named in the spec', async () => {
    const users: UserInfo[] = [];
    setAccessReviewer((user) => {
      users.push(user);
      return { allowed: false, denied: true, reason: 'explicitly denied' };
    });
    const obj: KubeObject = {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      metadata: {},
      spec: { user: 'bob', groups: ['dev'], uid: 'u-1', ...canGetPods },
    };
    const out = await subjectaccessreviews.virtual?.create(obj, admin);
    expect(out?.status).toEqual({ allowed: false, denied: true, reason: 'explicitly denied' });
    expect(users).toEqual([{ username: 'bob', groups: ['dev'], uid: 'u-1' }]);
  });

  it('needs a user or a group', async () => {
    const obj: KubeObject = {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      metadata: {},
      spec: canGetPods,
    };
    expect(await invalidMessage(subjectaccessreviews.virtual?.create(obj, admin))).toBe(
      '422 SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified',
    );
  });
});

describe('SelfSubjectRulesReview', () => {
  const ssrr: KubeObject = {
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectRulesReview',
    metadata: {},
    spec: { namespace: 'default' },
  };

  it('lists everything for masters by default', async () => {
    const out = await selfsubjectrulesreviews.virtual?.create(ssrr, admin);
    expect(out?.status).toEqual({
      resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
      nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
      incomplete: false,
    });
  });

  it('asks the installed rules reviewer for the namespace', async () => {
    setRulesReviewer((user, namespace) => ({
      resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: [`${namespace}-${user.username}`] }],
      nonResourceRules: [],
      incomplete: false,
    }));
    const out = await selfsubjectrulesreviews.virtual?.create(ssrr, alice);
    expect(out?.status).toMatchObject({ resourceRules: [{ resources: ['default-alice'] }] });
  });
});

describe('LocalSubjectAccessReview', () => {
  const lsar = (namespace: string, spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'LocalSubjectAccessReview',
    metadata: { namespace },
    spec: { user: 'bob', ...spec },
  });

  it('reviews within its namespace', async () => {
    setAccessReviewer((_user, attrs) => ({ allowed: attrs.namespace === 'team-a' }));
    const out = await localsubjectaccessreviews.virtual?.create(
      lsar('team-a', { resourceAttributes: { namespace: 'team-a', verb: 'list', resource: 'pods' } }),
      admin,
    );
    expect(out?.status).toEqual({ allowed: true });
    expect(localsubjectaccessreviews.namespaced).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'other namespace',
      { resourceAttributes: { namespace: 'team-b', verb: 'list', resource: 'pods' } },
      '422 LocalSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes.namespace: Invalid value: "team-b": must match metadata.namespace',
    ],
    [
      'non-resource',
      { nonResourceAttributes: { path: '/healthz', verb: 'get' } },
      '422 LocalSubjectAccessReview.authorization.k8s.io "" is invalid: spec.nonResourceAttributes: Invalid value: {"path":"/healthz","verb":"get"}: disallowed on this kind of request',
    ],
  ])('rejects %s', async (_name, spec, expected) => {
    expect(await invalidMessage(localsubjectaccessreviews.virtual?.create(lsar('team-a', spec), admin))).toBe(
      expected,
    );
  });
});
