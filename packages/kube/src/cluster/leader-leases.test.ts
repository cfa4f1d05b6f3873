import { describe, expect, it } from 'vitest';
import { LEASE_DURATION_SECONDS, microTime, nextLeaseSpec } from './leader-leases';

const t0 = new Date('2026-12-06T10:00:00.123Z');
const later = (s: number) => new Date(t0.getTime() + s * 1000);

describe('nextLeaseSpec', () => {
  const ours = nextLeaseSpec(undefined, 'me', t0);

  it.each([
    {
      name: 'acquires a missing lease with no transitions',
      current: undefined,
      now: t0,
      want: { holderIdentity: 'me', acquireTime: microTime(t0), leaseTransitions: 0 },
    },
    {
      name: 'renews its own live lease, keeping the acquire time',
      current: ours,
      now: later(2),
      want: { holderIdentity: 'me', acquireTime: microTime(t0), renewTime: microTime(later(2)) },
    },
    {
      name: 'takes over an expired lease of another holder, counting the transition',
      current: { ...ours, holderIdentity: 'other', leaseTransitions: 3 },
      now: later(LEASE_DURATION_SECONDS + 1),
      want: { holderIdentity: 'me', acquireTime: microTime(later(16)), leaseTransitions: 4 },
    },
    {
      name: 're-acquires its own lease after it expired (a paused process)',
      current: ours,
      now: later(LEASE_DURATION_SECONDS),
      want: { acquireTime: microTime(later(LEASE_DURATION_SECONDS)), leaseTransitions: 1 },
    },
    {
      // One process per data dir holds these; a live lease of another identity is a restart's leftover
      // that this process replaces at once rather than waiting (it is the only control plane).
      name: 'replaces a live lease of another holder',
      current: { ...ours, holderIdentity: 'previous-run' },
      now: later(1),
      want: { holderIdentity: 'me', leaseTransitions: 1 },
    },
  ])('$name', ({ current, now, want }) => {
    expect(nextLeaseSpec(current, 'me', now)).toMatchObject({
      leaseDurationSeconds: LEASE_DURATION_SECONDS,
      renewTime: microTime(now),
      ...want,
    });
  });

  it('writes MicroTime with microseconds, as client-go does', () => {
    expect(microTime(t0)).toBe('2026-12-06T10:00:00.123000Z');
  });
});
