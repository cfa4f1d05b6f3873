import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { CLUSTER_RESOURCES, PROJECT_RESOURCES, redeploy } from './descriptors';

const now = new Date('2026-01-02T03:04:05Z');

describe('descriptor actions', () => {
  it('redeploy patches the restartedAt annotation with the injected time', () => {
    expect(redeploy.patch?.({ metadata: {} }, now)).toEqual({
      spec: {
        template: { metadata: { annotations: { 'kubesphere.io/restartedAt': '2026-01-02T03:04:05.000Z' } } },
      },
    });
  });
  it.each([
    ['pause', { suspend: false }, true, { spec: { suspend: true } }],
    ['pause', { suspend: true }, false, undefined],
    ['start', { suspend: true }, true, { spec: { suspend: false } }],
  ])('cronjob %s visible=%s', (key, spec, visible, patch) => {
    const action = PROJECT_RESOURCES.cronjobs.extraActions?.find((a) => a.key === key);
    const obj: KubeObject = { metadata: { name: 'c' }, spec };
    expect(action?.visible?.(obj)).toBe(visible);
    if (patch) expect(action?.patch?.(obj, now)).toEqual(patch);
  });
  it.each([
    ['cordon', {}, true, { spec: { unschedulable: true } }],
    ['uncordon', { unschedulable: true }, true, { spec: { unschedulable: null } }],
    ['uncordon', {}, false, undefined],
  ])('node %s', (key, spec, visible, patch) => {
    const action = CLUSTER_RESOURCES.nodes.extraActions?.find((a) => a.key === key);
    const obj: KubeObject = { metadata: { name: 'n' }, spec };
    expect(action?.visible?.(obj)).toBe(visible);
    if (patch) expect(action?.patch?.(obj, now)).toEqual(patch);
  });
});

describe('descriptor table', () => {
  it('every project kind routes by its own key and every wizard id has a kind', () => {
    for (const [route, d] of Object.entries(PROJECT_RESOURCES)) {
      expect(d.route).toBe(route);
      expect(d.ref.namespaced).toBe(true);
      expect(d.tabs.length).toBeGreaterThan(0);
    }
    for (const d of Object.values(CLUSTER_RESOURCES)) expect(d.ref.namespaced).toBe(false);
  });
  it.each([
    [
      'services',
      { metadata: { annotations: { 'kubesphere.io/serviceType': 'statefulservice' } }, spec: {} },
      'STATEFULSERVICE',
    ],
    ['services', { metadata: {}, spec: { clusterIP: 'None' } }, 'HEADLESS'],
    ['services', { metadata: {}, spec: { clusterIP: '10.0.0.1' } }, 'VIRTUAL_IP'],
  ])('%s type column', (route, obj, want) => {
    const col = PROJECT_RESOURCES[route].columns.find((c) => c.key === 'svcType');
    const t = ((k: string) => k) as never;
    expect(col?.render(obj as KubeObject, t, 'en')).toBe(want);
  });
});
