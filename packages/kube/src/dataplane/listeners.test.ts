import { describe, expect, it } from 'vitest';
import { desiredListeners, diffListeners, publishedIP, type ListenerSpec } from './listeners';
import type { Service, ServicePort } from './model';
import { bannerProtocol, portProtocol } from './protocol';

const svc = (
  name: string,
  type: string,
  ports: ServicePort[],
  created = '2026-01-01T00:00:00Z',
): Service => ({
  metadata: { name, namespace: 'default', creationTimestamp: created },
  spec: { type, ports },
});

const opts = { address: '127.0.0.1', loadBalancerIP: '127.0.0.1' };

describe('desiredListeners', () => {
  it('binds TCP nodePorts of NodePort and LoadBalancer Services, not ClusterIP ones or UDP', () => {
    const got = desiredListeners(
      [
        svc('web', 'NodePort', [{ name: 'http', port: 80, nodePort: 30080 }]),
        svc('dns', 'NodePort', [{ port: 53, nodePort: 30053, protocol: 'UDP' }]),
        svc('internal', 'ClusterIP', [{ port: 80 }]),
        svc('db', 'NodePort', [{ name: 'mysql', port: 3306, nodePort: 30306 }]),
      ],
      opts,
    );
    expect(got.map((l) => [l.key, l.kind, l.protocol, l.service?.name])).toEqual([
      ['127.0.0.1:30306', 'node-port', 'tcp', 'db'],
      ['127.0.0.1:30080', 'node-port', 'http', 'web'],
    ]);
  });

  it('adds the ingress port first and load balancer addresses last; the older Service keeps a shared socket', () => {
    const got = desiredListeners(
      [
        svc('lb-new', 'LoadBalancer', [{ port: 80, nodePort: 31002 }], '2026-02-01T00:00:00Z'),
        svc('lb-old', 'LoadBalancer', [{ port: 80, nodePort: 31001 }], '2026-01-01T00:00:00Z'),
      ],
      { ...opts, ingressPort: 18080 },
    );
    expect(got.map((l) => [l.key, l.kind, l.service?.name])).toEqual([
      ['127.0.0.1:18080', 'ingress', undefined],
      ['127.0.0.1:31001', 'node-port', 'lb-old'],
      ['127.0.0.1:31002', 'node-port', 'lb-new'],
      ['127.0.0.1:80', 'load-balancer', 'lb-old'],
    ]);
  });

  it('skips a load balancer port that a wildcard-bound nodePort already holds', () => {
    const got = desiredListeners(
      [
        svc('a', 'NodePort', [{ port: 80, nodePort: 30500 }]),
        svc('b', 'LoadBalancer', [{ port: 30500, nodePort: 30600 }]),
      ],
      { address: '0.0.0.0', loadBalancerIP: '127.0.0.1' },
    );
    expect(got.map((l) => l.key)).toEqual(['0.0.0.0:30500', '0.0.0.0:30600']);
  });
});

describe('diffListeners', () => {
  const l = (key: string, protocol: 'http' | 'tcp' = 'http'): ListenerSpec => ({
    key,
    host: '127.0.0.1',
    port: 1,
    kind: 'node-port',
    protocol,
  });
  it('opens new sockets, closes unwanted ones, reopens on a protocol change', () => {
    const current = new Map([
      ['a', l('a')],
      ['b', l('b')],
      ['c', l('c', 'http')],
    ]);
    const d = diffListeners(current, [l('a'), l('c', 'tcp'), l('d')]);
    expect(d.close.sort()).toEqual(['b', 'c']);
    expect(d.open.map((x) => x.key)).toEqual(['c', 'd']);
  });
});

describe('portProtocol and bannerProtocol', () => {
  it.each([
    [{ port: 80 }, 'http', 'tcp'],
    [{ port: 3306 }, 'tcp', 'mysql'],
    [{ port: 80, targetPort: 3306 }, 'tcp', 'mysql'],
    [{ name: 'http', port: 3306 }, 'http', 'mysql'],
    [{ name: 'redis', port: 7000 }, 'tcp', 'redis'],
    [{ port: 9000, appProtocol: 'http' }, 'http', 'tcp'],
    [{ port: 9000, appProtocol: 'kubernetes.io/h2c' }, 'http', 'tcp'],
    [{ port: 9000, appProtocol: 'postgresql' }, 'tcp', 'postgresql'],
    [{ port: 8080 }, 'http', 'tcp'],
  ])('%j → %s (%s)', (sp, want, banner) => {
    expect(portProtocol(sp)).toBe(want);
    if (want === 'tcp') expect(bannerProtocol(sp)).toBe(banner);
  });
});

describe('publishedIP', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['0.0.0.0', '127.0.0.1'],
    ['::', '127.0.0.1'],
    ['192.168.1.5', '192.168.1.5'],
  ])('%s → %s', (a, want) => expect(publishedIP(a)).toBe(want));
});
