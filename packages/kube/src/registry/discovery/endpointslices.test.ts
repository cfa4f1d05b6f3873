import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { copy, createThrough, messages, now, updateThrough } from '../apps/test-support';
import { endpointslices } from './endpointslices';

const slice = (extra: Record<string, unknown>): KubeObject => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abc', namespace: 'default', creationTimestamp: '2026-01-01T11:59:00Z' },
  addressType: 'IPv4',
  ...extra,
});

describe('EndpointSlice', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['valid', { endpoints: [{ addresses: ['10.0.0.1'] }], ports: [{ port: 80, protocol: 'TCP' }] }, []],
    [
      'bad type',
      { addressType: 'IPX' },
      ['addressType: Unsupported value: "IPX": supported values: "FQDN", "IPv4", "IPv6"'],
    ],
    [
      'no address',
      { endpoints: [{ addresses: [] }] },
      ['endpoints[0].addresses: Required value: must contain at least 1 address'],
    ],
    [
      'bad port',
      { ports: [{ port: 70000 }] },
      ['ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ],
  ])('%s', (_name, extra, expected) => {
    expect(messages(createThrough(endpointslices, slice(extra)))).toEqual(expected);
  });

  it('keeps the address type', () => {
    const old = slice({});
    const next = copy(old);
    next.addressType = 'IPv6';
    expect(messages(updateThrough(endpointslices, next, old))).toEqual([
      'addressType: Invalid value: "IPv6": field is immutable',
    ]);
  });

  it.each<[string, Record<string, unknown>, (string | number)[]]>([
    ['empty', {}, ['web-abc', 'IPv4', '<unset>', '<unset>', '60s']],
    [
      'many',
      {
        ports: [{ port: 80 }, { name: 'https' }, {}, { port: 9090 }],
        endpoints: [
          { addresses: ['10.0.0.1', '10.0.0.2'] },
          { addresses: ['10.0.0.3'] },
          { addresses: ['10.0.0.4'] },
        ],
      },
      ['web-abc', 'IPv4', '80,https,* + 1 more...', '10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...', '60s'],
    ],
  ])('table: %s', (_name, extra, expected) => {
    expect(endpointslices.table?.cells(slice(extra), now)).toEqual(expected);
  });
});
