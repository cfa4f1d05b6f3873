import { describe, expect, it } from 'vitest';
import type { KubeObject, StatusCause } from '@sphere/shared';
import { validateObjectMeta } from './object-meta';

const ns = { namespaced: true, nameFormat: 'subdomain' as const };
const cluster = { namespaced: false, nameFormat: 'label' as const };

function fieldsOf(causes: StatusCause[]): string[] {
  return causes.map((c) => `${c.field}: ${c.message}`);
}

describe('validateObjectMeta', () => {
  it.each<[string, KubeObject['metadata'], typeof ns | typeof cluster, string[]]>([
    ['a valid namespaced object', { name: 'web.v1', namespace: 'default' }, ns, []],
    [
      'missing name',
      { namespace: 'default' },
      ns,
      ['metadata.name: Required value: name or generateName is required'],
    ],
    [
      'bad subdomain name',
      { name: 'Web', namespace: 'default' },
      ns,
      [expect.stringMatching(/^metadata.name: Invalid value: "Web": a lowercase RFC 1123 subdomain/)],
    ],
    [
      'label format rejects dots',
      { name: 'a.b' },
      cluster,
      [expect.stringMatching(/^metadata.name: Invalid value: "a.b": a lowercase RFC 1123 label/)],
    ],
    ['generateName with trailing dash', { generateName: 'web-', name: 'web-abcde', namespace: 'd' }, ns, []],
    ['missing namespace', { name: 'x' }, ns, ['metadata.namespace: Required value']],
    [
      'namespace on a cluster kind',
      { name: 'x', namespace: 'd' },
      cluster,
      ['metadata.namespace: Forbidden: not allowed on this type'],
    ],
    [
      'bad label key and value',
      { name: 'x', namespace: 'd', labels: { 'a/b/c': 'ok', ok: 'bad value' } },
      ns,
      [
        expect.stringMatching(/^metadata.labels: Invalid value: "a\/b\/c": a qualified name must consist/),
        expect.stringMatching(
          /^metadata.labels: Invalid value: "bad value": a valid label must be an empty string/,
        ),
      ],
    ],
    [
      'bad annotation key',
      { name: 'x', namespace: 'd', annotations: { '-x': '1' } },
      ns,
      [expect.stringMatching(/^metadata.annotations: Invalid value: "-x": name part must consist/)],
    ],
    [
      'owner reference without uid',
      {
        name: 'x',
        namespace: 'd',
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: '' }],
      },
      ns,
      ['metadata.ownerReferences.uid: Invalid value: "": uid must not be empty'],
    ],
    [
      'two controllers',
      {
        name: 'x',
        namespace: 'd',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'A', name: 'a', uid: '1', controller: true },
          { apiVersion: 'v1', kind: 'B', name: 'b', uid: '2', controller: true },
        ],
      },
      ns,
      [
        expect.stringContaining(
          'Only one reference can have Controller set to true. Found "true" in references for A/a and B/b',
        ),
      ],
    ],
    [
      'conflicting finalizers',
      { name: 'x', namespace: 'd', finalizers: ['orphan', 'foregroundDeletion'] },
      ns,
      [expect.stringContaining('finalizer orphan and foregroundDeletion cannot be both set')],
    ],
    [
      'negative generation',
      { name: 'x', namespace: 'd', generation: -1 },
      ns,
      ['metadata.generation: Invalid value: -1: must be greater than or equal to 0'],
    ],
  ])('%s', (_name, metadata, options, expected) => {
    expect(fieldsOf(validateObjectMeta({ metadata }, options))).toEqual(expected);
  });

  it('limits the total annotation size to 256 KiB', () => {
    const big = { name: 'x', namespace: 'd', annotations: { a: 'x'.repeat(256 * 1024) } };
    expect(fieldsOf(validateObjectMeta({ metadata: big }, ns))).toEqual([
      'metadata.annotations: Too long: may not be more than 262144 bytes',
    ]);
    const fits = { name: 'x', namespace: 'd', annotations: { a: 'x'.repeat(256 * 1024 - 1) } };
    expect(validateObjectMeta({ metadata: fits }, ns)).toEqual([]);
  });
});
