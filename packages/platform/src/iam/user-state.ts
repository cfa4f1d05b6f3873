/**
 * @module iam/user-state
 * The user status state machine and the failed-login lockout, as pure decisions:
 * - `Disabled` is sticky: only an administrator sets or clears it;
 * - a user without status becomes `Active`;
 * - N failed logins within the window (and after the last state change) ⇒ `AuthLimitExceeded`;
 * - `AuthLimitExceeded` returns to `Active` once the window has passed since the lock.
 */
import type { LoginRecordObject, UserObject } from '../context';

export interface LockoutPolicy {
  maxTries: number;
  windowSeconds: number;
}

export type UserStatus = NonNullable<UserObject['status']>;

/** Whether a locked user is still locked at `now`. */
export function isLocked(user: UserObject, now: Date, policy: LockoutPolicy): boolean {
  if (user.status?.state !== 'AuthLimitExceeded') return false;
  const since = Date.parse(user.status.lastTransitionTime ?? '') || 0;
  return now.getTime() < since + policy.windowSeconds * 1000;
}

/** Failed logins that count towards a lock: newer than the window start and the last state change. */
export function countRecentFailures(
  user: UserObject,
  records: LoginRecordObject[],
  now: Date,
  policy: LockoutPolicy,
): number {
  const windowStart = now.getTime() - policy.windowSeconds * 1000;
  const lastChange = Date.parse(user.status?.lastTransitionTime ?? '') || 0;
  const from = Math.max(windowStart, lastChange);
  return records.filter((r) => !r.spec.success && recordTime(r) >= from).length;
}

/** Creation instant of a login record, with millisecond precision when we wrote it. */
export function recordTime(r: LoginRecordObject): number {
  const precise = r.metadata.annotations?.['iam.kubesphere.io/login-time'];
  return Date.parse(precise ?? r.metadata.creationTimestamp ?? '') || 0;
}

/** The status a user should have now, or undefined when the current one is right. */
export function desiredStatus(
  user: UserObject,
  records: LoginRecordObject[],
  now: Date,
  policy: LockoutPolicy,
): UserStatus | undefined {
  const state = user.status?.state;
  const stamp = now.toISOString();
  if (state === 'Disabled') return undefined;
  if (!state) return { ...user.status, state: 'Active', lastTransitionTime: stamp };
  if (state === 'AuthLimitExceeded') {
    return isLocked(user, now, policy)
      ? undefined
      : { ...user.status, state: 'Active', reason: '', lastTransitionTime: stamp };
  }
  if (countRecentFailures(user, records, now, policy) >= policy.maxTries) {
    return {
      ...user.status,
      state: 'AuthLimitExceeded',
      reason: `Failed login attempts exceed ${policy.maxTries} in last ${policy.windowSeconds}s`,
      lastTransitionTime: stamp,
    };
  }
  return undefined;
}

/** Which login records to delete: older than the retention period, or beyond the newest `maxEntries`. */
export function expiredRecords(
  records: LoginRecordObject[],
  now: Date,
  retentionSeconds: number,
  maxEntries: number,
): LoginRecordObject[] {
  const cutoff = now.getTime() - retentionSeconds * 1000;
  const newestFirst = [...records].sort((a, b) => recordTime(b) - recordTime(a));
  return newestFirst.filter((r, i) => i >= maxEntries || recordTime(r) < cutoff);
}
