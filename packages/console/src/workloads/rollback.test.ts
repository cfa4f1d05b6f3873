import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { controllerRevisionPatch, deploymentRollbackPatch, revisionEntries, rollbackPatch } from './rollback';

const owner = (uid: string) => [{ apiVersion: 'apps/v1', kind: 'X', name: 'w', uid, controller: true }];

const rs = (rev: number, image: string): KubeObject => ({
  kind: 'ReplicaSet',
  metadata: {
    name: `web-${rev}`,
    annotations: { 'deployment.kubernetes.io/revision': String(rev) },
    ownerReferences: owner('d1'),
  },
  spec: {
    template: {
      metadata: { labels: { app: 'web', 'pod-template-hash': `h${rev}` }, annotations: { a: 'b' } },
      spec: { containers: [{ name: 'c', image }] },
    },
  },
});

const cr = (rev: number, image: string, uid = 's1'): KubeObject =>
  ({
    kind: 'ControllerRevision',
    metadata: { name: `db-${rev}`, ownerReferences: owner(uid) },
    revision: rev,
    data: {
      spec: {
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'c', image }] },
          $patch: 'replace',
        },
      },
    },
  }) as KubeObject;

describe('deploymentRollbackPatch', () => {
  it('replaces the template with the ReplicaSet template minus pod-template-hash', () => {
    expect(deploymentRollbackPatch(rs(1, 'nginx:1.20'))).toEqual([
      {
        op: 'replace',
        path: '/spec/template',
        value: {
          metadata: { labels: { app: 'web' }, annotations: { a: 'b' } },
          spec: { containers: [{ name: 'c', image: 'nginx:1.20' }] },
        },
      },
    ]);
  });
  it('does not modify the ReplicaSet', () => {
    const r = rs(1, 'x');
    deploymentRollbackPatch(r);
    expect(
      (r.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels,
    ).toHaveProperty('pod-template-hash');
  });
});

describe('controllerRevisionPatch', () => {
  it("is the revision's data (a strategic merge patch replacing the template)", () => {
    const patch = controllerRevisionPatch(cr(2, 'mysql:5.7'));
    expect(patch).toEqual({
      spec: {
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'c', image: 'mysql:5.7' }] },
          $patch: 'replace',
        },
      },
    });
  });
  it('refuses a revision without data', () => {
    expect(() => controllerRevisionPatch({ metadata: { name: 'x' } })).toThrow();
  });
  it('picks the content type by kind', () => {
    expect(rollbackPatch({ kind: 'Deployment', metadata: {} }, rs(1, 'a')).contentType).toBe(
      'application/json-patch+json',
    );
    expect(rollbackPatch({ kind: 'DaemonSet', metadata: {} }, cr(1, 'a')).contentType).toBe(
      'application/strategic-merge-patch+json',
    );
  });
});

describe('revisionEntries', () => {
  it('lists owned ReplicaSets newest first and marks the deployment revision current', () => {
    const d: KubeObject = {
      kind: 'Deployment',
      metadata: { uid: 'd1', annotations: { 'deployment.kubernetes.io/revision': '2' } },
    };
    const other = { ...rs(9, 'x'), metadata: { ...rs(9, 'x').metadata, ownerReferences: owner('zz') } };
    const entries = revisionEntries(d, [rs(1, 'a:1'), rs(3, 'a:3'), rs(2, 'a:2'), other]);
    expect(entries.map((e) => [e.revision, e.current, e.images])).toEqual([
      [3, false, ['a:3']],
      [2, true, ['a:2']],
      [1, false, ['a:1']],
    ]);
  });
  it('marks a StatefulSet updateRevision, else the highest revision', () => {
    const sts: KubeObject = {
      kind: 'StatefulSet',
      metadata: { uid: 's1' },
      status: { updateRevision: 'db-1' },
    };
    expect(revisionEntries(sts, [cr(1, 'a'), cr(2, 'b')]).find((e) => e.current)?.name).toBe('db-1');
    const ds: KubeObject = { kind: 'DaemonSet', metadata: { uid: 's1' } };
    expect(revisionEntries(ds, [cr(1, 'a'), cr(2, 'b')]).find((e) => e.current)?.name).toBe('db-2');
  });
});
