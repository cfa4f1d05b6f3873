import { describe, expect, it } from 'vitest';
import type { LoginRecordObject, UserObject } from '../context';
import { desiredStatus, expiredRecords, isLocked } from './user-state';

const policy = { maxTries: 3, windowSeconds: 600 };
const now = new Date('2026-01-01T01:00:00Z');
const ago = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
const user = (status?: UserObject['status']): UserObject => ({ metadata: { name: 'u' }, spec: {}, status });
const rec = (secondsAgo: number, success: boolean, name = `r${secondsAgo}`): LoginRecordObject => ({
  metadata: { name, annotations: { 'iam.kubesphere.io/login-time': ago(secondsAgo) } },
  spec: { type: 'Token', success },
});

describe('desiredStatus', () => {
  it.each([
    ['new user becomes Active', user(), [], 'Active'],
    [
      'Disabled is sticky',
      user({ state: 'Disabled' }),
      [rec(1, false), rec(2, false), rec(3, false)],
      undefined,
    ],
    [
      '3 recent failures lock',
      user({ state: 'Active', lastTransitionTime: ago(3600) }),
      [rec(1, false), rec(2, false), rec(3, false)],
      'AuthLimitExceeded',
    ],
    [
      '2 failures do not',
      user({ state: 'Active', lastTransitionTime: ago(3600) }),
      [rec(1, false), rec(2, false), rec(3, true)],
      undefined,
    ],
    [
      'failures outside the window do not',
      user({ state: 'Active', lastTransitionTime: ago(7200) }),
      [rec(1, false), rec(2, false), rec(700, false)],
      undefined,
    ],
    [
      'failures before the last unlock do not',
      user({ state: 'Active', lastTransitionTime: ago(2) }),
      [rec(1, false), rec(3, false), rec(4, false)],
      undefined,
    ],
    [
      'lock holds within the window',
      user({ state: 'AuthLimitExceeded', lastTransitionTime: ago(60) }),
      [],
      undefined,
    ],
    [
      'lock lifts after the window',
      user({ state: 'AuthLimitExceeded', lastTransitionTime: ago(601) }),
      [],
      'Active',
    ],
  ])('%s', (_n, u, records, want) => {
    expect(desiredStatus(u, records, now, policy)?.state).toBe(want);
  });

  it('isLocked follows the same window', () => {
    expect(isLocked(user({ state: 'AuthLimitExceeded', lastTransitionTime: ago(10) }), now, policy)).toBe(
      true,
    );
    expect(isLocked(user({ state: 'AuthLimitExceeded', lastTransitionTime: ago(700) }), now, policy)).toBe(
      false,
    );
  });
});

describe('expiredRecords', () => {
  it('drops records past retention and beyond the newest N', () => {
    const records = [rec(10, true, 'a'), rec(20, true, 'b'), rec(30, true, 'c'), rec(5000, true, 'old')];
    expect(expiredRecords(records, now, 3600, 2).map((r) => r.metadata.name)).toEqual(['c', 'old']);
  });
});
