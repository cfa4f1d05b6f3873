import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { relatedClaims, relatedHpas, relatedServices, selectorMatches } from './related';

const sts: KubeObject = {
  kind: 'StatefulSet',
  metadata: { name: 'mysql', namespace: 'demo' },
  spec: {
    template: { metadata: { labels: { app: 'mysql', tier: 'db' } } },
    volumeClaimTemplates: [{ metadata: { name: 'data' } }],
  },
};
const svc = (name: string, selector: Record<string, string> | undefined, namespace = 'demo'): KubeObject => ({
  metadata: { name, namespace },
  spec: { selector },
});
const pvc = (name: string, namespace = 'demo'): KubeObject => ({ metadata: { name, namespace } });

describe('related objects', () => {
  it.each([
    [{ app: 'mysql' }, true],
    [{ app: 'mysql', tier: 'db' }, true],
    [{ app: 'other' }, false],
    [{}, false],
    [undefined, false],
  ])('selector %j', (sel, want) => expect(selectorMatches(sel, { app: 'mysql', tier: 'db' })).toBe(want));

  it('finds services selecting the pods, in the same namespace only', () => {
    const out = relatedServices(sts, [
      svc('mysql-abc', { app: 'mysql' }),
      svc('web', { app: 'web' }),
      svc('all', undefined),
      svc('x', { app: 'mysql' }, 'other'),
    ]);
    expect(out.map((s) => s.metadata.name)).toEqual(['mysql-abc']);
  });

  it('finds the claims of the volume claim templates', () => {
    const out = relatedClaims(sts, [
      pvc('data-mysql-0'),
      pvc('data-mysql-1'),
      pvc('data-mysql-x'),
      pvc('data-mysqlx-0'),
      pvc('logs-mysql-0'),
      pvc('data-mysql-0', 'other'),
    ]);
    expect(out.map((c) => c.metadata.name)).toEqual(['data-mysql-0', 'data-mysql-1']);
  });
});

describe('relatedHpas', () => {
  const deploy: KubeObject = {
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'demo', annotations: { 'kubesphere.io/relatedHPA': 'custom' } },
  };
  const hpa = (name: string, target: string, kind = 'Deployment', namespace = 'demo'): KubeObject => ({
    metadata: { name, namespace },
    spec: { scaleTargetRef: { kind, name: target } },
  });
  it('finds HPAs targeting the workload or named in its annotation', () => {
    const found = relatedHpas(deploy, [
      hpa('web', 'web'),
      hpa('custom', 'other'),
      hpa('x', 'web', 'StatefulSet'),
      hpa('web2', 'web', 'Deployment', 'elsewhere'),
    ]);
    expect(found.map((h) => h.metadata.name)).toEqual(['web', 'custom']);
  });
});
