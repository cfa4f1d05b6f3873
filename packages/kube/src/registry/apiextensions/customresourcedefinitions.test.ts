import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { copy, createThrough, ctxFor, messages, now, updateThrough } from '../apps/test-support';
import { customresourcedefinitions as crds } from './customresourcedefinitions';

const schema = { openAPIV3Schema: { type: 'object' } };

function crd(spec: Record<string, unknown> = {}, name = 'crontabs.stable.example.com'): KubeObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name, creationTimestamp: '2026-01-01T10:00:00Z' },
    spec: {
      group: 'stable.example.com',
      scope: 'Namespaced',
      names: { plural: 'crontabs', kind: 'CronTab', shortNames: ['ct'] },
      versions: [{ name: 'v1', served: true, storage: true, schema }],
      ...spec,
    },
  };
}

describe('CustomResourceDefinition', () => {
  it('defaults names and conversion, and establishes the CRD', () => {
    const obj = crd();
    expect(createThrough(crds, obj)).toEqual([]);
    expect(obj.spec).toMatchObject({
      names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', listKind: 'CronTabList' },
      conversion: { strategy: 'None' },
    });
    expect(obj.status).toMatchObject({
      storedVersions: ['v1'],
      acceptedNames: {
        plural: 'crontabs',
        singular: 'crontab',
        kind: 'CronTab',
        listKind: 'CronTabList',
        shortNames: ['ct'],
      },
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts' },
        { type: 'Established', status: 'True', reason: 'InitialNamesAccepted' },
      ],
    });
  });

  it.each<[string, KubeObject, string[]]>([
    [
      'name mismatch',
      crd({}, 'crontab.stable.example.com'),
      [
        'metadata.name: Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group',
      ],
    ],
    [
      'group without dot',
      crd({ group: 'stable' }, 'crontabs.stable'),
      ['spec.group: Invalid value: "stable": should be a domain with at least one dot'],
    ],
    [
      'bad scope',
      crd({ scope: 'Global' }),
      ['spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"'],
    ],
    [
      'no versions',
      crd({ versions: [] }),
      [
        'spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion(nil): must have exactly one version marked as storage version',
      ],
    ],
    [
      'two storage versions',
      crd({
        versions: [
          { name: 'v1', storage: true, schema },
          { name: 'v2', storage: true, schema },
        ],
      }),
      [
        'spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{...}: must have exactly one version marked as storage version',
      ],
    ],
    [
      'missing schema',
      crd({ versions: [{ name: 'v1', served: true, storage: true }] }),
      ['spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required'],
    ],
    [
      'missing kind',
      crd({ names: { plural: 'crontabs' } }),
      [
        'spec.names.singular: Required value',
        'spec.names.kind: Required value',
        'spec.names.listKind: Required value',
      ],
    ],
  ])('%s', (_name, obj, expected) => {
    expect(messages(createThrough(crds, obj))).toEqual(expected);
  });

  it('wants a lowercase plural', () => {
    const obj = crd({ names: { plural: 'CronTabs', kind: 'CronTab' } }, 'CronTabs.stable.example.com');
    const [first, ...rest] = messages(createThrough(crds, obj));
    expect(first).toMatch(
      /^spec\.names\.plural: Invalid value: "CronTabs": a lowercase RFC 1123 label must consist of/,
    );
    expect(rest).toEqual([]);
  });

  it('adds a new storage version to storedVersions and keeps the scope', () => {
    const old = crd();
    createThrough(crds, old);
    const next = copy(old);
    (next.spec as Record<string, unknown>).versions = [
      { name: 'v1', served: true, storage: false, schema },
      { name: 'v2', served: true, storage: true, schema },
    ];
    crds.prepareForUpdate?.(next, old, ctxFor('update'));
    expect(updateThrough(crds, next, old)).toEqual([]);
    expect((next.status as Record<string, unknown>).storedVersions).toEqual(['v1', 'v2']);
    const scoped = copy(next);
    (scoped.spec as Record<string, unknown>).scope = 'Cluster';
    expect(messages(updateThrough(crds, scoped, next))).toEqual([
      'spec.scope: Invalid value: "Cluster": field is immutable',
    ]);
  });

  it('prints NAME and CREATED AT', () => {
    expect(crds.table?.cells(crd(), now)).toEqual(['crontabs.stable.example.com', '2026-01-01T10:00:00Z']);
    expect(crds.shortNames).toEqual(['crd', 'crds']);
  });
});
