import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StatusError } from '@sphere/shared/status';
import { decodeKubernetesProtobuf, isKubernetesProtobuf } from './index';
import { envelope, pb, seededRandom } from './testutil';

const TESTDATA = new URL('./testdata/', import.meta.url);
const fixture = (name: string): Buffer => readFileSync(new URL(name, TESTDATA));

/**
 * `kubectl create ... --dry-run=client -o json` prints the Go struct as JSON; the decoder omits what Go
 * prints as null (`creationTimestamp: null` of a zero Time, `rules: null` of a nil slice without
 * omitempty). Removing null-valued keys from kubectl's output gives exactly what the decoder returns.
 */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNulls(v)]),
  );
}

const capturedWithDryRun = readdirSync(TESTDATA)
  .filter((f) => f.endsWith('.bin'))
  .map((f) => f.slice(0, -'.bin'.length))
  .filter((name) => readdirSync(TESTDATA).includes(`${name}.json`));

describe('decodeKubernetesProtobuf on bodies captured from kubectl 1.32', () => {
  it.each([
    'namespace',
    'configmap',
    'secret-generic',
    'secret-docker-registry',
    'deployment',
    'service-clusterip',
    'service-nodeport',
    'service-loadbalancer',
    'service-externalname',
    'job',
    'cronjob',
    'serviceaccount',
    'role',
    'rolebinding',
    'clusterrole',
    'clusterrolebinding',
    'quota',
    'ingress',
    'pdb-min-available',
    'priorityclass',
  ])('has a kubectl capture with its dry-run JSON for %s', (name) => {
    expect(capturedWithDryRun).toContain(name);
  });

  it.each(capturedWithDryRun)('%s decodes to what kubectl --dry-run=client -o json prints', (name) => {
    const expected = JSON.parse(fixture(`${name}.json`).toString('utf8')) as unknown;
    expect(decodeKubernetesProtobuf(fixture(`${name}.bin`))).toStrictEqual(withoutNulls(expected));
  });

  it.each([
    [
      'token',
      {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        metadata: {},
        spec: {
          audiences: ['api'],
          expirationSeconds: 600,
          boundObjectRef: {
            kind: 'Pod',
            apiVersion: 'v1',
            name: 'p1',
            uid: '0c5f3c9e-1111-4222-8333-944455556666',
          },
        },
        status: { token: '' },
      },
    ],
    [
      'auth-can-i',
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        metadata: {},
        spec: { resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } },
        status: { allowed: false },
      },
    ],
    [
      'auth-can-i-subresource',
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        metadata: {},
        spec: {
          resourceAttributes: {
            namespace: 'prod',
            verb: 'create',
            group: 'apps',
            resource: 'deployments',
            name: 'scale',
          },
        },
        status: { allowed: false },
      },
    ],
    [
      'auth-can-i-list',
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectRulesReview',
        metadata: {},
        spec: { namespace: 'dev' },
        status: { incomplete: false },
      },
    ],
    [
      'auth-whoami',
      {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'SelfSubjectReview',
        metadata: {},
        status: { userInfo: {} },
      },
    ],
  ])('%s (no dry-run form) decodes to the expected object', (name, expected) => {
    expect(decodeKubernetesProtobuf(fixture(`${name}.bin`))).toStrictEqual(expected);
  });

  it('keeps Secret data as base64, like the JSON API', () => {
    const secret = decodeKubernetesProtobuf(fixture('secret-generic.bin'));
    expect(secret.data).toEqual({ user: Buffer.from('admin').toString('base64') });
  });

  it('keeps a pointer zero (replicas: 0) and a zero IntOrString pointer (maxUnavailable: 0)', () => {
    expect((decodeKubernetesProtobuf(fixture('deployment.bin')).spec as { replicas: number }).replicas).toBe(
      0,
    );
    const pdb = decodeKubernetesProtobuf(fixture('pdb-max-unavailable.bin'));
    expect(pdb.spec).toEqual({ selector: { matchLabels: { app: 'web' } }, maxUnavailable: 0 });
  });
});

describe('envelope errors', () => {
  const configMap = pb([1, 'msg', pb([1, 'string', 'cm'])], [2, 'string', 'k']);

  it.each([
    ['empty body', Buffer.alloc(0), 400, /magic/],
    ['JSON body', Buffer.from('{"kind":"ConfigMap"}'), 400, /magic/],
    ['magic only', Buffer.from('k8s\0', 'latin1'), 400, /apiVersion and kind/],
    ['truncated envelope', envelope('v1', 'ConfigMap', configMap).subarray(0, 12), 400, /unable to decode/],
    ['unknown kind', envelope('v1', 'Widget', configMap), 415, /no protobuf encoding/],
    ['custom resource', envelope('example.com/v1', 'Foo', configMap), 415, /no protobuf encoding/],
    ['kind that is not a name', envelope('v1', '__proto__', configMap), 415, /no protobuf encoding/],
    [
      'gzip content encoding',
      Buffer.concat([
        Buffer.from('k8s\0', 'latin1'),
        pb([1, 'msg', pb([1, 'string', 'v1'], [2, 'string', 'ConfigMap'])], [3, 'string', 'gzip']),
      ]),
      400,
      /content encoding "gzip"/,
    ],
  ])('%s → %i', (_name, body, code, message) => {
    const run = () => decodeKubernetesProtobuf(body);
    expect(run).toThrow(StatusError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (err) {
      expect((err as StatusError).code).toBe(code);
    }
  });

  it('decodes a minimal hand-built ConfigMap', () => {
    const body = envelope(
      'v1',
      'ConfigMap',
      pb([1, 'msg', pb([1, 'string', 'cm'])], [2, 'msg', pb([1, 'string', 'k'], [2, 'string', 'v'])]),
    );
    expect(decodeKubernetesProtobuf(body)).toStrictEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cm' },
      data: { k: 'v' },
    });
  });
});

describe('garbage never crashes the decoder', () => {
  const fixtures = readdirSync(TESTDATA)
    .filter((f) => f.endsWith('.bin'))
    .map((f) => fixture(f));

  /** Decoding either succeeds or throws a 400/415 StatusError; anything else is a bug. */
  function decodeOrStatus(body: Uint8Array): 'ok' | number {
    try {
      decodeKubernetesProtobuf(body);
      return 'ok';
    } catch (err) {
      if (!(err instanceof StatusError)) throw err;
      return err.code;
    }
  }

  it('every truncation of every fixture', () => {
    const outcomes = new Set<string | number>();
    for (const body of fixtures) {
      for (let end = 0; end < body.length; end++) outcomes.add(decodeOrStatus(body.subarray(0, end)));
    }
    expect([...outcomes].every((o) => o === 'ok' || o === 400 || o === 415)).toBe(true);
    expect(outcomes.has(400)).toBe(true);
  });

  it('random byte flips in fixtures and random buffers after the magic', () => {
    const random = seededRandom(42);
    const outcomes = new Set<string | number>();
    for (let i = 0; i < 3000; i++) {
      const base = fixtures[i % fixtures.length];
      const body = Buffer.from(base);
      for (let flips = 1 + Math.floor(random() * 3); flips > 0; flips--) {
        body[4 + Math.floor(random() * (body.length - 4))] = Math.floor(random() * 256);
      }
      outcomes.add(decodeOrStatus(body));
      const noise = Buffer.alloc(Math.floor(random() * 64));
      for (let j = 0; j < noise.length; j++) noise[j] = Math.floor(random() * 256);
      outcomes.add(decodeOrStatus(Buffer.concat([Buffer.from('k8s\0', 'latin1'), noise])));
    }
    expect([...outcomes].every((o) => o === 'ok' || o === 400 || o === 415)).toBe(true);
  });
});

describe('isKubernetesProtobuf', () => {
  it.each([
    ['application/vnd.kubernetes.protobuf', true],
    ['Application/VND.Kubernetes.Protobuf; charset=utf-8', true],
    ['application/vnd.kubernetes.protobuf;stream=watch', true],
    ['application/json', false],
    ['application/vnd.kubernetes.protobuf+json', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (contentType, expected) => {
    expect(isKubernetesProtobuf(contentType)).toBe(expected);
  });
});
