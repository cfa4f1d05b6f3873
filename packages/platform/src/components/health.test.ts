import { describe, expect, it } from 'vitest';
import { apiServerStatus, leaseStatus, nodeCounts, parseHealthChecks } from './health';

const NOW = new Date('2026-01-01T00:01:00Z');

describe('parseHealthChecks', () => {
  it('reads [+]/[-] lines and ignores the rest', () => {
    expect(
      parseHealthChecks(
        '[+]ping ok\n[-]etcd failed: reason withheld\n[+]poststarthook/x ok\nreadyz check failed\n',
      ),
    ).toEqual([
      { name: 'ping', ok: true },
      { name: 'etcd', ok: false },
      { name: 'poststarthook/x', ok: true },
    ]);
  });
});

describe('apiServerStatus', () => {
  it.each([
    [
      'both 200 with checks',
      { status: 200, body: '[+]ping ok\n[+]etcd ok' },
      { status: 200, body: 'ok' },
      'healthy',
    ],
    ['plain ok (embedded cluster)', { status: 200, body: 'ok' }, { status: 200, body: 'ok' }, 'healthy'],
    ['readyz 500', { status: 500, body: '[-]etcd failed' }, { status: 200, body: 'ok' }, 'unhealthy'],
    ['unreachable', { error: 'ECONNREFUSED' }, { error: 'ECONNREFUSED' }, 'unhealthy'],
    ['forbidden', { status: 403, body: '' }, { status: 403, body: '' }, 'unknown'],
  ] as const)('%s', (_n, readyz, livez, status) => {
    expect(apiServerStatus(readyz, livez).status).toBe(status);
  });

  it('names failing checks in the message', () => {
    const c = apiServerStatus(
      { status: 500, body: '[+]ping ok\n[-]etcd failed' },
      { status: 200, body: 'ok' },
    );
    expect(c.message).toContain('etcd');
    expect(c.healthyBackends).toBe(0);
    expect(c.totalBackends).toBe(1);
  });
});

describe('leaseStatus', () => {
  const lease = (renewTime: string, holderIdentity = 'node-1_abc', leaseDurationSeconds = 15) => ({
    spec: { holderIdentity, renewTime, leaseDurationSeconds },
  });
  it.each([
    ['renewed 2 s ago', lease('2026-01-01T00:00:58Z'), 'healthy'],
    ['renewed within duration + grace', lease('2026-01-01T00:00:40Z'), 'healthy'],
    ['expired', lease('2026-01-01T00:00:30Z'), 'unhealthy'],
    ['no holder', lease('2026-01-01T00:00:58Z', ''), 'unhealthy'],
    ['no lease', undefined, 'unknown'],
    ['unreadable', { error: 'forbidden' }, 'unknown'],
  ] as const)('%s → %s', (_n, l, status) => {
    const c = leaseStatus('kube-scheduler', l, NOW);
    expect(c.status).toBe(status);
    expect(c.namespace).toBe('kube-system');
  });
});

describe('nodeCounts', () => {
  it('counts Ready nodes', () => {
    const ready = { status: { conditions: [{ type: 'Ready', status: 'True' }] } };
    const notReady = { status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } };
    expect(nodeCounts([ready, notReady, {}])).toEqual({ totalNodes: 3, healthyNodes: 1 });
  });
});
