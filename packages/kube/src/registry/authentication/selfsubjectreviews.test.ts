import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { selfSubjectReviewsDescriptor } from './selfsubjectreviews';

describe('SelfSubjectReview', () => {
  it('echoes the requesting user', async () => {
    const d = selfSubjectReviewsDescriptor(() => new Date('2026-01-01T12:00:00.123Z'));
    const body: KubeObject = {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
      metadata: {},
    };
    const out = await d.virtual?.create(body, {
      username: 'alice',
      uid: 'u-1',
      groups: ['dev', 'system:authenticated'],
    });
    expect(out).toEqual({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'SelfSubjectReview',
      metadata: { creationTimestamp: '2026-01-01T12:00:00Z' },
      status: { userInfo: { username: 'alice', uid: 'u-1', groups: ['dev', 'system:authenticated'] } },
    });
    expect(d.verbs).toEqual(['create']);
  });
});
