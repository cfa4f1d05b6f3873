/**
 * The built-in descriptors through the real request pipeline (SQLite store in memory, real patch and schema
 * engines): storage conversions between versions, server-owned fields, and the update strategies.
 */
import { isStatusError, type KubeObject } from '@sphere/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPatchEngine, createSchemaEngine } from '../cluster/engines';
import { createPipeline } from '../pipeline/pipeline';
import type { ApiPipeline, RequestContext, Target } from '../pipeline/types';
import { createSchemaRegistry } from '../schema/registry';
import { createSqliteStore, type SqliteStore } from '../storage';
import { builtinDescriptors } from './builtin';
import { ResourceRegistry } from './resource-registry';

const ctx: RequestContext = { user: { username: 'admin', groups: ['system:masters'] }, userAgent: 'test' };
const at = (group: string, version: string, resource: string, name?: string): Target => ({
  group,
  version,
  resource,
  namespace: 'default',
  ...(name ? { name } : {}),
});

let store: SqliteStore;
let api: ApiPipeline;
let uids = 0;

beforeAll(async () => {
  store = createSqliteStore({ path: ':memory:', compaction: { intervalMs: 0 }, batchDelayMs: 0 });
  const schema = createSchemaEngine(createSchemaRegistry());
  api = createPipeline({
    store,
    registry: new ResourceRegistry(builtinDescriptors()),
    schema,
    patch: createPatchEngine(schema),
    now: () => new Date('2026-01-01T12:00:00Z'),
    uid: () => `uid-${++uids}`,
  });
  await api.create(
    ctx,
    { group: '', version: 'v1', resource: 'namespaces' },
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'default' },
    },
  );
});

afterAll(() => store.close());

async function message(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (err) {
    if (isStatusError(err)) return err.message;
    throw err;
  }
}

describe('built-in descriptors through the pipeline', () => {
  it('stores a v1 HPA as v2 and serves both versions', async () => {
    await api.create(ctx, at('autoscaling', 'v1', 'horizontalpodautoscalers'), {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        maxReplicas: 4,
        targetCPUUtilizationPercentage: 55,
      },
    });
    const v2 = await api.get(ctx, at('autoscaling', 'v2', 'horizontalpodautoscalers', 'web'));
    expect(v2.apiVersion).toBe('autoscaling/v2');
    expect((v2.spec as Record<string, unknown>).metrics).toEqual([
      {
        type: 'Resource',
        resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 55 } },
      },
    ]);
    await api.patch(ctx, at('autoscaling', 'v2', 'horizontalpodautoscalers', 'web'), 'merge', {
      spec: {
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 55 } },
          },
          {
            type: 'Resource',
            resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '1Gi' } },
          },
        ],
      },
    });
    const v1 = await api.get(ctx, at('autoscaling', 'v1', 'horizontalpodautoscalers', 'web'));
    expect(v1.spec).toMatchObject({ targetCPUUtilizationPercentage: 55, minReplicas: 1 });
    expect(v1.metadata.annotations?.['autoscaling.alpha.kubernetes.io/metrics']).toContain('memory');
    // A v1 write keeps the metric only v2 can express.
    await api.patch(ctx, at('autoscaling', 'v1', 'horizontalpodautoscalers', 'web'), 'merge', {
      spec: { maxReplicas: 6 },
    });
    const again = await api.get(ctx, at('autoscaling', 'v2', 'horizontalpodautoscalers', 'web'));
    expect((again.spec as { metrics: unknown[]; maxReplicas: number }).metrics).toHaveLength(2);
    expect((again.spec as { maxReplicas: number }).maxReplicas).toBe(6);
    expect(again.metadata.annotations).toBeUndefined();
  });

  it('serves events written through either API from one storage', async () => {
    await api.create(ctx, at('events.k8s.io', 'v1', 'events'), {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'e1' },
      eventTime: '2026-01-01T11:59:00.000000Z',
      reportingController: 'sphere.io/test',
      reportingInstance: 'i1',
      action: 'Testing',
      reason: 'Tested',
      type: 'Normal',
      note: 'hello',
      regarding: { kind: 'Pod', name: 'p1', namespace: 'default' },
    });
    const core = await api.get(ctx, at('', 'v1', 'events', 'e1'));
    expect(core).toMatchObject({
      apiVersion: 'v1',
      message: 'hello',
      involvedObject: { name: 'p1' },
      reportingComponent: 'sphere.io/test',
    });
    const listed = await api.list(ctx, at('events.k8s.io', 'v1', 'events'), {
      fieldSelector: 'regarding.name=p1',
    });
    expect(listed.items.map((e) => (e as KubeObject & { note?: string }).note)).toEqual(['hello']);
  });

  it('generates a Job selector from the uid assigned at create', async () => {
    const { object } = await api.create(ctx, at('batch', 'v1', 'jobs'), {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi' },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } } },
    });
    const uid = object.metadata.uid ?? '';
    expect(uid).toMatch(/^uid-/);
    expect((object.spec as { selector: unknown }).selector).toEqual({
      matchLabels: { 'batch.kubernetes.io/controller-uid': uid },
    });
    expect(object.metadata.labels).toMatchObject({ 'job-name': 'pi', 'controller-uid': uid });
    expect(
      await message(
        api.patch(ctx, at('batch', 'v1', 'jobs', 'pi'), 'strategic', {
          spec: { template: { spec: { containers: [{ name: 'pi', image: 'perl:2' }] } } },
        }),
      ),
    ).toBe(
      'Job.batch "pi" is invalid: spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable',
    );
  });

  it('refuses StatefulSet claim template changes but accepts scaling', async () => {
    const sts = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'c', image: 'mysql' }] },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
          },
        ],
      },
    };
    await api.create(ctx, at('apps', 'v1', 'statefulsets'), sts);
    const scaled = await api.patch(ctx, at('apps', 'v1', 'statefulsets', 'db'), 'merge', {
      spec: { replicas: 3 },
    });
    expect(scaled.object.metadata.generation).toBe(2);
    const bigger = structuredClone(sts);
    bigger.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi';
    expect(await message(api.update(ctx, at('apps', 'v1', 'statefulsets', 'db'), bigger))).toMatch(
      /^StatefulSet\.apps "db" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas'/,
    );
  });

  it('bumps the DaemonSet template generation only when the template changes', async () => {
    const ds = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: {
          metadata: { labels: { app: 'agent' } },
          spec: { containers: [{ name: 'c', image: 'agent:1' }] },
        },
      },
    };
    const created = await api.create(ctx, at('apps', 'v1', 'daemonsets'), ds);
    const generation = (o: KubeObject) =>
      o.metadata.annotations?.['deprecated.daemonset.template.generation'];
    expect(generation(created.object)).toBe('1');
    const replaced = await api.update(ctx, at('apps', 'v1', 'daemonsets', 'agent'), {
      ...ds,
      spec: { ...ds.spec, minReadySeconds: 3 },
    });
    expect(generation(replaced.object)).toBe('1');
    const image = await api.patch(ctx, at('apps', 'v1', 'daemonsets', 'agent'), 'strategic', {
      spec: { template: { spec: { containers: [{ name: 'c', image: 'agent:2' }] } } },
    });
    expect(generation(image.object)).toBe('2');
  });

  it('answers access reviews without storing them', async () => {
    const { object, code } = await api.create(
      ctx,
      { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectaccessreviews' },
      {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        metadata: {},
        spec: { resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default' } },
      },
    );
    expect(code).toBe(201);
    expect(object.status).toMatchObject({ allowed: true });
  });
});
