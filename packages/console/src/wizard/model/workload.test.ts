import { describe, expect, it } from 'vitest';
import { newContainer } from './container';
import { byKind } from './draft';
import { workloadTemplate } from './templates';
import { applyBasic, applyPod, readPod, WORKLOAD_KINDS } from './workload';

const c = { ...newContainer('aaaaaa'), image: 'nginx:1.25' };

describe('workload templates and pod sections', () => {
  it('Deployment: KubeSphere defaults, name label, RollingUpdate or Recreate', () => {
    const wk = WORKLOAD_KINDS.Deployment;
    let d = [workloadTemplate('Deployment', 'demo')];
    d = applyBasic(d, wk, { name: 'web', alias: '', description: '' });
    d = applyPod(d, wk, { ...readPod(d, wk), containers: [c], strategy: { type: 'Recreate' } });
    expect(byKind(d, 'Deployment')).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { namespace: 'demo', name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: {
            containers: [{ name: 'container-aaaaaa', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }],
            serviceAccount: 'default',
          },
        },
        strategy: { type: 'Recreate' },
      },
    });
    const rolling = applyPod(d, wk, {
      ...readPod(d, wk),
      strategy: { type: 'RollingUpdate', maxUnavailable: '1', maxSurge: '50%' },
    });
    expect((byKind(rolling, 'Deployment')?.spec as { strategy: unknown }).strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '1', maxSurge: '50%' },
    });
  });

  it('DaemonSet: no replicas; RollingUpdate maxUnavailable + minReadySeconds, or OnDelete', () => {
    const wk = WORKLOAD_KINDS.DaemonSet;
    let d = [workloadTemplate('DaemonSet', 'demo')];
    expect(d[0].spec).not.toHaveProperty('replicas');
    d = applyPod(d, wk, {
      ...readPod(d, wk),
      replicas: 7,
      containers: [c],
      strategy: { type: 'RollingUpdate', maxUnavailable: '10%', minReadySeconds: 5 },
    });
    expect(d[0].spec).not.toHaveProperty('replicas');
    expect(d[0].spec).toMatchObject({
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '10%' } },
      minReadySeconds: 5,
    });
  });

  it.each([
    ['Job', 'spec.template'],
    ['CronJob', 'spec.jobTemplate.spec.template'],
  ] as const)(
    '%s: containers and restart policy live under %s; labels on the job template too',
    (kind, path) => {
      const wk = WORKLOAD_KINDS[kind];
      let d = [workloadTemplate(kind, 'demo')];
      d = applyBasic(d, wk, { name: 'pi', alias: '', description: '' });
      d = applyPod(d, wk, {
        ...readPod(d, wk),
        containers: [{ ...c, image: 'perl', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }],
        restartPolicy: 'OnFailure',
      });
      const template = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], d[0]) as {
        metadata: unknown;
        spec: { restartPolicy: string; containers: { command: string[] }[] };
      };
      expect(template.spec.restartPolicy).toBe('OnFailure');
      expect(template.spec.containers[0].command).toEqual([
        'perl',
        '-Mbignum=bpi',
        '-wle',
        'print bpi(2000)',
      ]);
      expect(template.metadata).toEqual({ labels: { app: 'pi' } });
      expect(d[0].spec).not.toHaveProperty('selector');
      if (kind === 'CronJob')
        expect(d[0].spec).toMatchObject({
          concurrencyPolicy: 'Forbid',
          jobTemplate: { metadata: { labels: { app: 'pi' } } },
        });
    },
  );

  it('renaming a container keeps its other fields; removing one drops it', () => {
    const wk = WORKLOAD_KINDS.Deployment;
    let d = applyPod([workloadTemplate('Deployment', 'demo')], wk, {
      ...readPod([workloadTemplate('Deployment', 'demo')], wk),
      containers: [c, { ...c, name: 'sidecar' }],
    });
    const spec = (
      byKind(d, 'Deployment')?.spec as { template: { spec: { containers: Record<string, unknown>[] } } }
    ).template.spec;
    spec.containers[0].securityContext = { privileged: false };
    const pod = readPod(d, wk);
    d = applyPod(d, wk, { ...pod, containers: [{ ...pod.containers[0], name: 'main' }] });
    const out = (
      byKind(d, 'Deployment')?.spec as { template: { spec: { containers: Record<string, unknown>[] } } }
    ).template.spec.containers;
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ name: 'main', securityContext: { privileged: false } });
  });
});
