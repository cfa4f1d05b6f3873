import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { createThrough, messages, now } from '../apps/test-support';
import { networkpolicies } from './networkpolicies';

const policy = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'networking.k8s.io/v1',
  kind: 'NetworkPolicy',
  metadata: { name: 'deny', namespace: 'default', creationTimestamp: '2026-01-01T11:59:50Z' },
  spec,
});

describe('NetworkPolicy', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['ingress only', { podSelector: {} }, ['Ingress']],
    [
      'with egress',
      { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] },
      ['Ingress', 'Egress'],
    ],
    ['explicit', { podSelector: {}, policyTypes: ['Egress'] }, ['Egress']],
  ])('defaults policyTypes: %s', (_name, spec, expected) => {
    const obj = policy(spec);
    expect(createThrough(networkpolicies, obj)).toEqual([]);
    expect((obj.spec as Record<string, unknown>).policyTypes).toEqual(expected);
  });

  it('defaults port protocols to TCP', () => {
    const obj = policy({ podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] });
    createThrough(networkpolicies, obj);
    expect(obj.spec).toMatchObject({ ingress: [{ ports: [{ port: 80, protocol: 'TCP' }] }] });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    [
      'bad policy type',
      { podSelector: {}, policyTypes: ['Both'] },
      ['spec.policyTypes[0]: Unsupported value: "Both": supported values: "Ingress", "Egress"'],
    ],
    [
      'bad protocol',
      { podSelector: {}, ingress: [{ ports: [{ protocol: 'ICMP' }] }] },
      [
        'spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "SCTP", "TCP", "UDP"',
      ],
    ],
    [
      'bad cidr',
      { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: 'ten' } }] }] },
      [
        'spec.egress[0].to[0].ipBlock.cidr: Invalid value: "ten": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)',
      ],
    ],
  ])('%s', (_name, spec, expected) => {
    expect(messages(createThrough(networkpolicies, policy(spec)))).toEqual(expected);
  });

  it('prints the pod selector', () => {
    expect(
      networkpolicies.table?.cells(policy({ podSelector: { matchLabels: { app: 'db' } } }), now),
    ).toEqual(['deny', 'app=db', '10s']);
    expect(networkpolicies.table?.cells(policy({ podSelector: {} }), now)[1]).toBe('<none>');
  });
});
