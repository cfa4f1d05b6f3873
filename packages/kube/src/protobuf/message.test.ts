import { describe, expect, it } from 'vitest';
import { StatusError } from '@sphere/shared/status';
import { decodeKubernetesProtobuf } from './decode';
import { envelope, pb } from './testutil';

// Field numbers below are facts of the Kubernetes wire format (core/v1, meta/v1, ... generated.proto).
const meta = (name: string) => pb([1, 'string', name]);
const time = (seconds: number, nanos = 0) => pb([1, 'int64', seconds], [2, 'int32', nanos]);
const intOrString = (value: number | string) =>
  typeof value === 'number'
    ? pb([1, 'int64', 0], [2, 'int32', value])
    : pb([1, 'int64', 1], [3, 'string', value]);
const quantity = (value: string) => pb([1, 'string', value]);
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

function decode(apiVersion: string, kind: string, raw: Uint8Array): Record<string, unknown> {
  return decodeKubernetesProtobuf(envelope(apiVersion, kind, raw));
}

describe('zero values follow the Go JSON form', () => {
  // A Pod as gogo-protobuf writes it: every non-pointer field present, even when zero.
  const container = pb(
    [1, 'string', 'app'],
    [2, 'string', 'nginx'],
    [8, 'msg', pb([1, 'msg', pb([1, 'string', 'cpu'], [2, 'msg', quantity('500m')])])], // resources.limits
    [
      10, // livenessProbe (pointer), its ProbeHandler is inlined into the Probe
      'msg',
      pb(
        [1, 'msg', pb([2, 'msg', pb([1, 'string', '/healthz'], [2, 'msg', intOrString('http')])])],
        [2, 'int32', 0],
        [4, 'int32', 10],
      ),
    ],
  );
  const volume = pb([1, 'string', 'scratch'], [2, 'msg', pb([2, 'msg', pb()])]); // emptyDir: {}
  const podSpec = pb(
    [1, 'msg', volume],
    [2, 'msg', container],
    [3, 'string', ''], // restartPolicy "" (omitempty) → dropped
    [12, 'bool', false], // hostPID false (omitempty, not a pointer) → dropped
    [21, 'bool', false], // automountServiceAccountToken *bool false → kept
    [25, 'int32', -5], // priority *int32, negative (10-byte varint)
    [4, 'int64', 30],
  );
  const pod = decode(
    'v1',
    'Pod',
    pb([1, 'msg', pb([1, 'string', 'p'], [8, 'msg', time(0)])], [2, 'msg', podSpec], [3, 'msg', pb()]),
  );

  it('drops the zero creationTimestamp and keeps an empty non-pointer status', () => {
    expect(pod.metadata).toStrictEqual({ name: 'p' });
    expect(pod.status).toStrictEqual({});
  });

  it('keeps pointer zeros, drops omitempty zeros, inlines embedded structs', () => {
    expect(pod.spec).toStrictEqual({
      volumes: [{ name: 'scratch', emptyDir: {} }],
      containers: [
        {
          name: 'app',
          image: 'nginx',
          resources: { limits: { cpu: '500m' } },
          livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 },
        },
      ],
      terminationGracePeriodSeconds: 30,
      automountServiceAccountToken: false,
      priority: -5,
    });
  });
});

describe('value types', () => {
  it.each([
    ['Time', time(1704067200), '2024-01-01T00:00:00Z'],
    ['Time with nanos (Go drops the fraction)', time(1704067200, 999_999_999), '2024-01-01T00:00:00Z'],
    ['Time before 1970', time(-86400), '1969-12-31T00:00:00Z'],
  ])('%s', (_name, encoded, expected) => {
    const pod = decode('v1', 'Pod', pb([1, 'msg', pb([1, 'string', 'p'], [9, 'msg', encoded])]));
    expect((pod.metadata as Record<string, unknown>).deletionTimestamp).toBe(expected);
  });

  it('MicroTime keeps microseconds; a zero non-pointer MicroTime is dropped', () => {
    const event = decode(
      'events.k8s.io/v1',
      'Event',
      pb(
        [1, 'msg', meta('e')],
        [2, 'msg', time(1704067200, 123_456_789)],
        [3, 'msg', pb([1, 'int32', 2], [2, 'msg', time(0)])],
      ),
    );
    expect(event.eventTime).toBe('2024-01-01T00:00:00.123456Z');
    expect(event.series).toStrictEqual({ count: 2 });
  });

  it('Lease MicroTime pointers and int32 pointers', () => {
    const lease = decode(
      'coordination.k8s.io/v1',
      'Lease',
      pb(
        [1, 'msg', meta('l')],
        [2, 'msg', pb([1, 'string', 'me'], [2, 'int32', 15], [4, 'msg', time(1, 5000)])],
      ),
    );
    expect(lease.spec).toStrictEqual({
      holderIdentity: 'me',
      leaseDurationSeconds: 15,
      renewTime: '1970-01-01T00:00:01.000005Z',
    });
  });

  it('RawExtension and FieldsV1 carry parsed JSON', () => {
    const managed = pb(
      [1, 'string', 'kubectl'],
      [2, 'string', 'Apply'],
      [6, 'string', 'FieldsV1'],
      [7, 'msg', pb([1, 'bytes', json({ 'f:data': { 'f:a': {} } })])],
    );
    const revision = decode(
      'apps/v1',
      'ControllerRevision',
      pb(
        [1, 'msg', pb([1, 'string', 'r'], [17, 'msg', managed])],
        [2, 'msg', pb([1, 'bytes', json({ spec: { x: 1 } })])],
        [3, 'int64', 0],
      ),
    );
    expect(revision).toStrictEqual({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: 'r',
        managedFields: [
          {
            manager: 'kubectl',
            operation: 'Apply',
            fieldsType: 'FieldsV1',
            fieldsV1: { 'f:data': { 'f:a': {} } },
          },
        ],
      },
      data: { spec: { x: 1 } },
      revision: 0, // int64 without omitempty: Go prints 0
    });
  });

  it('map<string, bytes> becomes base64 strings; map<string, ExtraValue> becomes string arrays', () => {
    const secret = decode(
      'v1',
      'Secret',
      pb([1, 'msg', meta('s')], [2, 'msg', pb([1, 'string', 'k'], [2, 'bytes', Buffer.from([0, 255])])]),
    );
    expect(secret.data).toStrictEqual({ k: 'AP8=' });
    const extraValue = pb([1, 'string', 'a'], [1, 'string', 'b']);
    const extraEntry = pb([1, 'string', 'scopes'], [2, 'msg', extraValue]);
    const review = decode(
      'authorization.k8s.io/v1',
      'SubjectAccessReview',
      pb([1, 'msg', pb()], [2, 'msg', pb([3, 'string', 'alice'], [5, 'msg', extraEntry])]),
    );
    expect(review.spec).toStrictEqual({ user: 'alice', extra: { scopes: ['a', 'b'] } });
  });

  it('a map key named __proto__ is an ordinary key', () => {
    const cm = decode(
      'v1',
      'ConfigMap',
      pb([1, 'msg', meta('c')], [2, 'msg', pb([1, 'string', '__proto__'], [2, 'string', 'x'])]),
    );
    expect(Object.keys(cm.data as object)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(cm.data)).toBe(Object.prototype);
  });

  it('accepts packed repeated varints as well as unpacked ones', () => {
    // PodSpec.securityContext (14) → PodSecurityContext.supplementalGroups (4, repeated int64).
    const packed = Buffer.from([0x22, 0x03, 0x01, 0x02, 0x03]); // field 4, wire type 2, [1, 2, 3]
    const spec = pb([14, 'msg', Buffer.concat([packed, pb([4, 'int64', 4])])]);
    const pod = decode('v1', 'Pod', pb([1, 'msg', meta('p')], [2, 'msg', spec]));
    expect((pod.spec as { securityContext: unknown }).securityContext).toStrictEqual({
      supplementalGroups: [1, 2, 3, 4],
    });
  });
});

describe('apiextensions JSON schemas', () => {
  const APIEXT = 'apiextensions.k8s.io/v1';
  const schema = pb(
    [5, 'string', 'object'],
    [3, 'string', '#/defs/x'], // $ref
    [9, 'double', 1.5], // maximum
    [8, 'msg', pb([1, 'bytes', json({ a: 1 })])], // default
    [29, 'msg', pb([1, 'string', 'spec'], [2, 'msg', pb([38, 'bool', true], [42, 'string', 'map'])])],
    [30, 'msg', pb([1, 'bool', false])], // additionalProperties: false
    [24, 'msg', pb([1, 'msg', pb([5, 'string', 'string'])])], // items: schema
    [32, 'msg', pb([1, 'string', 'd'], [2, 'msg', pb([2, 'string', 'p'], [2, 'string', 'q'])])], // dependencies
  );
  const version = pb(
    [1, 'string', 'v1'],
    [2, 'bool', true],
    [3, 'bool', true],
    [4, 'msg', pb([1, 'msg', schema])],
  );
  const crd = decode(
    APIEXT,
    'CustomResourceDefinition',
    pb(
      [1, 'msg', meta('foos.example.com')],
      [
        2,
        'msg',
        pb(
          [1, 'string', 'example.com'],
          [3, 'msg', pb([1, 'string', 'foos'], [4, 'string', 'Foo'])],
          [4, 'string', 'Namespaced'],
          [7, 'msg', version],
        ),
      ],
    ),
  );

  it('uses the Go JSON names ($ref, x-kubernetes-*) and unwraps the union types', () => {
    const spec = crd.spec as { versions: { schema: { openAPIV3Schema: unknown } }[] };
    expect(spec.versions[0].schema.openAPIV3Schema).toStrictEqual({
      $ref: '#/defs/x',
      type: 'object',
      default: { a: 1 },
      maximum: 1.5,
      items: { type: 'string' },
      properties: { spec: { 'x-kubernetes-preserve-unknown-fields': true, 'x-kubernetes-list-type': 'map' } },
      additionalProperties: false,
      dependencies: { d: ['p', 'q'] },
    });
    expect(crd.spec).toMatchObject({
      group: 'example.com',
      names: { plural: 'foos', kind: 'Foo' },
      scope: 'Namespaced',
    });
  });
});

describe('malformed messages are 400 BadRequest', () => {
  it.each([
    ['wrong wire type for a string', 'v1', 'Pod', pb([1, 'int32', 5])],
    ['wrong wire type for a message', 'v1', 'Pod', pb([1, 'msg', pb([1, 'int32', 5])])],
    ['length past the end', 'v1', 'Pod', Buffer.from([0x0a, 0x05, 0x01])],
    [
      'raw JSON that is not JSON',
      'apps/v1',
      'ControllerRevision',
      pb([1, 'msg', meta('r')], [2, 'msg', pb([1, 'bytes', Buffer.from('{nope')])]),
    ],
    [
      'IntOrString of unknown type',
      'policy/v1',
      'PodDisruptionBudget',
      pb([1, 'msg', meta('r')], [2, 'msg', pb([2, 'msg', pb([1, 'int64', 7])])]),
    ],
    [
      'timestamp after year 9999',
      'v1',
      'Pod',
      pb([1, 'msg', pb([1, 'string', 'p'], [9, 'msg', time(253402300800)])]),
    ],
  ])('%s', (_name, apiVersion, kind, raw) => {
    const body = envelope(apiVersion, kind, raw);
    expect(() => decodeKubernetesProtobuf(body)).toThrow(StatusError);
    expect(() => decodeKubernetesProtobuf(body)).toThrow(/unable to decode/);
  });

  it('refuses absurdly deep nesting instead of overflowing the stack', () => {
    let props = pb([5, 'string', 'object']);
    for (let i = 0; i < 200; i++) props = pb([29, 'msg', pb([1, 'string', 'x'], [2, 'msg', props])]);
    const crd = pb(
      [1, 'msg', meta('c')],
      [2, 'msg', pb([7, 'msg', pb([1, 'string', 'v1'], [4, 'msg', pb([1, 'msg', props])])])],
    );
    expect(() =>
      decodeKubernetesProtobuf(envelope('apiextensions.k8s.io/v1', 'CustomResourceDefinition', crd)),
    ).toThrow(/nested deeper/);
  });

  it('skips unknown fields like Go does', () => {
    const cm = decode(
      'v1',
      'ConfigMap',
      pb([1, 'msg', meta('c')], [99, 'string', 'future'], [98, 'int64', 1]),
    );
    expect(cm).toStrictEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } });
  });
});
