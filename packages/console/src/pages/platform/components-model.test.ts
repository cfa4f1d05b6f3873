import { describe, expect, it } from 'vitest';
import { countHealth, groupComponents, healthOf, healthTone, type ComponentStatus } from './components-model';

const c = (
  name: string,
  group: ComponentStatus['group'],
  status: ComponentStatus['status'],
): ComponentStatus => ({
  name,
  group,
  status,
  namespace: '',
  selfLink: '',
  label: {},
  totalBackends: 1,
  healthyBackends: status === 'healthy' ? 1 : 0,
  message: '',
});

describe('service components model', () => {
  it.each([
    [{ totalBackends: 2, healthyBackends: 2 }, 'healthy'],
    [{ totalBackends: 2, healthyBackends: 1 }, 'unhealthy'],
    [{ totalBackends: 0, healthyBackends: 0 }, 'unknown'],
  ])('healthOf without status %j', (b, h) => {
    expect(healthOf({ ...b, status: undefined as never })).toBe(h);
  });

  it('groups in control-plane, platform, monitoring order and counts', () => {
    const list = [
      c('ks-apiserver', 'kubesphere', 'healthy'),
      c('kube-scheduler', 'kubernetes', 'unknown'),
      c('monitoring', 'monitoring', 'unhealthy'),
    ];
    expect(groupComponents(list).map(([g]) => g)).toEqual(['kubernetes', 'kubesphere', 'monitoring']);
    expect(countHealth(list)).toEqual({ healthy: 1, unhealthy: 1, unknown: 1 });
    expect(healthTone('unknown')).toBe('default');
  });
});
