import { describe, expect, it } from 'vitest';
import type { UserObject } from '../../api/iam';
import { accountStatus, editedUser, withState } from './account-model';

const user: UserObject = {
  apiVersion: 'iam.kubesphere.io/v1alpha2',
  kind: 'User',
  metadata: {
    name: 'alice',
    resourceVersion: '7',
    uid: 'u1',
    creationTimestamp: '2026-01-01T00:00:00Z',
    labels: { team: 'a' },
    annotations: {
      'iam.kubesphere.io/globalrole': 'platform-regular',
      'kubesphere.io/description': 'old',
      'kubesphere.io/alias-name': 'Alice',
    },
  },
  spec: { email: 'a@example.com', lang: 'en' },
  status: { state: 'Active', lastLoginTime: '2026-01-02T00:00:00Z' },
};

describe('account requests', () => {
  it('edit keeps labels, other annotations and spec fields; sets role, email, description', () => {
    const out = editedUser(user, { email: 'b@example.com', role: 'users-manager', description: 'new' });
    expect(out.metadata).toEqual({
      name: 'alice',
      resourceVersion: '7',
      labels: { team: 'a' },
      annotations: {
        'iam.kubesphere.io/globalrole': 'users-manager',
        'kubesphere.io/description': 'new',
        'kubesphere.io/alias-name': 'Alice',
      },
    });
    expect(out.spec).toMatchObject({ email: 'b@example.com', lang: 'en' });
    expect(out.spec?.password).toBeUndefined();
    expect(user.metadata.annotations?.['kubesphere.io/description']).toBe('old');
  });

  it('an empty description removes the annotation', () => {
    const out = editedUser(user, { email: 'a@example.com', role: 'platform-regular', description: '' });
    expect(out.metadata.annotations).not.toHaveProperty('kubesphere.io/description');
  });

  it('disable/enable change only the state', () => {
    const out = withState(user, 'Disabled');
    expect(out.status).toEqual({ state: 'Disabled', lastLoginTime: '2026-01-02T00:00:00Z' });
    expect(out.metadata.annotations).toEqual(user.metadata.annotations);
  });

  it.each([
    ['Active', 'ACTIVE', 'success'],
    [undefined, 'ACTIVE', 'success'],
    ['Disabled', 'DISABLED', 'default'],
    ['AuthLimitExceeded', 'AUTH_LIMIT_EXCEEDED', 'warning'],
  ])('status %s', (state, key, tone) => expect(accountStatus(state)).toEqual({ key, tone }));
});
