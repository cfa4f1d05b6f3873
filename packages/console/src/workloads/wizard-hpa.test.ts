import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { applyWizardHpa, readWizardHpa, syncWizardHpa, wizardHpaProblems } from './wizard-hpa';

const deploy: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'demo' },
};

describe('wizard HPA section', () => {
  it('adds the HPA to the draft and binds it; off removes both', () => {
    const on = applyWizardHpa([deploy], { minReplicas: 1, maxReplicas: 3, cpuUtilization: 60 });
    expect(on.map((o) => o.kind)).toEqual(['Deployment', 'HorizontalPodAutoscaler']);
    expect(on[0].metadata.annotations).toEqual({ 'kubesphere.io/relatedHPA': 'web' });
    expect(readWizardHpa(on)).toEqual({
      minReplicas: 1,
      maxReplicas: 3,
      cpuUtilization: 60,
      memoryAverageValue: undefined,
    });
    const off = applyWizardHpa(on, undefined);
    expect(off).toEqual([{ ...deploy, metadata: { ...deploy.metadata, annotations: {} } }]);
    expect(readWizardHpa(off)).toBeUndefined();
  });
  it('follows a renamed Deployment when synced before submit', () => {
    const on = applyWizardHpa([deploy], { minReplicas: 1, maxReplicas: 3, cpuUtilization: 60 });
    const renamed = [{ ...on[0], metadata: { ...on[0].metadata, name: 'shop' } }, on[1]];
    const synced = syncWizardHpa(renamed);
    expect(synced[1].metadata.name).toBe('shop');
    expect((synced[1].spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name).toBe('shop');
    expect(synced[0].metadata.annotations).toEqual({ 'kubesphere.io/relatedHPA': 'shop' });
    expect(syncWizardHpa([deploy])).toEqual([deploy]);
  });
  it('validates only when on', () => {
    expect(wizardHpaProblems([deploy])).toEqual([]);
    expect(
      wizardHpaProblems(applyWizardHpa([deploy], { minReplicas: 2, maxReplicas: 1, cpuUtilization: 50 })),
    ).toEqual(['HPA_MAX_INVALID']);
  });
});
