import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultTable, MessageSpec } from './table';

const table = defaultTable();
const field = (message: string, jsonName: string) =>
  [...(table.message(message)?.fields.values() ?? [])].find((f) => f.jsonName === jsonName);

describe('generated message table', () => {
  it.each([
    ['v1', 'Pod', 'k8s.io.api.core.v1.Pod'],
    ['v1', 'DeleteOptions', 'k8s.io.apimachinery.pkg.apis.meta.v1.DeleteOptions'],
    ['apps/v1', 'Deployment', 'k8s.io.api.apps.v1.Deployment'],
    ['batch/v1', 'CronJob', 'k8s.io.api.batch.v1.CronJob'],
    ['autoscaling/v1', 'Scale', 'k8s.io.api.autoscaling.v1.Scale'],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', 'k8s.io.api.autoscaling.v2.HorizontalPodAutoscaler'],
    ['networking.k8s.io/v1', 'Ingress', 'k8s.io.api.networking.v1.Ingress'],
    ['storage.k8s.io/v1', 'StorageClass', 'k8s.io.api.storage.v1.StorageClass'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'k8s.io.api.rbac.v1.ClusterRole'],
    ['policy/v1', 'Eviction', 'k8s.io.api.policy.v1.Eviction'],
    ['coordination.k8s.io/v1', 'Lease', 'k8s.io.api.coordination.v1.Lease'],
    ['discovery.k8s.io/v1', 'EndpointSlice', 'k8s.io.api.discovery.v1.EndpointSlice'],
    ['events.k8s.io/v1', 'Event', 'k8s.io.api.events.v1.Event'],
    [
      'authorization.k8s.io/v1',
      'SelfSubjectAccessReview',
      'k8s.io.api.authorization.v1.SelfSubjectAccessReview',
    ],
    ['authentication.k8s.io/v1', 'TokenRequest', 'k8s.io.api.authentication.v1.TokenRequest'],
    ['scheduling.k8s.io/v1', 'PriorityClass', 'k8s.io.api.scheduling.v1.PriorityClass'],
    [
      'apiextensions.k8s.io/v1',
      'CustomResourceDefinition',
      'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition',
    ],
  ])('%s %s → %s', (apiVersion, kind, message) => {
    expect(table.messageForKind(apiVersion, kind)?.name).toBe(message);
  });

  it.each([
    ['k8s.io.api.core.v1.PodSpec', 'hostPID', 12],
    ['k8s.io.api.core.v1.PodStatus', 'podIPs', 12],
    ['k8s.io.api.core.v1.Secret', 'stringData', 4],
    ['k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps', '$ref', 3],
    ['k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps', '$schema', 2],
    [
      'k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps',
      'x-kubernetes-preserve-unknown-fields',
      38,
    ],
  ])('%s.%s is field %i', (message, jsonName, number) => {
    expect(field(message, jsonName)?.number).toBe(number);
  });

  it('records Go pointers, omitempty and inlined embedded structs', () => {
    expect(field('k8s.io.api.apps.v1.DeploymentSpec', 'replicas')).toMatchObject({
      pointer: true,
      scalar: true,
    });
    expect(field('k8s.io.api.core.v1.PodSpec', 'hostPID')).toMatchObject({ pointer: false, omitEmpty: true });
    expect(field('k8s.io.api.core.v1.Volume', 'volumeSource')).toMatchObject({ inline: true });
    expect(field('k8s.io.api.core.v1.ConfigMap', 'binaryData')).toMatchObject({ map: true, type: 'bytes' });
    expect(table.message('k8s.io.api.authentication.v1.ExtraValue')?.list).toBe(true);
  });

  // The JSON names must be exactly the OpenAPI property names. The reference spec lives outside the
  // repository (the team's shared folder), so this cross-check runs only where it is present.
  const swaggerPath = '/work/shared/reference/kubernetes-api/swagger.json';
  it.skipIf(!existsSync(swaggerPath))(
    'JSON names equal the OpenAPI property names of every definition',
    () => {
      const swagger = JSON.parse(readFileSync(swaggerPath, 'utf8')) as {
        definitions: Record<string, { properties?: Record<string, unknown> }>;
      };
      const jsonNames = (spec: MessageSpec): string[] =>
        [...spec.fields.values()].flatMap((f) => {
          const inner = f.inline ? table.message(f.type) : undefined;
          return inner ? jsonNames(inner) : [f.jsonName];
        });
      const mismatches: string[] = [];
      let compared = 0;
      for (const pkg of new Set(table.apiVersions.values())) {
        for (const [id, def] of Object.entries(swagger.definitions)) {
          const name = id
            .replace(/^io\.k8s\./, 'k8s.io.')
            .replace('apiextensions-apiserver', 'apiextensions_apiserver');
          if (!name.startsWith(`${pkg}.`) || !def.properties) continue;
          const spec = table.message(name);
          if (!spec) continue;
          compared++;
          const ours = new Set(jsonNames(spec));
          // apiVersion/kind come from TypeMeta, which the proto messages leave out.
          const missing = Object.keys(def.properties).filter(
            (p) => !ours.has(p) && p !== 'apiVersion' && p !== 'kind',
          );
          const extra = [...ours].filter((p) => !Object.hasOwn(def.properties ?? {}, p));
          if (missing.length || extra.length) mismatches.push(`${name}: -${missing} +${extra}`);
        }
      }
      expect(compared).toBeGreaterThan(400);
      expect(mismatches).toEqual([]);
    },
  );
});
