import { describe, expect, it } from 'vitest';
import {
  ALERT_METRICS,
  durationSeconds,
  formToPolicy,
  policyToForm,
  splitDuration,
  type AlertPolicy,
  type PolicyFormValues,
} from './alerting';
import en from './locales/en.json';
import zh from './locales/zh.json';

const form = (over: Partial<PolicyFormValues>): PolicyFormValues => ({
  name: 'p',
  metric: 'node_cpu_usage',
  condition: '>',
  threshold: 0,
  durationValue: 0,
  durationUnit: 's',
  severity: 'warning',
  enabled: true,
  ...over,
});

describe('policy form ↔ policy', () => {
  it.each<[string, PolicyFormValues, AlertPolicy]>([
    [
      'node CPU usage > 0 cores at once, every node',
      form({ name: 'busy' }),
      {
        name: 'busy',
        metric: 'node_cpu_usage',
        condition: '>',
        threshold: 0,
        duration: '0s',
        severity: 'warning',
      },
    ],
    [
      'utilisation typed in percent, one node, for 5 minutes, with webhook and description',
      form({
        metric: 'node_cpu_utilisation',
        target: 'node-1',
        condition: '>=',
        threshold: 80,
        durationValue: 5,
        durationUnit: 'm',
        severity: 'critical',
        webhook: ' http://hooks.example/a ',
        description: 'hot node',
      }),
      {
        name: 'p',
        metric: 'node_cpu_utilisation',
        match: { node: 'node-1' },
        condition: '>=',
        threshold: 0.8,
        duration: '5m',
        severity: 'critical',
        webhook: 'http://hooks.example/a',
        description: 'hot node',
      },
    ],
    [
      'workload memory in MiB, disabled',
      form({
        metric: 'workload_memory_usage_wo_cache',
        target: 'web',
        condition: '<',
        threshold: 64,
        durationValue: 1,
        durationUnit: 'h',
        severity: 'error',
        enabled: false,
      }),
      {
        name: 'p',
        metric: 'workload_memory_usage_wo_cache',
        match: { workload: 'web' },
        condition: '<',
        threshold: 64 * 1024 * 1024,
        duration: '1h',
        severity: 'error',
        disabled: true,
      },
    ],
    [
      'a project metric has no target',
      form({ metric: 'namespace_pod_count', target: 'ignored', threshold: 10, durationValue: 30 }),
      {
        name: 'p',
        metric: 'namespace_pod_count',
        condition: '>',
        threshold: 10,
        duration: '30s',
        severity: 'warning',
      },
    ],
  ])('%s', (_name, values, policy) => {
    expect(formToPolicy(values)).toEqual(policy);
    const { target, ...back } = values;
    const round = policyToForm(policy);
    expect(round).toEqual({
      ...back,
      ...(values.webhook ? { webhook: values.webhook.trim() } : {}),
      ...(policy.match ? { target } : {}),
    });
  });

  it('keeps match labels the form does not show, replaces the target', () => {
    const base: AlertPolicy = {
      name: 'p',
      metric: 'pod_cpu_usage',
      match: { pod: 'old', owner_kind: 'Deployment' },
      condition: '>',
      threshold: 1,
      duration: '0s',
      severity: 'info',
    };
    const v = policyToForm(base);
    expect(v.target).toBe('old');
    expect(formToPolicy({ ...v, target: 'new' }, base).match).toEqual({
      pod: 'new',
      owner_kind: 'Deployment',
    });
    expect(formToPolicy({ ...v, target: '' }, base).match).toEqual({ owner_kind: 'Deployment' });
  });

  it('reads durations the API may hold', () => {
    expect(durationSeconds('1h30m')).toBe(5400);
    expect(durationSeconds('0s')).toBe(0);
    expect(durationSeconds('soon')).toBeUndefined();
    expect(splitDuration(5400)).toEqual({ value: 90, unit: 'm' });
    expect(policyToForm({ ...formToPolicy(form({})), duration: '90s' })).toMatchObject({
      durationValue: 90,
      durationUnit: 's',
    });
    expect(splitDuration(7200)).toEqual({ value: 2, unit: 'h' });
  });

  it('every metric has a human name in English and Chinese', () => {
    const labels = Object.values(ALERT_METRICS).flatMap((l) => l.map((x) => x.label));
    const missing = labels.filter(
      (k) => !(k in en.monitoring) || !(k in (zh.monitoring as Record<string, string>)),
    );
    expect(missing).toEqual([]);
  });
});
