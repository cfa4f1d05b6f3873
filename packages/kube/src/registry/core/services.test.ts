import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import type { StrategyContext } from '../types';
import { services } from './services';

const now = new Date('2024-05-01T12:00:00Z');
const create: StrategyContext = { now, operation: 'create', subresource: '' };
const update: StrategyContext = { now, operation: 'update', subresource: '' };

function svc(spec: Record<string, unknown>, status: Record<string, unknown> = {}): KubeObject {
  return {
    metadata: { name: 'web', namespace: 'default', creationTimestamp: '2024-05-01T11:58:00Z' },
    spec,
    status,
  };
}

function defaulted(spec: Record<string, unknown>): KubeObject {
  const s = svc(spec);
  services.defaults?.(s, create);
  return s;
}

function messages(s: KubeObject, old?: KubeObject, ctx = create): string[] {
  return (services.validate?.(s, old, ctx) ?? []).map((c) => `${c.field}: ${c.message}`);
}

describe('service defaults', () => {
  it('fills type, affinity, ports and traffic/IP family fields', () => {
    const s = defaulted({ selector: { app: 'web' }, ports: [{ port: 80 }] });
    expect(s.spec).toEqual({
      selector: { app: 'web' },
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });

  it('defaults NodePort and LoadBalancer policies and ClientIP affinity timeouts', () => {
    const s = defaulted({
      type: 'LoadBalancer',
      sessionAffinity: 'ClientIP',
      ports: [{ port: 80, targetPort: 'http' }],
    });
    expect(s.spec).toMatchObject({
      externalTrafficPolicy: 'Cluster',
      allocateLoadBalancerNodePorts: true,
      sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
      ports: [{ targetPort: 'http' }],
    });
  });

  it.each([
    [{ app: 'db' }, 'SingleStack'],
    [undefined, 'RequireDualStack'],
  ])('defaults headless services with selector %j to %s and mirrors clusterIP', (selector, policy) => {
    const s = defaulted({ clusterIP: 'None', selector });
    expect(s.spec).toMatchObject({ clusterIPs: ['None'], ipFamilyPolicy: policy, ipFamilies: ['IPv4'] });
  });

  it('leaves ExternalName services without IP fields', () => {
    const s = defaulted({ type: 'ExternalName', externalName: 'example.com' });
    expect(s.spec).not.toHaveProperty('ipFamilies');
    expect(s.spec).not.toHaveProperty('internalTrafficPolicy');
  });
});

describe('service validation', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['a valid service', { ports: [{ port: 80 }] }, []],
    ['no ports', { ports: [] }, ['spec.ports: Required value']],
    ['headless without ports', { clusterIP: 'None' }, []],
    [
      'several ports need names',
      { ports: [{ port: 80 }, { port: 443, name: 'https' }] },
      ['spec.ports[0].name: Required value'],
    ],
    [
      'duplicate port names',
      {
        ports: [
          { port: 80, name: 'web' },
          { port: 81, name: 'web' },
        ],
      },
      ['spec.ports[1].name: Duplicate value: "web"'],
    ],
    [
      'port out of range',
      { ports: [{ port: 0 }] },
      [
        'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
        // targetPort defaults to the port, so it is reported too (as upstream does).
        'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
      ],
    ],
    [
      'bad type',
      { type: 'Magic', ports: [{ port: 80 }] },
      [
        'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
      ],
    ],
    ['ExternalName needs a name', { type: 'ExternalName' }, ['spec.externalName: Required value']],
    [
      'bad selector label',
      { ports: [{ port: 80 }], selector: { app: 'a b' } },
      [expect.stringMatching(/^spec.selector: Invalid value: "a b": a valid label must be/)],
    ],
    [
      'nodePort on a ClusterIP service',
      { type: 'ClusterIP', ports: [{ port: 80, nodePort: 30080 }] },
      ["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(messages(defaulted(spec))).toEqual(expected);
  });

  it('forbids changing clusterIP but keeps it when an update omits it', () => {
    const old = defaulted({ clusterIP: '10.96.0.10', ports: [{ port: 80 }] });
    const changed = defaulted({ clusterIP: '10.96.0.11', ports: [{ port: 80 }] });
    expect(messages(changed, old, update)).toEqual([
      'spec.clusterIP: Invalid value: "10.96.0.11": field is immutable',
    ]);

    const omitted = svc({ ports: [{ port: 80 }] });
    services.prepareForUpdate?.(omitted, old, update);
    services.defaults?.(omitted, update);
    expect(omitted.spec).toMatchObject({ clusterIP: '10.96.0.10', clusterIPs: ['10.96.0.10'] });
    expect(messages(omitted, old, update)).toEqual([]);
  });

  it('keeps allocated node ports across updates', () => {
    const old = defaulted({
      type: 'NodePort',
      clusterIP: '10.96.0.10',
      ports: [{ port: 80, nodePort: 30080 }],
    });
    const next = svc({ type: 'NodePort', ports: [{ port: 80 }] });
    services.prepareForUpdate?.(next, old, update);
    expect(next.spec).toMatchObject({ ports: [{ port: 80, nodePort: 30080 }] });
  });
});

describe('services table', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown>, (string | number)[]]>([
    [
      'ClusterIP',
      {
        type: 'ClusterIP',
        clusterIPs: ['10.96.0.10'],
        ports: [
          { port: 80, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
        ],
        selector: { b: '2', a: '1' },
      },
      {},
      ['web', 'ClusterIP', '10.96.0.10', '<none>', '80/TCP,53/UDP', '2m', 'a=1,b=2'],
    ],
    [
      'NodePort',
      {
        type: 'NodePort',
        clusterIPs: ['10.96.0.11'],
        ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }],
      },
      {},
      ['web', 'NodePort', '10.96.0.11', '<none>', '80:30080/TCP', '2m', '<none>'],
    ],
    [
      'pending LoadBalancer',
      {
        type: 'LoadBalancer',
        clusterIPs: ['10.96.0.12'],
        ports: [{ port: 443, nodePort: 31443, protocol: 'TCP' }],
      },
      { loadBalancer: {} },
      ['web', 'LoadBalancer', '10.96.0.12', '<pending>', '443:31443/TCP', '2m', '<none>'],
    ],
    [
      'LoadBalancer with ingress',
      { type: 'LoadBalancer', clusterIPs: ['10.96.0.12'], ports: [] },
      { loadBalancer: { ingress: [{ ip: '1.2.3.4' }, { hostname: 'lb.example.com' }] } },
      ['web', 'LoadBalancer', '10.96.0.12', '1.2.3.4,lb.example.com', '<none>', '2m', '<none>'],
    ],
    [
      'ExternalName',
      { type: 'ExternalName', externalName: 'db.example.com' },
      {},
      ['web', 'ExternalName', '<none>', 'db.example.com', '<none>', '2m', '<none>'],
    ],
    [
      'ClusterIP with externalIPs',
      { type: 'ClusterIP', clusterIPs: ['None'], externalIPs: ['5.6.7.8'], ports: [] },
      {},
      ['web', 'ClusterIP', 'None', '5.6.7.8', '<none>', '2m', '<none>'],
    ],
  ])('%s', (_name, spec, status, expected) => {
    expect(services.table?.cells(svc(spec, status), now)).toEqual(expected);
  });
});
