import { describe, expect, it } from 'vitest';
import { changesWorkspaceLabel } from './guard';

const ns = { metadata: { name: 'pa', labels: { 'kubesphere.io/workspace': 'wa', team: 'x' } } };
const json = (v: unknown) => Buffer.from(JSON.stringify(v));

describe('changesWorkspaceLabel', () => {
  it.each([
    [
      'merge patch of another label',
      'PATCH',
      'application/merge-patch+json',
      json({ metadata: { labels: { team: 'y' } } }),
      false,
    ],
    [
      'merge patch moving it',
      'PATCH',
      'application/merge-patch+json',
      json({ metadata: { labels: { 'kubesphere.io/workspace': 'wb' } } }),
      true,
    ],
    [
      'merge patch removing it',
      'PATCH',
      'application/merge-patch+json',
      json({ metadata: { labels: { 'kubesphere.io/workspace': null } } }),
      true,
    ],
    [
      'merge patch dropping all labels',
      'PATCH',
      'application/merge-patch+json',
      json({ metadata: { labels: null } }),
      true,
    ],
    [
      'strategic merge keeping it',
      'PATCH',
      'application/strategic-merge-patch+json',
      json({ metadata: { labels: { 'kubesphere.io/workspace': 'wa' } } }),
      false,
    ],
    [
      'apply (YAML) moving it',
      'PATCH',
      'application/apply-patch+yaml',
      Buffer.from(
        'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: pa\n  labels:\n    kubesphere.io/workspace: wb\n',
      ),
      true,
    ],
    [
      'json patch on the label',
      'PATCH',
      'application/json-patch+json',
      json([{ op: 'replace', path: '/metadata/labels/kubesphere.io~1workspace', value: 'wb' }]),
      true,
    ],
    [
      'json patch replacing labels',
      'PATCH',
      'application/json-patch+json',
      json([{ op: 'replace', path: '/metadata/labels', value: {} }]),
      true,
    ],
    [
      'json patch on annotations',
      'PATCH',
      'application/json-patch+json',
      json([{ op: 'add', path: '/metadata/annotations/a', value: 'b' }]),
      false,
    ],
    [
      'PUT keeping it',
      'PUT',
      'application/json',
      json({ metadata: { name: 'pa', labels: { 'kubesphere.io/workspace': 'wa' } } }),
      false,
    ],
    ['PUT without it', 'PUT', 'application/json', json({ metadata: { name: 'pa', labels: {} } }), true],
  ])('%s → %s', (_n, method, type, body, want) => {
    expect(changesWorkspaceLabel(method, type, body, ns)).toBe(want);
  });
});
