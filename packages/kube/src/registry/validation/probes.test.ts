import { describe, expect, it } from 'vitest';
import { validateLifecycle, validateProbe } from './probes';
import { validatePodSpec } from './pod-spec';

const at = 'spec.containers[0].livenessProbe';

describe('validateProbe', () => {
  it.each<[string, unknown, 'liveness' | 'readiness' | 'startup', string[]]>([
    ['absent', undefined, 'liveness', []],
    ['http probe', { httpGet: { path: '/', port: 8080 }, periodSeconds: 5 }, 'liveness', []],
    ['named port', { tcpSocket: { port: 'http' } }, 'readiness', []],
    ['no handler', { periodSeconds: 5 }, 'liveness', [`${at}: Required value: must specify a handler type`]],
    [
      'two handlers',
      { httpGet: { port: 80 }, tcpSocket: { port: 80 } },
      'liveness',
      [`${at}.tcpSocket: Forbidden: may not specify more than 1 handler type`],
    ],
    ['exec without command', { exec: {} }, 'liveness', [`${at}.exec.command: Required value`]],
    [
      'bad port',
      { httpGet: { port: 0 } },
      'liveness',
      [`${at}.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive`],
    ],
    [
      'bad scheme',
      { httpGet: { port: 80, scheme: 'FTP' } },
      'liveness',
      [`${at}.httpGet.scheme: Unsupported value: "FTP": supported values: "HTTP", "HTTPS"`],
    ],
    [
      'negative period',
      { grpc: { port: 9000 }, periodSeconds: -1 },
      'liveness',
      [`${at}.periodSeconds: Invalid value: -1: must be greater than or equal to 0`],
    ],
    [
      'liveness success threshold',
      { tcpSocket: { port: 80 }, successThreshold: 2 },
      'liveness',
      [`${at}.successThreshold: Invalid value: 2: must be 1`],
    ],
    ['readiness success threshold', { tcpSocket: { port: 80 }, successThreshold: 2 }, 'readiness', []],
  ])('%s', (_name, probe, kind, expected) => {
    expect(validateProbe(probe, at, kind).map((c) => `${c.field}: ${c.message}`)).toEqual(expected);
  });

  it('checks lifecycle hooks and is wired into the pod spec', () => {
    expect(validateLifecycle({ preStop: { sleep: { seconds: 5 } } }, 'l')).toEqual([]);
    expect(validateLifecycle({ postStart: {} }, 'l').map((c) => c.field)).toEqual(['l.postStart']);
    const causes = validatePodSpec({ containers: [{ name: 'c', image: 'x', readinessProbe: {} }] }, 'spec');
    expect(causes.map((c) => c.field)).toEqual(['spec.containers[0].readinessProbe']);
  });
});
