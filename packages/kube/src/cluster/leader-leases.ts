/**
 * @module cluster/leader-leases
 * kube-controller-manager and kube-scheduler hold leader-election Leases in kube-system on a real cluster,
 * and tools read their health from them (`kubectl get lease -n kube-system`, KubeSphere's service
 * components page). The embedded cluster runs both in its own process, so it holds the same Leases with
 * the upstream timings: 15 s duration, renewed every 2 s while the process lives. A stopped process stops
 * renewing, so its Leases go stale exactly like a crashed leader's.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { KubeObject } from '@sphere/shared';
import { resources, type KubeClient } from '../client/in-process';
import type { Clock } from '../controllers/runtime/clock';

export const LEADER_COMPONENTS = ['kube-controller-manager', 'kube-scheduler'] as const;
export const LEASE_DURATION_SECONDS = 15;
export const RETRY_PERIOD_MS = 2000;

const leases = resources.leases;

/** A Lease's MicroTime (RFC 3339 with microseconds), as client-go writes it. */
export function microTime(at: Date): string {
  return at.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/**
 * The spec this holder writes: a fresh acquisition when the Lease is missing, expired or held by someone
 * else (leaseTransitions counts holder changes), a renewal otherwise.
 */
export function nextLeaseSpec(
  current: Record<string, unknown> | undefined,
  holder: string,
  now: Date,
): Record<string, unknown> {
  const renew = microTime(now);
  const heldByUs = current?.holderIdentity === holder;
  const renewedAt = typeof current?.renewTime === 'string' ? Date.parse(current.renewTime) : NaN;
  const duration = typeof current?.leaseDurationSeconds === 'number' ? current.leaseDurationSeconds : 0;
  const expired = !(renewedAt + duration * 1000 > now.getTime());
  if (current && heldByUs && !expired) return { ...current, renewTime: renew };
  const transitions = typeof current?.leaseTransitions === 'number' ? current.leaseTransitions : 0;
  return {
    holderIdentity: holder,
    leaseDurationSeconds: LEASE_DURATION_SECONDS,
    acquireTime: renew,
    renewTime: renew,
    leaseTransitions: current ? transitions + 1 : 0,
  };
}

export interface LeaderLeases {
  stop(): void;
}

/** Holds the Leases of `components` through `client` until stopped. */
export function holdLeaderLeases(
  client: KubeClient,
  clock: Clock,
  log: (line: string) => void,
  components: readonly string[] = LEADER_COMPONENTS,
): LeaderLeases {
  // Upstream identities are "<hostname>_<uuid>": unique per process, so a restart is a new holder.
  const holder = `${hostname()}_${randomUUID()}`;
  let stopped = false;
  let cancel: (() => void) | undefined;
  const renewOne = async (name: string): Promise<void> => {
    const current: KubeObject | undefined = await client
      .get(leases, 'kube-system', name)
      .catch(() => undefined);
    const spec = nextLeaseSpec(current?.spec as Record<string, unknown> | undefined, holder, clock.now());
    if (current) {
      await client.update(leases, { ...current, spec });
    } else {
      await client.create(leases, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name, namespace: 'kube-system' },
        spec,
      });
    }
  };
  const tick = async (): Promise<void> => {
    if (stopped) return;
    // A conflict (another writer in between) is simply retried at the next period, as client-go does.
    await Promise.all(
      components.map((c) => renewOne(c).catch((err: Error) => log(`lease ${c}: ${err.message}`))),
    );
    if (!stopped) cancel = clock.setTimeout(() => void tick(), RETRY_PERIOD_MS);
  };
  void tick();
  return {
    stop() {
      stopped = true;
      cancel?.();
    },
  };
}
