import { describe, expect, it } from 'vitest';
import type { ResourceDescriptor } from '../registry/types';
import {
  buildOpenApiV3Document,
  buildOpenApiV3Root,
  openApiDocumentHash,
  openApiPathOf,
  type OpenApiObject,
} from './openapi';
import { builtinSchemas, createSchemaRegistry, fromOpenApiV3Schema } from './registry';

const deployments: ResourceDescriptor = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  plural: 'deployments',
  singular: 'deployment',
  namespaced: true,
  hasStatus: true,
  scale: { specReplicasPath: 'spec.replicas', statusReplicasPath: 'status.replicas' },
  strategicMerge: true,
};
const pods: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'Pod',
  plural: 'pods',
  singular: 'pod',
  namespaced: true,
  hasStatus: true,
  strategicMerge: true,
  deleteReturnsObject: true,
  subresources: [
    {
      name: 'eviction',
      verbs: ['create'],
      responseKind: { group: 'policy', version: 'v1', kind: 'Eviction' },
    },
    { name: 'log', verbs: ['get'], responseKind: { group: '', version: 'v1', kind: 'Pod' } },
    {
      name: 'exec',
      verbs: ['create', 'get'],
      responseKind: { group: '', version: 'v1', kind: 'PodExecOptions' },
    },
  ],
};
const reviews: ResourceDescriptor = {
  group: 'authorization.k8s.io',
  version: 'v1',
  kind: 'SelfSubjectAccessReview',
  plural: 'selfsubjectaccessreviews',
  singular: 'selfsubjectaccessreview',
  namespaced: false,
  verbs: ['create'],
  strategicMerge: true,
};

type Doc = {
  paths: Record<string, Record<string, OpenApiObject>>;
  components: { schemas: Record<string, OpenApiObject> };
};
const apps = buildOpenApiV3Document(
  { group: 'apps', version: 'v1' },
  [deployments, pods],
  builtinSchemas,
) as unknown as Doc;
const core = buildOpenApiV3Document({ group: '', version: 'v1' }, [pods], builtinSchemas) as unknown as Doc;
const item = '/apis/apps/v1/namespaces/{namespace}/deployments/{name}';

/** Every `$ref` in a document. */
function refsIn(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refsIn(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe('buildOpenApiV3Root', () => {
  it('points at each group version document with its hash', () => {
    expect(openApiPathOf({ group: '', version: 'v1' })).toBe('api/v1');
    expect(openApiPathOf({ group: 'apps', version: 'v1' })).toBe('apis/apps/v1');
    expect(buildOpenApiV3Root([{ path: 'apis/apps/v1', hash: 'AB' }])).toEqual({
      paths: { 'apis/apps/v1': { serverRelativeURL: '/openapi/v3/apis/apps/v1?hash=AB' } },
    });
  });
});

describe('buildOpenApiV3Document', () => {
  it('serves only the requested group version', () => {
    expect(apps.paths['/api/v1/namespaces/{namespace}/pods']).toBeUndefined();
    expect(Object.keys(apps.paths)).toEqual([
      '/apis/apps/v1/',
      '/apis/apps/v1/deployments',
      '/apis/apps/v1/namespaces/{namespace}/deployments',
      item,
      `${item}/scale`,
      `${item}/status`,
    ]);
  });

  it.each([
    [item, 'get', 'get', 'readAppsV1NamespacedDeployment'],
    [item, 'put', 'put', 'replaceAppsV1NamespacedDeployment'],
    [item, 'patch', 'patch', 'patchAppsV1NamespacedDeployment'],
    [item, 'delete', 'delete', 'deleteAppsV1NamespacedDeployment'],
    ['/apis/apps/v1/namespaces/{namespace}/deployments', 'get', 'list', 'listAppsV1NamespacedDeployment'],
    ['/apis/apps/v1/namespaces/{namespace}/deployments', 'post', 'post', 'createAppsV1NamespacedDeployment'],
    [
      '/apis/apps/v1/namespaces/{namespace}/deployments',
      'delete',
      'deletecollection',
      'deleteAppsV1CollectionNamespacedDeployment',
    ],
    ['/apis/apps/v1/deployments', 'get', 'list', 'listAppsV1DeploymentForAllNamespaces'],
    [`${item}/status`, 'patch', 'patch', 'patchAppsV1NamespacedDeploymentStatus'],
  ])('%s %s is a %s operation with a single-object GVK', (path, method, action, opId) => {
    const op = apps.paths[path][method];
    expect(op.operationId).toBe(opId);
    expect(op['x-kubernetes-action']).toBe(action);
    expect(op['x-kubernetes-group-version-kind']).toEqual({
      group: 'apps',
      kind: 'Deployment',
      version: 'v1',
    });
  });

  it('gives PATCH the parameters and media types kubectl looks for', () => {
    const patch = apps.paths[item].patch;
    const names = (patch.parameters as { name: string }[]).map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['fieldValidation', 'fieldManager', 'dryRun', 'force']));
    const media = Object.keys((patch.requestBody as { content: object }).content);
    expect(media).toEqual([
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
      'application/apply-patch+yaml',
    ]);
  });

  it('serves scale as autoscaling/v1 Scale', () => {
    const op = apps.paths[`${item}/scale`].put;
    expect(op['x-kubernetes-group-version-kind']).toEqual({
      group: 'autoscaling',
      kind: 'Scale',
      version: 'v1',
    });
    expect(apps.components.schemas['io.k8s.api.autoscaling.v1.Scale']).toBeDefined();
  });

  it('describes root kinds with GVK arrays and keeps patch and list extensions', () => {
    const schemas = apps.components.schemas;
    expect(schemas['io.k8s.api.apps.v1.Deployment']['x-kubernetes-group-version-kind']).toEqual([
      { group: 'apps', kind: 'Deployment', version: 'v1' },
    ]);
    const spec = schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties as Record<string, OpenApiObject>;
    expect(spec.template).toEqual({
      allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.PodTemplateSpec' }],
    });
    expect(spec.strategy).toEqual({
      allOf: [{ $ref: '#/components/schemas/io.k8s.api.apps.v1.DeploymentStrategy' }],
      'x-kubernetes-patch-strategy': 'retainKeys',
    });
    const containers = (schemas['io.k8s.api.core.v1.PodSpec'].properties as Record<string, OpenApiObject>)
      .containers;
    expect(containers).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/io.k8s.api.core.v1.Container' },
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(schemas['io.k8s.apimachinery.pkg.api.resource.Quantity']).toEqual({
      oneOf: [{ type: 'string' }, { type: 'number' }],
    });
    expect(schemas['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({
      format: 'int-or-string',
      oneOf: [{ type: 'integer' }, { type: 'string' }],
    });
    expect(schemas['io.k8s.apimachinery.pkg.apis.meta.v1.Time']).toEqual({
      type: 'string',
      format: 'date-time',
    });
  });

  it.each([
    ['apps/v1', apps],
    ['core/v1', core],
  ])('%s has no dangling references', (_gv, doc) => {
    const missing = refsIn(doc).filter(
      (r) => !doc.components.schemas[r.replace('#/components/schemas/', '')],
    );
    expect(missing).toEqual([]);
  });

  it.each([
    ['apps/v1', apps],
    ['core/v1', core],
  ])('%s is well-formed OpenAPI 3.0 (templated parameters declared, responses described)', (_gv, doc) => {
    const problems: string[] = [];
    const methods = ['get', 'put', 'post', 'delete', 'patch'];
    for (const [path, item] of Object.entries(doc.paths)) {
      const shared = (item.parameters as unknown as { name: string; in: string }[] | undefined) ?? [];
      for (const method of methods.filter((m) => item[m])) {
        const op = item[method];
        const params = [
          ...shared,
          ...((op.parameters as { name: string; in: string; required?: boolean }[]) ?? []),
        ];
        for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
          if (!params.some((p) => p.in === 'path' && p.name === name))
            problems.push(`${method} ${path}: ${name}`);
        }
        const responses = Object.values(op.responses as Record<string, { description?: string }>);
        if (!responses.length || responses.some((r) => !r.description))
          problems.push(`${method} ${path}: responses`);
        if (!op.operationId) problems.push(`${method} ${path}: operationId`);
      }
    }
    const ids = Object.values(doc.paths).flatMap((item) =>
      methods.filter((m) => item[m]).map((m) => item[m].operationId as string),
    );
    expect(problems).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc).toMatchObject({ openapi: '3.0.0', info: { title: 'Kubernetes' } });
  });

  it('serves subresources with their response kinds', () => {
    const base = '/api/v1/namespaces/{namespace}/pods/{name}';
    expect(core.paths[`${base}/eviction`].post).toMatchObject({
      operationId: 'createCoreV1NamespacedPodEviction',
      'x-kubernetes-action': 'post',
      'x-kubernetes-group-version-kind': { group: 'policy', kind: 'Eviction', version: 'v1' },
    });
    expect(core.paths[`${base}/exec`].post['x-kubernetes-action']).toBe('connect');
    expect(core.paths[`${base}/log`].get['operationId']).toBe('readCoreV1NamespacedPodLog');
    expect(core.components.schemas['io.k8s.api.policy.v1.Eviction']).toBeDefined();
    // Pods answer DELETE with the object.
    const del = core.paths[base].delete.responses as Record<
      string,
      { content: Record<string, { schema: unknown }> }
    >;
    expect(del['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/io.k8s.api.core.v1.Pod',
    });
  });

  it('limits create-only kinds to POST on the collection', () => {
    const doc = buildOpenApiV3Document(
      { group: 'authorization.k8s.io', version: 'v1' },
      [reviews],
      builtinSchemas,
    ) as unknown as Doc;
    expect(Object.keys(doc.paths)).toEqual([
      '/apis/authorization.k8s.io/v1/',
      '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    ]);
    expect(Object.keys(doc.paths['/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'])).toEqual([
      'post',
      'parameters',
    ]);
  });

  it('has a stable content hash that follows the content', () => {
    const again = buildOpenApiV3Document(
      { group: 'apps', version: 'v1' },
      [pods, deployments],
      builtinSchemas,
    );
    expect(openApiDocumentHash(again)).toBe(openApiDocumentHash(apps));
    const fewer = buildOpenApiV3Document({ group: 'apps', version: 'v1' }, [], builtinSchemas);
    expect(openApiDocumentHash(fewer)).not.toBe(openApiDocumentHash(apps));
    expect(openApiDocumentHash(apps)).toMatch(/^[0-9A-F]{128}$/);
  });

  it('takes custom kinds from the layered registry, without strategic merge', () => {
    const registry = createSchemaRegistry();
    const schemaId = registry.setKind({
      group: 'example.com',
      version: 'v1',
      kind: 'Widget',
      schema: fromOpenApiV3Schema({
        type: 'object',
        properties: { spec: { type: 'object', properties: { size: { type: 'integer', minimum: 1 } } } },
      }),
    });
    const widgets: ResourceDescriptor = {
      group: 'example.com',
      version: 'v1',
      kind: 'Widget',
      plural: 'widgets',
      singular: 'widget',
      namespaced: true,
      schemaId,
      custom: true,
    };
    const doc = buildOpenApiV3Document(
      { group: 'example.com', version: 'v1' },
      [widgets],
      registry,
    ) as unknown as Doc;
    const widget = doc.components.schemas['com.example.v1.Widget'];
    expect(widget['x-kubernetes-group-version-kind']).toEqual([
      { group: 'example.com', kind: 'Widget', version: 'v1' },
    ]);
    expect((widget.properties as Record<string, unknown>).spec).toEqual({
      type: 'object',
      properties: { size: { type: 'integer', minimum: 1 } },
    });
    expect(doc.components.schemas['com.example.v1.WidgetList']['x-kubernetes-group-version-kind']).toEqual([
      { group: 'example.com', kind: 'WidgetList', version: 'v1' },
    ]);
    expect(doc.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']).toBeDefined();
    const media = Object.keys(
      (
        doc.paths['/apis/example.com/v1/namespaces/{namespace}/widgets/{name}'].patch.requestBody as {
          content: object;
        }
      ).content,
    );
    expect(media).not.toContain('application/strategic-merge-patch+json');
    expect(
      refsIn(doc).filter((r) => !doc.components.schemas[r.replace('#/components/schemas/', '')]),
    ).toEqual([]);
  });
});
