import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { createThrough, messages, now } from '../apps/test-support';
import { ingresses } from './ingresses';

const backend = { service: { name: 'web', port: { number: 80 } } };

function ingress(spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: '2026-01-01T11:50:00Z' },
    spec,
    ...(status ? { status } : {}),
  };
}

const rule = (
  host: string | undefined,
  path: Record<string, unknown> = { path: '/', pathType: 'Prefix', backend },
) => ({
  ...(host ? { host } : {}),
  http: { paths: [path] },
});

describe('Ingress validation', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['valid', { rules: [rule('a.example.com')] }, []],
    ['default backend only', { defaultBackend: backend }, []],
    [
      'nothing',
      {},
      [
        'spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified',
      ],
    ],
    [
      'missing pathType',
      { rules: [rule(undefined, { path: '/', backend })] },
      ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified'],
    ],
    [
      'bad pathType',
      { rules: [rule(undefined, { path: '/', pathType: 'Regex', backend })] },
      [
        'spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"',
      ],
    ],
    [
      'relative path',
      { rules: [rule(undefined, { path: 'api', pathType: 'Prefix', backend })] },
      ['spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path'],
    ],
    [
      'IP host',
      { rules: [rule('10.0.0.1')] },
      ['spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address'],
    ],
    [
      'no port',
      {
        rules: [
          rule(undefined, { path: '/', pathType: 'Exact', backend: { service: { name: 'web', port: {} } } }),
        ],
      },
      ['spec.rules[0].http.paths[0].backend: Required value: port name or number is required'],
    ],
    [
      'double slash',
      { rules: [rule(undefined, { path: '/a//b', pathType: 'Prefix', backend })] },
      ['spec.rules[0].http.paths[0].path: Invalid value: "/a//b": must not contain \'//\''],
    ],
    ['wildcard host', { rules: [rule('*.example.com')] }, []],
    [
      'bad wildcard host',
      { rules: [rule('a.*.example.com')] },
      [
        "spec.rules[0].host: Invalid value: \"a.*.example.com\": a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
    [
      'service name',
      { defaultBackend: { service: { name: 'Web', port: { number: 80 } } } },
      [
        "spec.defaultBackend.service.name: Invalid value: \"Web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    [
      'class annotation and field',
      { ingressClassName: 'nginx', defaultBackend: backend, annotate: true },
      [
        'annotations.kubernetes.io/ingress.class: Invalid value: "nginx": can not be set when the class field is also set',
      ],
    ],
    [
      'both backends',
      {
        rules: [
          rule(undefined, {
            path: '/',
            pathType: 'Exact',
            backend: { ...backend, resource: { kind: 'Bucket', name: 'b' } },
          }),
        ],
      },
      [
        'spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both resource and service backends',
      ],
    ],
  ])('%s', (_name, { annotate, ...spec }, expected) => {
    const obj = ingress(spec);
    if (annotate) obj.metadata.annotations = { 'kubernetes.io/ingress.class': 'nginx' };
    expect(messages(createThrough(ingresses, obj))).toEqual(expected);
  });
});

describe('Ingress table', () => {
  it.each<[string, Record<string, unknown>, Record<string, unknown> | undefined, (string | number)[]]>([
    ['defaults', { rules: [rule(undefined)] }, undefined, ['web', '<none>', '*', '', '80', '10m']],
    [
      'class, hosts, tls, address',
      { ingressClassName: 'nginx', rules: [rule('a.com'), rule('b.com')], tls: [{ hosts: ['a.com'] }] },
      { loadBalancer: { ingress: [{ ip: '192.168.1.10' }, { hostname: 'lb.example.com' }] } },
      ['web', 'nginx', 'a.com,b.com', '192.168.1.10,lb.example.com', '80, 443', '10m'],
    ],
    [
      'many hosts',
      { rules: ['a', 'b', 'c', 'd', 'e'].map((h) => rule(`${h}.com`)) },
      undefined,
      ['web', '<none>', 'a.com,b.com,c.com + 2 more...', '', '80', '10m'],
    ],
  ])('%s', (_name, spec, status, expected) => {
    expect(ingresses.table?.cells(ingress(spec, status), now)).toEqual(expected);
  });
});
