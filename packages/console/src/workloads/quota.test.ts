import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import {
  DEFAULT_LIMITS,
  limitRangeObject,
  limitsForm,
  pickQuota,
  quotaForm,
  quotaObject,
  quotaRows,
  validateLimitsForm,
  validateQuotaForm,
} from './quota';

describe('ResourceQuota model', () => {
  it('builds a quota named after the project from the non-empty fields', () => {
    expect(quotaObject('demo', { 'limits.cpu': '2', 'limits.memory': ' 4Gi ', pods: '' })).toEqual({
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'demo', namespace: 'demo' },
      spec: { hard: { 'limits.cpu': '2', 'limits.memory': '4Gi' } },
    });
  });
  it('keeps metadata, unknown keys and other spec fields when updating', () => {
    const existing: KubeObject = {
      metadata: { name: 'q', namespace: 'demo', resourceVersion: '3' },
      spec: { hard: { pods: '10', 'requests.storage': '5Gi' }, scopes: ['NotTerminating'] },
    };
    const f = quotaForm(existing);
    expect(f).toEqual({ pods: '10', 'requests.storage': '5Gi' });
    const next = quotaObject('demo', { ...f, pods: '20' }, existing);
    expect(next.metadata).toEqual(existing.metadata);
    expect(next.spec).toEqual({
      hard: { pods: '20', 'requests.storage': '5Gi' },
      scopes: ['NotTerminating'],
    });
  });
  it('validates quantities, counts and requests ≤ limits', () => {
    expect(validateQuotaForm({ 'limits.cpu': 'lots', pods: '1.5', 'count/secrets': '3' })).toEqual({
      'limits.cpu': 'QUOTA_VALUE_INVALID',
      pods: 'QUOTA_VALUE_INVALID',
    });
    expect(validateQuotaForm({ 'requests.cpu': '2', 'limits.cpu': '1000m' })).toEqual({
      'requests.cpu': 'REQUEST_EXCEEDS_LIMIT',
    });
    expect(validateQuotaForm({ 'requests.memory': '512Mi', 'limits.memory': '1Gi' })).toEqual({});
  });
  it('shows used of hard with a ratio, unlimited as -', () => {
    const rq: KubeObject = {
      metadata: { name: 'demo' },
      spec: { hard: { 'limits.cpu': '2', pods: '10', 'requests.storage': '1Gi' } },
      status: {
        hard: { 'limits.cpu': '2', pods: '10', 'requests.storage': '1Gi' },
        used: { 'limits.cpu': '500m', pods: '10' },
      },
    };
    const rows = quotaRows(rq);
    expect(rows.find((r) => r.key === 'limits.cpu')).toEqual({
      key: 'limits.cpu',
      label: 'QUOTA_LIMITS_CPU',
      used: '500m',
      hard: '2',
      ratio: 0.25,
    });
    expect(rows.find((r) => r.key === 'pods')?.ratio).toBe(1);
    expect(rows.find((r) => r.key === 'count/secrets')).toEqual({
      key: 'count/secrets',
      label: 'QUOTA_SECRETS',
      used: '-',
      hard: '-',
    });
    expect(rows.at(-1)).toMatchObject({ key: 'requests.storage', label: 'requests.storage', used: '0' });
  });
  it('picks the quota named after the project', () => {
    const a = { metadata: { name: 'a' } };
    const b = { metadata: { name: 'demo' } };
    expect(pickQuota('demo', [a, b])).toBe(b);
    expect(pickQuota('demo', [a])).toBe(a);
  });
});

describe('LimitRange model', () => {
  it("builds KubeSphere's default container resources", () => {
    expect(limitRangeObject('demo', DEFAULT_LIMITS)).toEqual({
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'kubesphere-limitrange', namespace: 'demo' },
      spec: {
        limits: [
          {
            type: 'Container',
            default: { cpu: '500m', memory: '500Mi' },
            defaultRequest: { cpu: '10m', memory: '10Mi' },
          },
        ],
      },
    });
  });
  it('edits only the Container item of an existing LimitRange', () => {
    const existing: KubeObject = {
      metadata: { name: 'lr', namespace: 'demo', resourceVersion: '4' },
      spec: {
        limits: [
          { type: 'Pod', max: { cpu: '4' } },
          { type: 'Container', default: { cpu: '1' }, max: { cpu: '2' } },
        ],
      },
    };
    expect(limitsForm(existing)).toEqual({
      limitsCpu: '1',
      limitsMemory: '',
      requestsCpu: '',
      requestsMemory: '',
    });
    const next = limitRangeObject(
      'demo',
      { limitsCpu: '', limitsMemory: '1Gi', requestsCpu: '100m', requestsMemory: '' },
      existing,
    );
    expect(next.metadata.resourceVersion).toBe('4');
    expect((next.spec as { limits: unknown[] }).limits).toEqual([
      { type: 'Pod', max: { cpu: '4' } },
      { type: 'Container', default: { memory: '1Gi' }, defaultRequest: { cpu: '100m' }, max: { cpu: '2' } },
    ]);
  });
  it('validates', () => {
    expect(validateLimitsForm({ ...DEFAULT_LIMITS, requestsCpu: '1' })).toEqual({
      requestsCpu: 'REQUEST_EXCEEDS_LIMIT',
    });
    expect(validateLimitsForm({ ...DEFAULT_LIMITS, limitsMemory: 'x' })).toEqual({
      limitsMemory: 'QUOTA_VALUE_INVALID',
    });
  });
});
