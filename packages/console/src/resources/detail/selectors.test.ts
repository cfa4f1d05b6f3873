import { describe, expect, it } from 'vitest';
import { envEntries, eventSelector, selectorString } from './selectors';

describe('selectorString', () => {
  it.each([
    [
      {
        kind: 'StatefulSet',
        metadata: {},
        spec: { selector: { matchLabels: { app: 'mysql', tier: 'db' } } },
      },
      'app=mysql,tier=db',
    ],
    [{ kind: 'Service', metadata: {}, spec: { selector: { app: 'web' } } }, 'app=web'],
    [{ kind: 'Pod', metadata: {}, spec: {} }, ''],
  ])('%j', (obj, want) => expect(selectorString(obj)).toBe(want));
});

describe('eventSelector', () => {
  it('selects by name, namespace and kind', () => {
    expect(eventSelector({ kind: 'StatefulSet', metadata: { name: 'm', namespace: 'd' } })).toBe(
      'involvedObject.name=m,involvedObject.namespace=d,involvedObject.kind=StatefulSet',
    );
  });
});

describe('envEntries', () => {
  it('values and references', () => {
    expect(
      envEntries([
        { name: 'A', value: '1' },
        { name: 'B' },
        { name: 'PW', valueFrom: { secretKeyRef: { name: 'mysql', key: 'MYSQL_ROOT_PASSWORD' } } },
        { name: 'C', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'k' } } },
        { name: 'IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'MEM', valueFrom: { resourceFieldRef: { resource: 'limits.memory' } } },
      ]),
    ).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '' },
      { name: 'PW', from: { kind: 'secret', ref: 'mysql/MYSQL_ROOT_PASSWORD' } },
      { name: 'C', from: { kind: 'configMap', ref: 'cfg/k' } },
      { name: 'IP', from: { kind: 'field', ref: 'status.podIP' } },
      { name: 'MEM', from: { kind: 'resource', ref: 'limits.memory' } },
    ]);
    expect(envEntries(undefined)).toEqual([]);
  });
});
