import { describe, expect, it } from 'vitest';
import { planRevisions, revisionData, revisionsToDelete, templateOf } from './history';
import type { ControllerRevision, PodTemplateSpec } from './types';
import { computeHash, resolveIntOrPercent } from './util';

const owner = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default', uid: 'u1' },
};
const tpl = (image: string): PodTemplateSpec => ({
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'c', image }] },
});

describe('planRevisions', () => {
  it('creates the first revision with the replace patch kubectl applies on undo', () => {
    const plan = planRevisions(owner, 'StatefulSet', tpl('v1'), []);
    expect(plan.create?.revision).toBe(1);
    expect(plan.create?.data).toEqual({ spec: { template: { ...tpl('v1'), $patch: 'replace' } } });
    const hash = plan.create!.metadata.labels!['controller.kubernetes.io/hash'];
    expect(plan.create?.metadata.name).toBe(`web-${hash}`);
    expect(plan.create?.metadata.labels).toEqual({ app: 'web', 'controller.kubernetes.io/hash': hash });
    expect(templateOf(plan.create!)).toEqual(tpl('v1'));
  });

  it('reuses the latest equal revision, renumbers an older one, creates for a new template', () => {
    const r1 = planRevisions(owner, 'StatefulSet', tpl('v1'), []).create!;
    const r2 = planRevisions(owner, 'StatefulSet', tpl('v2'), [r1]).create!;
    expect(r2.revision).toBe(2);
    expect(planRevisions(owner, 'StatefulSet', tpl('v2'), [r1, r2])).toEqual({ update: r2 });
    const back = planRevisions(owner, 'StatefulSet', tpl('v1'), [r1, r2]);
    expect(back.create).toBeUndefined();
    expect(back.renumber?.metadata.name).toBe(r1.metadata.name);
    expect(back.renumber?.revision).toBe(3);
  });

  it('treats a null creationTimestamp in the template as absent', () => {
    const r1 = planRevisions(owner, 'StatefulSet', tpl('v1'), []).create!;
    const withNull = { ...tpl('v1'), metadata: { ...tpl('v1').metadata, creationTimestamp: null } };
    expect(planRevisions(owner, 'StatefulSet', withNull, [r1]).create).toBeUndefined();
  });

  it('drops the oldest unused revisions beyond the limit', () => {
    const revs = [1, 2, 3, 4].map(
      (n) =>
        ({
          metadata: { name: `r${n}` },
          revision: n,
          data: revisionData(tpl(`v${n}`)),
        }) as ControllerRevision,
    );
    expect(revisionsToDelete(revs, new Set(['r4', 'r1']), 1).map((r) => r.metadata.name)).toEqual(['r2']);
  });
});

describe('util', () => {
  it.each([
    { value: 3, total: 10, up: true, out: 3 },
    { value: '25%', total: 10, up: true, out: 3 },
    { value: '25%', total: 10, up: false, out: 2 },
    { value: '100%', total: 7, up: false, out: 7 },
    { value: 'bogus', total: 7, up: false, out: 0 },
  ])('resolveIntOrPercent($value of $total, roundUp=$up) = $out', ({ value, total, up, out }) => {
    expect(resolveIntOrPercent(value, total, up)).toBe(out);
  });

  it('hashes independently of key order and with the collision count', () => {
    expect(computeHash({ a: 1, b: 2 })).toBe(computeHash({ b: 2, a: 1 }));
    expect(computeHash({ a: 1 }, 1)).not.toBe(computeHash({ a: 1 }));
    expect(computeHash({ a: 1 })).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });
});
