import { describe, expect, it } from 'vitest';
import {
  builtinGroupVersionHashes,
  builtinSchemas,
  createSchemaRegistry,
  customDefinitionId,
  deref,
  fromOpenApiV3Schema,
  OBJECT_META_ID,
} from './registry';
import type { SchemaNode, SchemaRegistry } from './types';

/** Follows a dotted path of property names (`[]` steps into array items). */
function at(registry: SchemaRegistry, root: SchemaNode, path: string): SchemaNode {
  let node = root;
  for (const step of path.split('.')) {
    const resolved = deref(node, registry);
    if (step === '[]') node = resolved.items!;
    else {
      const next = resolved.properties?.[step];
      if (!next) throw new Error(`no ${step} in ${path}`);
      node = next;
    }
  }
  return node;
}

describe('builtinSchemas', () => {
  const deployment = builtinSchemas.forKind('apps', 'v1', 'Deployment')!;

  it('indexes kinds by group/version/kind', () => {
    expect(deployment.gvk).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    expect(builtinSchemas.idForKind('', 'v1', 'Pod')).toBe('io.k8s.api.core.v1.Pod');
    expect(builtinSchemas.idForKind('autoscaling', 'v1', 'Scale')).toBe('io.k8s.api.autoscaling.v1.Scale');
    expect(builtinSchemas.idForKind('policy', 'v1', 'Eviction')).toBe('io.k8s.api.policy.v1.Eviction');
    expect(builtinSchemas.idForKind('', 'v1', 'Binding')).toBe('io.k8s.api.core.v1.Binding');
    expect(builtinSchemas.idForKind('meta.k8s.io', 'v1', 'Table')).toBe(
      'io.k8s.apimachinery.pkg.apis.meta.v1.Table',
    );
    expect(builtinSchemas.idForKind('apps', 'v1', 'DeleteOptions')).toBe(
      'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions',
    );
    expect(builtinSchemas.forKind('apps', 'v1beta1', 'Deployment')).toBeUndefined();
  });

  it.each([
    ['spec.template.spec.containers', 'merge', 'name', 'map', ['name']],
    [
      'spec.template.spec.containers.[].ports',
      'merge',
      'containerPort',
      'map',
      ['containerPort', 'protocol'],
    ],
    ['spec.template.spec.volumes', 'merge,retainKeys', 'name', 'map', ['name']],
    ['spec.template.spec.containers.[].env', 'merge', 'name', 'map', ['name']],
    ['spec.template.spec.tolerations', undefined, undefined, 'atomic', undefined],
    ['metadata.finalizers', 'merge', undefined, 'set', undefined],
  ])('Deployment %s: strategy %s key %s list %s %j', (path, strategy, key, listType, mapKeys) => {
    const node = at(builtinSchemas, deployment, path);
    expect(node.patchStrategy).toBe(strategy);
    expect(node.patchMergeKey).toBe(key);
    expect(node.listType).toBe(listType);
    expect(node.listMapKeys).toEqual(mapKeys);
  });

  it('keeps patch strategies that sit beside a reference', () => {
    const strategy = at(builtinSchemas, deployment, 'spec.strategy');
    expect(strategy).toMatchObject({
      ref: 'io.k8s.api.apps.v1.DeploymentStrategy',
      patchStrategy: 'retainKeys',
    });
    expect(deref(strategy, builtinSchemas)).toMatchObject({ type: 'object', patchStrategy: 'retainKeys' });
  });

  it('has Service ports keyed by port for SMP and port+protocol for SSA', () => {
    const svc = builtinSchemas.forKind('', 'v1', 'Service')!;
    expect(at(builtinSchemas, svc, 'spec.ports')).toMatchObject({
      patchStrategy: 'merge',
      patchMergeKey: 'port',
      listType: 'map',
      listMapKeys: ['port', 'protocol'],
    });
  });

  it.each([
    ['io.k8s.apimachinery.pkg.api.resource.Quantity', { intOrString: true, format: 'quantity' }],
    ['io.k8s.apimachinery.pkg.util.intstr.IntOrString', { intOrString: true, format: 'int-or-string' }],
    ['io.k8s.apimachinery.pkg.apis.meta.v1.Time', { type: 'string', format: 'date-time' }],
    ['io.k8s.apimachinery.pkg.runtime.RawExtension', { preserveUnknownFields: true }],
    ['io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1', { preserveUnknownFields: true }],
  ])('marks special type %s', (id, expected) => {
    expect(builtinSchemas.resolve(id)).toMatchObject(expected);
  });

  it('carries no prose descriptions and no dangling references', () => {
    const all = builtinSchemas.all();
    const described: string[] = [];
    const dangling: string[] = [];
    const visit = (node: SchemaNode, where: string) => {
      if (node.description !== undefined) described.push(where);
      if (node.ref && !all[node.ref]) dangling.push(`${where} -> ${node.ref}`);
      for (const [k, p] of Object.entries(node.properties ?? {})) visit(p, `${where}.${k}`);
      if (node.items) visit(node.items, `${where}[]`);
      if (node.additionalProperties && node.additionalProperties !== true)
        visit(node.additionalProperties, `${where}{}`);
    };
    for (const [id, node] of Object.entries(all)) visit(node, id);
    expect(described).toEqual([]);
    expect(dangling).toEqual([]);
    expect(Object.keys(all).length).toBeGreaterThan(400);
  });

  it('has a hash per served group version', () => {
    const hashes = builtinGroupVersionHashes();
    expect(Object.keys(hashes)).toEqual(
      expect.arrayContaining(['v1', 'apps/v1', 'batch/v1', 'autoscaling/v2']),
    );
    expect(hashes['apps/v1']).toMatch(/^[0-9A-F]{128}$/);
  });
});

describe('createSchemaRegistry', () => {
  const crd = fromOpenApiV3Schema({
    type: 'object',
    properties: {
      spec: {
        type: 'object',
        required: ['size'],
        properties: {
          size: { type: 'integer', minimum: 1, maximum: 10, description: 'how big' },
          mode: { type: 'string', enum: ['a', 'b'] },
          port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
          tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
          labels: { type: 'object', additionalProperties: { type: 'string' } },
          raw: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        },
      },
    },
  });

  it('converts openAPIV3Schema keywords and extensions', () => {
    const spec = crd.properties!.spec;
    expect(spec.required).toEqual(['size']);
    expect(spec.properties!.size).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: 10,
      description: 'how big',
    });
    expect(spec.properties!.port).toMatchObject({
      intOrString: true,
      anyOf: [{ type: 'integer' }, { type: 'string' }],
    });
    expect(spec.properties!.tags).toMatchObject({ listType: 'set', items: { type: 'string' } });
    expect(spec.properties!.labels.additionalProperties).toEqual({ type: 'string' });
    expect(spec.properties!.raw.preserveUnknownFields).toBe(true);
  });

  it('layers custom kinds over the built-ins and removes them again', () => {
    const registry = createSchemaRegistry();
    const id = registry.setKind({ group: 'stable.example.com', version: 'v1', kind: 'CronTab', schema: crd });
    expect(id).toBe('com.example.stable.v1.CronTab');
    expect(customDefinitionId('example.com', 'v1alpha1', 'Widget')).toBe('com.example.v1alpha1.Widget');
    const root = registry.forKind('stable.example.com', 'v1', 'CronTab')!;
    expect(root.properties!.metadata).toEqual({ ref: OBJECT_META_ID });
    expect(root.gvk).toEqual([{ group: 'stable.example.com', version: 'v1', kind: 'CronTab' }]);
    expect(registry.resolve(OBJECT_META_ID)?.properties?.labels).toBeDefined();
    expect(registry.forKind('apps', 'v1', 'Deployment')).toBe(
      builtinSchemas.forKind('apps', 'v1', 'Deployment'),
    );
    registry.deleteKind('stable.example.com', 'v1', 'CronTab');
    expect(registry.forKind('stable.example.com', 'v1', 'CronTab')).toBeUndefined();
  });
});
