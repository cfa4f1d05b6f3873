/**
 * @module registry/authentication/selfsubjectreviews
 * authentication.k8s.io/v1 SelfSubjectReview: answers "who am I?" (`kubectl auth whoami`) with the
 * requesting user's identity; nothing is stored.
 */
import type { KubeObject } from '@sphere/shared';
import type { ResourceDescriptor, UserInfo } from '../types';

/** The answer to a SelfSubjectReview for `user`, stamped with `now`. */
export function selfSubjectReviewFor(user: UserInfo, now: Date): KubeObject {
  const userInfo: Record<string, unknown> = { username: user.username, groups: [...user.groups] };
  if (user.uid) userInfo.uid = user.uid;
  return {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'SelfSubjectReview',
    metadata: { creationTimestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z') },
    status: { userInfo },
  };
}

/** The descriptor, with an injectable clock for the answer's timestamp. */
export function selfSubjectReviewsDescriptor(clock: () => Date = () => new Date()): ResourceDescriptor {
  return {
    group: 'authentication.k8s.io',
    version: 'v1',
    kind: 'SelfSubjectReview',
    plural: 'selfsubjectreviews',
    singular: 'selfsubjectreview',
    namespaced: false,
    verbs: ['create'],
    schemaId: 'io.k8s.api.authentication.v1.SelfSubjectReview',
    strategicMerge: true,
    virtual: { create: (_obj, user) => selfSubjectReviewFor(user, clock()) },
  };
}

/** authentication.k8s.io/v1 selfsubjectreviews. */
export const selfsubjectreviews = selfSubjectReviewsDescriptor();
