import { describe, expect, it } from 'vitest';
import { StatusError, type KubeObject } from '@sphere/shared';
import { builtinSchemas } from '../schema/registry';
import { applyStrategicMergePatch } from './strategic-merge-patch';
import { serverSideApply } from './server-side-apply';
import { updateManagedFields } from './managed-fields';
import { fieldSetOf } from './typed-walk';

const schemaOf = (group: string, kind: string) => builtinSchemas.forKind(group, 'v1', kind);
const deploymentSchema = schemaOf('apps', 'Deployment');
const smp = (original: KubeObject, patch: unknown) =>
  applyStrategicMergePatch(
    original,
    patch,
    schemaOf(original.apiVersion === 'v1' ? '' : 'apps', original.kind!),
    builtinSchemas,
  );

const deployment = (): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.25',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            env: [{ name: 'MODE', value: 'prod' }],
            volumeMounts: [{ name: 'conf', mountPath: '/etc/nginx/conf.d' }],
          },
          { name: 'log', image: 'busybox', args: ['tail', '-f', '/var/log/x'] },
        ],
        volumes: [{ name: 'conf', configMap: { name: 'nginx-conf' } }],
        tolerations: [{ key: 'a', operator: 'Exists' }],
      },
    },
  },
});

type Spec = {
  replicas: number;
  strategy: Record<string, unknown>;
  template: {
    metadata: Record<string, unknown>;
    spec: Record<string, unknown> & { containers: Record<string, unknown>[] };
  };
};
const specOf = (obj: KubeObject) => obj.spec as Spec;

describe('strategic merge patch on the real built-in schemas', () => {
  it.each([
    [
      'kubectl apply: new image, env added and removed, port added, with $setElementOrder',
      {
        spec: {
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'log' }],
              containers: [
                {
                  name: 'nginx',
                  image: 'nginx:1.26',
                  '$setElementOrder/env': [{ name: 'LEVEL' }],
                  env: [
                    { name: 'LEVEL', value: 'debug' },
                    { $patch: 'delete', name: 'MODE' },
                  ],
                  '$setElementOrder/ports': [{ containerPort: 80 }, { containerPort: 443 }],
                  ports: [{ containerPort: 443, protocol: 'TCP' }],
                },
              ],
            },
          },
        },
      },
      (d: KubeObject) => {
        Object.assign(specOf(d).template.spec.containers[0], {
          image: 'nginx:1.26',
          env: [{ name: 'LEVEL', value: 'debug' }],
          ports: [
            { containerPort: 80, protocol: 'TCP' },
            { containerPort: 443, protocol: 'TCP' },
          ],
        });
      },
    ],
    [
      'kubectl apply: volume switched from configMap to secret ($retainKeys on a merge,retainKeys list)',
      {
        spec: {
          template: {
            spec: {
              '$setElementOrder/volumes': [{ name: 'conf' }],
              volumes: [{ $retainKeys: ['name', 'secret'], name: 'conf', secret: { secretName: 's' } }],
            },
          },
        },
      },
      (d: KubeObject) => {
        specOf(d).template.spec.volumes = [{ name: 'conf', secret: { secretName: 's' } }];
      },
    ],
    [
      'kubectl apply: strategy Recreate ($retainKeys on a retainKeys struct)',
      { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
      (d: KubeObject) => {
        specOf(d).strategy = { type: 'Recreate' };
      },
    ],
    [
      'tolerations are atomic and replaced',
      { spec: { template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } } } },
      (d: KubeObject) => {
        specOf(d).template.spec.tolerations = [{ key: 'b', operator: 'Exists' }];
      },
    ],
    [
      'kubectl apply: second container dropped',
      {
        spec: {
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'nginx' }],
              containers: [{ $patch: 'delete', name: 'log' }],
            },
          },
        },
      },
      (d: KubeObject) => {
        specOf(d).template.spec.containers.pop();
      },
    ],
    [
      'kubectl rollout restart',
      {
        spec: {
          template: {
            metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z' } },
          },
        },
      },
      (d: KubeObject) => {
        specOf(d).template.metadata.annotations = {
          'kubectl.kubernetes.io/restartedAt': '2026-01-01T00:00:00Z',
        };
      },
    ],
  ])('Deployment: %s', (_name, patch, mutate) => {
    const expected = deployment();
    mutate(expected);
    expect(smp(deployment(), patch)).toEqual(expected);
  });

  it('StatefulSet: rollout undo sends the revision data with $patch: replace on the template', () => {
    const sts: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        replicas: 3,
        template: {
          metadata: { labels: { app: 'db' }, annotations: { new: 'x' } },
          spec: { containers: [{ name: 'db', image: 'mysql:8.4', env: [{ name: 'A', value: '1' }] }] },
        },
      },
    };
    const revisionData = {
      spec: {
        template: {
          metadata: { labels: { app: 'db' } },
          spec: { containers: [{ name: 'db', image: 'mysql:8.0' }] },
          $patch: 'replace',
        },
      },
    };
    expect(smp(sts, revisionData).spec).toEqual({
      serviceName: 'db',
      replicas: 3,
      template: {
        metadata: { labels: { app: 'db' } },
        spec: { containers: [{ name: 'db', image: 'mysql:8.0' }] },
      },
    });
  });

  it('Service: ports merge by port', () => {
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], selector: { app: 'a' } },
    };
    const patched = smp(svc, { spec: { ports: [{ port: 80, targetPort: 9090 }] } });
    expect((patched.spec as { ports: unknown[] }).ports).toEqual([
      { port: 80, targetPort: 9090, protocol: 'TCP' },
    ]);
  });

  it('Pod: finalizers merge as a set and $deleteFromPrimitiveList removes one', () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', finalizers: ['a', 'b'] },
      spec: { containers: [] },
    };
    const added = smp(pod, {
      metadata: { '$setElementOrder/finalizers': ['a', 'b', 'c'], finalizers: ['c'] },
    });
    expect(added.metadata.finalizers).toEqual(['a', 'b', 'c']);
    const removed = smp(added, { metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] } });
    expect(removed.metadata.finalizers).toEqual(['b', 'c']);
  });

  it('Pod: a container without its merge key is rejected', () => {
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a' }] },
    };
    expect(() => smp(pod, { spec: { containers: [{ image: 'x' }] } })).toThrow(StatusError);
  });
});

describe('server-side apply on the real built-in schemas', () => {
  it('records the field set kube-apiserver records for an applied Deployment', () => {
    const set = fieldSetOf(deployment(), deploymentSchema, builtinSchemas);
    const fields = set.toFieldsV1() as Record<string, Record<string, unknown>>;
    expect(fields['f:spec']['f:selector']).toEqual({});
    const containers = (
      (fields['f:spec']['f:template'] as Record<string, Record<string, unknown>>)['f:spec'] as Record<
        string,
        Record<string, unknown>
      >
    )['f:containers'];
    expect(Object.keys(containers)).toEqual(['k:{"name":"log"}', 'k:{"name":"nginx"}']);
    expect(containers['k:{"name":"nginx"}']).toEqual({
      '.': {},
      'f:env': { 'k:{"name":"MODE"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
      'f:image': {},
      'f:name': {},
      'f:ports': {
        'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} },
      },
      'f:volumeMounts': {
        'k:{"mountPath":"/etc/nginx/conf.d"}': { '.': {}, 'f:mountPath': {}, 'f:name': {} },
      },
    });
  });

  it('Service ports are keyed by port and protocol', () => {
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's' },
      spec: { ports: [{ port: 80 }] },
    };
    const fields = fieldSetOf(svc, schemaOf('', 'Service'), builtinSchemas).toFieldsV1() as Record<
      string,
      Record<string, unknown>
    >;
    expect(fields['f:spec']['f:ports']).toEqual({
      'k:{"port":80,"protocol":"TCP"}': { '.': {}, 'f:port': {} },
    });
  });

  it('kubectl create, kubectl scale, kubectl apply --server-side: conflict on .spec.replicas, then --force-conflicts', () => {
    const now = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s));
    const track = (
      old: KubeObject | undefined,
      updated: KubeObject,
      manager: string,
      s: number,
      subresource?: string,
    ) => ({
      ...updated,
      metadata: {
        ...updated.metadata,
        managedFields: updateManagedFields({
          old,
          updated,
          manager,
          subresource,
          now: now(s),
          apiVersion: 'apps/v1',
          schema: deploymentSchema,
          registry: builtinSchemas,
        }),
      },
    });
    const createdObj = track(undefined, deployment(), 'kubectl-create', 0);
    const scaledBody = structuredClone(createdObj);
    specOf(scaledBody).replicas = 5;
    const scaled = track(createdObj, scaledBody, 'kubectl-scale', 1, 'scale');

    const apply = (force: boolean) =>
      serverSideApply({
        live: scaled,
        applied: deployment(),
        manager: 'kubectl',
        force,
        schema: deploymentSchema,
        registry: builtinSchemas,
        now: now(2),
        apiVersion: 'apps/v1',
      });
    let err: StatusError | undefined;
    try {
      apply(false);
    } catch (e) {
      err = e as StatusError;
    }
    expect(err?.toStatus()).toMatchObject({
      code: 409,
      reason: 'Conflict',
      message:
        'Apply failed with 1 conflict: conflict with "kubectl-scale" with subresource "scale" using apps/v1: .spec.replicas',
      details: {
        causes: [
          {
            reason: 'FieldManagerConflict',
            message: 'conflict with "kubectl-scale" with subresource "scale" using apps/v1',
            field: '.spec.replicas',
          },
        ],
      },
    });

    const { object } = apply(true);
    expect(specOf(object).replicas).toBe(2);
    expect(object.metadata.managedFields?.map((e) => e.manager)).toEqual(['kubectl', 'kubectl-create']);
  });
});
