import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import type { StrategyContext } from '../types';
import { configmaps } from './configmaps';
import { isConfigMapKey } from './config-data';
import { secrets } from './secrets';

const now = new Date('2024-05-01T12:00:00Z');
const create: StrategyContext = { now, operation: 'create', subresource: '' };
const update: StrategyContext = { now, operation: 'update', subresource: '' };
const b64 = (s: string) => Buffer.from(s).toString('base64');

function obj(fields: Record<string, unknown>): KubeObject {
  return {
    metadata: { name: 'x', namespace: 'default', creationTimestamp: '2024-05-01T11:00:00Z' },
    ...fields,
  };
}

function secretMessages(fields: Record<string, unknown>, old?: KubeObject): string[] {
  const s = obj(fields);
  secrets.defaults?.(s, create);
  return (secrets.validate?.(s, old, old ? update : create) ?? []).map((c) => `${c.field}: ${c.message}`);
}

describe('config keys', () => {
  it.each([
    ['key.name', 0],
    ['KEY_NAME-1', 0],
    ['a b', 1],
    ['..x', 1],
    ['.', 1],
    ['k'.repeat(254), 1],
  ])('%j has %d problems', (key, count) => {
    expect(isConfigMapKey(key)).toHaveLength(count);
  });
});

describe('secrets', () => {
  it('defaults type and folds stringData into data', () => {
    const s = obj({ data: { a: b64('1') }, stringData: { b: 'two', a: 'one' } });
    secrets.defaults?.(s, create);
    expect(s).toMatchObject({ type: 'Opaque', data: { a: b64('one'), b: b64('two') } });
    expect(s).not.toHaveProperty('stringData');
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['Opaque with data', { data: { a: b64('x') } }, []],
    [
      'bad key',
      { data: { 'a b': b64('x') } },
      [expect.stringMatching(/^data\[a b\]: Invalid value: "a b": a valid config key/)],
    ],
    [
      'TLS without key',
      { type: 'kubernetes.io/tls', data: { 'tls.crt': b64('cert') } },
      ['data[tls.key]: Required value'],
    ],
    [
      'TLS complete',
      { type: 'kubernetes.io/tls', data: { 'tls.crt': b64('cert'), 'tls.key': b64('key') } },
      [],
    ],
    [
      'dockerconfigjson missing',
      { type: 'kubernetes.io/dockerconfigjson', data: {} },
      ['data[.dockerconfigjson]: Required value'],
    ],
    [
      'dockerconfigjson not JSON',
      { type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{nope') } },
      [expect.stringMatching(/^data\[.dockerconfigjson\]: Invalid value: "<secret contents redacted>": /)],
    ],
    [
      'basic-auth empty',
      { type: 'kubernetes.io/basic-auth', data: {} },
      ['data[username]: Required value', 'data[password]: Required value'],
    ],
    [
      'service account token without the annotation',
      { type: 'kubernetes.io/service-account-token' },
      ['metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    ],
  ])('%s', (_name, fields, expected) => {
    expect(secretMessages(fields)).toEqual(expected);
  });

  it('answers 400 for data that is not base64', () => {
    expect(() => secretMessages({ data: { a: 'not base64!' } })).toThrow(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    );
  });

  it('keeps type and immutable secrets fixed', () => {
    const old = obj({ type: 'Opaque', data: { a: b64('1') }, immutable: true });
    expect(
      secretMessages(
        { type: 'kubernetes.io/basic-auth', data: { username: b64('u') }, immutable: true },
        old,
      ),
    ).toEqual([
      'type: Invalid value: "kubernetes.io/basic-auth": field is immutable',
      'data: Forbidden: field is immutable when `immutable` is set',
    ]);
    expect(secretMessages({ type: 'Opaque', data: { a: b64('1') } }, old)).toEqual([
      'immutable: Forbidden: field is immutable when `immutable` is set',
    ]);
  });

  it('prints TYPE and DATA', () => {
    expect(secrets.table?.cells(obj({ type: 'Opaque', data: { a: 'eA==', b: 'eQ==' } }), now)).toEqual([
      'x',
      'Opaque',
      2,
      '60m',
    ]);
  });
});

describe('configmaps', () => {
  it('counts data and binaryData', () => {
    expect(configmaps.table?.cells(obj({ data: { a: '1' }, binaryData: { b: b64('2') } }), now)).toEqual([
      'x',
      2,
      '60m',
    ]);
    expect(configmaps.table?.cells(obj({}), now)).toEqual(['x', 0, '60m']);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['plain', { data: { a: '1' } }, []],
    [
      'overlapping keys',
      { data: { a: '1' }, binaryData: { a: b64('1') } },
      ['binaryData: Invalid value: "a": duplicate of key present in data'],
    ],
    [
      'too large',
      { data: { a: 'x'.repeat(1024 * 1024) } },
      [': Too long: may not be more than 1048576 bytes'],
    ],
  ])('%s', (_name, fields, expected) => {
    expect(
      (configmaps.validate?.(obj(fields), undefined, create) ?? []).map((c) => `${c.field}: ${c.message}`),
    ).toEqual(expected);
  });

  it('locks immutable configmaps', () => {
    const old = obj({ data: { a: '1' }, immutable: true });
    const causes = configmaps.validate?.(obj({ data: { a: '2' }, immutable: true }), old, update) ?? [];
    expect(causes.map((c) => c.field)).toEqual(['data']);
  });
});
