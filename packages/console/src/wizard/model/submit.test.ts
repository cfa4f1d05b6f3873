import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import type { KindRef } from '../../resources/kinds';
import { creationOrder, stampCreator, SubmitError, submitObjects } from './submit';

const sts: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'm', namespace: 'd' },
  spec: { template: { metadata: { labels: { app: 'm' } } } },
};
const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'm-1', namespace: 'd' } };

function fakeApi(failOn?: { kind: string; dryRun: boolean }) {
  const calls: string[] = [];
  return {
    calls,
    create: async (ref: KindRef, obj: KubeObject, opts: { dryRun?: boolean }) => {
      calls.push(`${opts.dryRun ? 'dry' : 'real'}:${ref.kind}:${obj.metadata.name}`);
      if (failOn && failOn.kind === obj.kind && failOn.dryRun === !!opts.dryRun) throw new Error('denied');
      return obj;
    },
  };
}

describe('submitObjects', () => {
  it('dry-runs everything, then creates the Service before the StatefulSet', async () => {
    const api = fakeApi();
    await submitObjects(api, [sts, svc], 'alice');
    expect(api.calls).toEqual([
      'dry:Service:m-1',
      'dry:StatefulSet:m',
      'real:Service:m-1',
      'real:StatefulSet:m',
    ]);
  });
  it.each([
    [{ kind: 'StatefulSet', dryRun: true }, ['dry:Service:m-1', 'dry:StatefulSet:m'], 'dry-run'],
    [
      { kind: 'Service', dryRun: false },
      ['dry:Service:m-1', 'dry:StatefulSet:m', 'real:Service:m-1'],
      'create',
    ],
  ])('stops at the first failure (%j)', async (failOn, calls, stage) => {
    const api = fakeApi(failOn);
    const err = await submitObjects(api, [sts, svc], 'alice').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SubmitError);
    expect((err as SubmitError).stage).toBe(stage);
    expect((err as SubmitError).kind).toBe(failOn.kind);
    expect(api.calls).toEqual(calls);
  });
});

describe('stampCreator / creationOrder', () => {
  it('adds the creator to the object and its pod template without mutating', () => {
    const out = stampCreator(sts, 'alice');
    expect(out.metadata.annotations).toEqual({ 'kubesphere.io/creator': 'alice' });
    expect((out.spec as { template: { metadata: unknown } }).template.metadata).toEqual({
      labels: { app: 'm' },
      annotations: { 'kubesphere.io/creator': 'alice' },
    });
    expect(sts.metadata.annotations).toBeUndefined();
  });
  it('orders config before services before workloads, stable otherwise', () => {
    const cm = { kind: 'ConfigMap', metadata: { name: 'c' } };
    expect(creationOrder([sts, svc, cm]).map((o) => o.kind)).toEqual(['ConfigMap', 'Service', 'StatefulSet']);
  });
});
