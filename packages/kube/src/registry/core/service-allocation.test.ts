import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import type { AdmissionRequest } from '../../pipeline/deps';
import type { Store } from '../../storage/types';
import { services } from './services';
import {
  cidrRange,
  inCidr,
  pickClusterIP,
  pickNodePort,
  serviceAllocationAdmission,
} from './service-allocation';

function svc(name: string, spec: Record<string, unknown>): KubeObject {
  return { metadata: { name, namespace: 'default' }, spec };
}

/** A store stub holding only services: the plugin reads nothing else. */
function storeWith(items: KubeObject[]): Store {
  return { list: () => ({ items, revision: 1 }) } as unknown as Store;
}

function request(object: KubeObject, old?: KubeObject, dryRun = false): AdmissionRequest {
  return {
    operation: old ? 'update' : 'create',
    descriptor: services,
    subresource: '',
    object,
    old,
    user: { username: 'u', groups: [] },
    dryRun,
  };
}

const zero = () => 0;

describe('pickers', () => {
  it('computes usable CIDR ranges', () => {
    expect(cidrRange('10.96.0.0/12')).toEqual([0x0a600001, 0x0a6ffffe]);
    expect(inCidr('10.96.0.10', '10.96.0.0/12')).toBe(true);
    expect(inCidr('10.112.0.1', '10.96.0.0/12')).toBe(false);
    expect(inCidr('fd00::1', '10.96.0.0/12')).toBe(false);
  });

  it('skips used addresses and ports', () => {
    expect(pickClusterIP(new Set(['10.0.0.1', '10.0.0.2']), '10.0.0.0/29', zero)).toBe('10.0.0.3');
    expect(
      pickClusterIP(
        new Set(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6']),
        '10.0.0.0/29',
        zero,
      ),
    ).toBeUndefined();
    expect(pickNodePort(new Set([30000]), [30000, 30001], zero)).toBe(30001);
    expect(pickNodePort(new Set([30000, 30001]), [30000, 30001], zero)).toBeUndefined();
  });
});

describe('serviceAllocationAdmission', () => {
  it('allocates a free cluster IP and node ports on create', async () => {
    const store = storeWith([
      svc('kubernetes', { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ port: 443 }] }),
    ]);
    const plugin = serviceAllocationAdmission(store, { random: zero, nodePortRange: [30000, 30010] });
    const s = svc('web', { type: 'NodePort', ports: [{ port: 80 }, { port: 443, nodePort: 30000 }] });
    await plugin.admit(request(s));
    expect(s.spec).toMatchObject({
      clusterIP: '10.96.0.2',
      clusterIPs: ['10.96.0.2'],
      ports: [{ nodePort: 30001 }, { nodePort: 30000 }],
    });
  });

  it('does not hand the same address to two creates in a row', async () => {
    const plugin = serviceAllocationAdmission(storeWith([]), { random: zero });
    const a = svc('a', { type: 'ClusterIP', ports: [{ port: 80 }] });
    const b = svc('b', { type: 'ClusterIP', ports: [{ port: 80 }] });
    await plugin.admit(request(a));
    await plugin.admit(request(b));
    expect((a.spec as { clusterIP: string }).clusterIP).not.toBe((b.spec as { clusterIP: string }).clusterIP);
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'a taken IP',
      { clusterIP: '10.96.0.1', ports: [{ port: 80 }] },
      'Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated',
    ],
    [
      'an IP outside the range',
      { clusterIP: '192.168.0.1', ports: [{ port: 80 }] },
      'Invalid value: []string{"192.168.0.1"}: failed to allocate IP 192.168.0.1: the provided IP (192.168.0.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ],
    [
      'a taken node port',
      { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] },
      'Invalid value: 30080: provided port is already allocated',
    ],
    [
      'a node port outside the range',
      { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] },
      'Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    ],
  ])('rejects %s', async (_name, spec, message) => {
    const store = storeWith([
      svc('kubernetes', {
        clusterIP: '10.96.0.1',
        type: 'NodePort',
        ports: [{ port: 443, nodePort: 30080 }],
      }),
    ]);
    const plugin = serviceAllocationAdmission(store, { random: zero });
    let caught: unknown;
    try {
      await plugin.admit(request(svc('web', spec)));
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 422, details: { causes: [{ message }] } });
  });

  it('leaves headless and ExternalName services alone and drops node ports of ClusterIP services', async () => {
    const plugin = serviceAllocationAdmission(storeWith([]), { random: zero });
    const headless = svc('h', { clusterIP: 'None' });
    const external = svc('e', { type: 'ExternalName', externalName: 'x.example.com' });
    const cluster = svc('c', {
      type: 'ClusterIP',
      clusterIP: '10.96.0.9',
      ports: [{ port: 80, nodePort: 30001 }],
    });
    for (const s of [headless, external]) await plugin.admit(request(s));
    await plugin.admit(
      request(
        cluster,
        svc('c', { type: 'NodePort', clusterIP: '10.96.0.9', ports: [{ port: 80, nodePort: 30001 }] }),
      ),
    );
    expect(headless.spec).toEqual({ clusterIP: 'None' });
    expect(external.spec).toEqual({ type: 'ExternalName', externalName: 'x.example.com' });
    expect(cluster.spec).toMatchObject({ ports: [{ port: 80 }] });
    expect((cluster.spec as { ports: object[] }).ports[0]).not.toHaveProperty('nodePort');
  });

  it('keeps existing allocations on update and allocates node ports when the type changes', async () => {
    const old = svc('web', {
      type: 'ClusterIP',
      clusterIP: '10.96.0.5',
      clusterIPs: ['10.96.0.5'],
      ports: [{ port: 80 }],
    });
    const plugin = serviceAllocationAdmission(storeWith([old]), { random: zero });
    const next = svc('web', {
      type: 'NodePort',
      clusterIP: '10.96.0.5',
      clusterIPs: ['10.96.0.5'],
      ports: [{ port: 80 }],
    });
    await plugin.admit(request(next, old));
    expect(next.spec).toMatchObject({ clusterIP: '10.96.0.5', ports: [{ nodePort: 30000 }] });
  });

  it('ignores other resources and subresources', async () => {
    const plugin = serviceAllocationAdmission(storeWith([]), { random: zero });
    const s = svc('web', { ports: [{ port: 80 }] });
    await plugin.admit({ ...request(s), subresource: 'status' });
    expect(s.spec).toEqual({ ports: [{ port: 80 }] });
  });
});
