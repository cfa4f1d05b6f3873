import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { copy, createThrough, messages, now, podTemplate, updateThrough } from '../apps/test-support';
import { jobs } from './jobs';

function job(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default', uid: 'uid-1' },
    spec: { template: podTemplate('pi', 'Never'), ...spec },
  };
}

describe('Job create', () => {
  it('generates selector and labels from the uid and fills defaults', () => {
    const obj = job();
    (obj.spec as { template: { metadata: Record<string, unknown> } }).template.metadata = {};
    expect(messages(createThrough(jobs, obj))).toEqual([]);
    const labels = {
      'batch.kubernetes.io/controller-uid': 'uid-1',
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': 'uid-1',
      'job-name': 'pi',
    };
    expect(obj.spec).toMatchObject({
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'uid-1' } },
      template: { metadata: { labels } },
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: 'TerminatingOrFailed',
    });
    expect(obj.metadata.labels).toEqual(labels);
  });

  it('keeps completions unset when only parallelism is given', () => {
    const obj = job({ parallelism: 4 });
    createThrough(jobs, obj);
    expect((obj.spec as Record<string, unknown>).completions).toBeUndefined();
  });

  it.each<[string, Record<string, unknown>, (o: KubeObject) => void, string[]]>([
    [
      'restartPolicy Always',
      {},
      (o) =>
        ((o.spec as { template: { spec: Record<string, unknown> } }).template.spec.restartPolicy = 'Always'),
      [
        'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
      ],
    ],
    [
      'defaulted restartPolicy',
      {},
      (o) => delete (o.spec as { template: { spec: Record<string, unknown> } }).template.spec.restartPolicy,
      [
        'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
      ],
    ],
    [
      'user selector without manualSelector',
      { selector: { matchLabels: { app: 'pi' } } },
      () => undefined,
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"pi", "batch.kubernetes.io/controller-uid":"uid-1"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` not auto-generated',
      ],
    ],
    [
      'negative backoffLimit',
      { backoffLimit: -1 },
      () => undefined,
      ['spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'Indexed without completions',
      { completionMode: 'Indexed', parallelism: 2 },
      () => undefined,
      ['spec.completions: Required value: when completion mode is Indexed'],
    ],
    [
      'conflicting job-name label',
      {},
      (o) =>
        ((o.spec as { template: { metadata: { labels: Record<string, string> } } }).template.metadata.labels[
          'job-name'
        ] = 'other'),
      ['spec.template.metadata.labels[job-name]: Invalid value: "other": must be \'pi\''],
    ],
  ])('%s', (_name, spec, mutate, expected) => {
    const obj = job(spec);
    mutate(obj);
    expect(messages(createThrough(jobs, obj))).toEqual(expected);
  });

  it('accepts a manual selector matching the template', () => {
    const obj = job({ manualSelector: true, selector: { matchLabels: { app: 'pi' } } });
    expect(createThrough(jobs, obj)).toEqual([]);
    expect((obj.spec as Record<string, unknown>).selector).toEqual({ matchLabels: { app: 'pi' } });
  });

  it('accepts a selector on the legacy controller-uid label', () => {
    const obj = job({ selector: { matchLabels: { 'controller-uid': 'uid-1' } } });
    expect(createThrough(jobs, obj)).toEqual([]);
  });

  it('rejects a manual selector not matching the template', () => {
    const obj = job({ manualSelector: true, selector: { matchLabels: { app: 'x' } } });
    expect(messages(createThrough(jobs, obj))).toEqual([
      'spec.template.metadata.labels: Invalid value: map[string]string{"app":"pi"}: `selector` does not match template `labels`',
    ]);
  });
});

describe('Job update', () => {
  const created = () => {
    const obj = job();
    createThrough(jobs, obj);
    return obj;
  };

  it.each<[string, (spec: Record<string, unknown>) => void, string[]]>([
    ['suspend', (s) => (s.suspend = true), []],
    ['parallelism', (s) => (s.parallelism = 3), []],
    ['completions', (s) => (s.completions = 3), ['spec.completions: Invalid value: 3: field is immutable']],
    [
      'template image',
      (s) =>
        ((s.template as { spec: { containers: { image: string }[] } }).spec.containers[0].image = 'perl:2'),
      ['spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable'],
    ],
  ])('%s', (_name, mutate, expected) => {
    const old = created();
    const next = copy(old);
    mutate(next.spec as Record<string, unknown>);
    expect(messages(updateThrough(jobs, next, old))).toEqual(expected);
  });

  it('lets a suspended, unstarted job change scheduling directives', () => {
    const old = created();
    (old.spec as Record<string, unknown>).suspend = true;
    const next = copy(old);
    (next.spec as { template: { spec: Record<string, unknown> } }).template.spec.nodeSelector = { zone: 'a' };
    expect(updateThrough(jobs, next, old)).toEqual([]);
  });
});

describe('Job descriptor', () => {
  it('orphans dependents by default and selects on status.successful', () => {
    expect(jobs.defaultPropagation).toBe('Orphan');
    const obj = job();
    obj.status = { succeeded: 2 };
    expect(jobs.fieldSelectors?.['status.successful'](obj)).toBe('2');
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown>, string[]]>([
    [
      'complete',
      { completions: 1, parallelism: 1 },
      {
        succeeded: 1,
        startTime: '2026-01-01T11:58:00Z',
        completionTime: '2026-01-01T11:58:12Z',
        conditions: [{ type: 'Complete', status: 'True' }],
      },
      ['Complete', '1/1', '12s'],
    ],
    [
      'running',
      { completions: 5, parallelism: 2 },
      { active: 2, startTime: '2026-01-01T11:59:00Z' },
      ['Running', '0/5', '60s'],
    ],
    ['work queue', { parallelism: 3 }, {}, ['Running', '0/1 of 3', '']],
    [
      'failed',
      { completions: 1 },
      { failed: 7, conditions: [{ type: 'Failed', status: 'True' }] },
      ['Failed', '0/1', ''],
    ],
    [
      'suspended',
      { completions: 1 },
      { conditions: [{ type: 'Suspended', status: 'True' }] },
      ['Suspended', '0/1', ''],
    ],
  ])('table: %s', (_name, spec, status, expected) => {
    const obj = job(spec);
    obj.spec = {
      ...(obj.spec as object),
      ...spec,
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'uid-1' } },
    };
    obj.status = status;
    obj.metadata.creationTimestamp = '2026-01-01T11:58:00Z';
    const cells = jobs.table?.cells(obj, now) ?? [];
    expect(cells.slice(1, 4)).toEqual(expected);
    expect(cells[7]).toBe('batch.kubernetes.io/controller-uid=uid-1');
  });
});
