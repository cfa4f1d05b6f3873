/**
 * @module patch/test-fixtures
 * A small hand-written schema registry shaped like the real apps/v1 and core/v1 definitions (same patch
 * strategies, merge keys and list types) for the patch tests. Test support only.
 */
import type { SchemaNode, SchemaRegistry } from '../schema/types';

const str: SchemaNode = { type: 'string' };
const int: SchemaNode = { type: 'integer' };
const stringMap: SchemaNode = { type: 'object', additionalProperties: str };
const ref = (name: string, extra: Partial<SchemaNode> = {}): SchemaNode => ({ ref: name, ...extra });
const mapList = (item: string, key: string, listMapKeys = [key], strategy = 'merge'): SchemaNode => ({
  type: 'array',
  items: ref(item),
  patchStrategy: strategy,
  patchMergeKey: key,
  listType: 'map',
  listMapKeys,
});
const atomicList = (items: SchemaNode): SchemaNode => ({ type: 'array', items, listType: 'atomic' });

export const definitions: Record<string, SchemaNode> = {
  Deployment: {
    type: 'object',
    properties: {
      apiVersion: str,
      kind: str,
      metadata: ref('ObjectMeta'),
      spec: ref('DeploymentSpec'),
      status: ref('DeploymentStatus'),
    },
    gvk: [{ group: 'apps', version: 'v1', kind: 'Deployment' }],
  },
  ConfigMap: {
    type: 'object',
    properties: { apiVersion: str, kind: str, metadata: ref('ObjectMeta'), data: stringMap },
    gvk: [{ group: '', version: 'v1', kind: 'ConfigMap' }],
  },
  ObjectMeta: {
    type: 'object',
    properties: {
      name: str,
      namespace: str,
      uid: str,
      resourceVersion: str,
      generation: int,
      creationTimestamp: str,
      labels: stringMap,
      annotations: stringMap,
      finalizers: { type: 'array', items: str, patchStrategy: 'merge', listType: 'set' },
      ownerReferences: mapList('OwnerReference', 'uid'),
      managedFields: atomicList(ref('ManagedFieldsEntry')),
    },
  },
  OwnerReference: { type: 'object', properties: { uid: str, name: str, kind: str, apiVersion: str } },
  ManagedFieldsEntry: { type: 'object', properties: { manager: str, operation: str } },
  DeploymentSpec: {
    type: 'object',
    properties: {
      replicas: int,
      selector: ref('LabelSelector'),
      strategy: ref('DeploymentStrategy', { patchStrategy: 'retainKeys' }),
      template: ref('PodTemplateSpec'),
      paused: { type: 'boolean' },
    },
  },
  DeploymentStatus: { type: 'object', properties: { replicas: int, observedGeneration: int } },
  LabelSelector: {
    type: 'object',
    properties: { matchLabels: stringMap, matchExpressions: atomicList({ type: 'object' }) },
    mapType: 'atomic',
  },
  DeploymentStrategy: {
    type: 'object',
    properties: { type: str, rollingUpdate: ref('RollingUpdateDeployment') },
  },
  RollingUpdateDeployment: {
    type: 'object',
    properties: { maxSurge: { intOrString: true }, maxUnavailable: { intOrString: true } },
  },
  PodTemplateSpec: { type: 'object', properties: { metadata: ref('ObjectMeta'), spec: ref('PodSpec') } },
  PodSpec: {
    type: 'object',
    properties: {
      containers: mapList('Container', 'name'),
      initContainers: mapList('Container', 'name'),
      volumes: mapList('Volume', 'name', ['name'], 'merge,retainKeys'),
      tolerations: atomicList(ref('Toleration')),
      nodeSelector: { ...stringMap, mapType: 'atomic' },
      imagePullSecrets: mapList('LocalObjectReference', 'name'),
      restartPolicy: str,
    },
  },
  Container: {
    type: 'object',
    properties: {
      name: str,
      image: str,
      args: atomicList(str),
      command: atomicList(str),
      env: mapList('EnvVar', 'name'),
      ports: mapList('ContainerPort', 'containerPort', ['containerPort', 'protocol']),
      volumeMounts: mapList('VolumeMount', 'mountPath'),
      resources: ref('ResourceRequirements'),
      imagePullPolicy: str,
    },
  },
  EnvVar: {
    type: 'object',
    properties: {
      name: str,
      value: str,
      valueFrom: {
        type: 'object',
        properties: { fieldRef: { type: 'object', properties: { fieldPath: str } } },
      },
    },
  },
  ContainerPort: { type: 'object', properties: { containerPort: int, protocol: str, name: str } },
  VolumeMount: { type: 'object', properties: { name: str, mountPath: str, readOnly: { type: 'boolean' } } },
  ResourceRequirements: { type: 'object', properties: { limits: stringMap, requests: stringMap } },
  Volume: {
    type: 'object',
    properties: {
      name: str,
      configMap: { type: 'object', properties: { name: str } },
      emptyDir: { type: 'object', properties: { medium: str } },
      secret: { type: 'object', properties: { secretName: str } },
    },
  },
  Toleration: { type: 'object', properties: { key: str, operator: str, effect: str } },
  LocalObjectReference: { type: 'object', properties: { name: str }, mapType: 'atomic' },
};

/** Registry over `definitions`. */
export const fixtureRegistry: SchemaRegistry = {
  forKind(group, version, kind) {
    return Object.values(definitions).find((d) =>
      d.gvk?.some((g) => g.group === group && g.version === version && g.kind === kind),
    );
  },
  resolve: (name) => definitions[name],
};

export const deploymentSchema: SchemaNode = ref('Deployment');
export const configMapSchema: SchemaNode = ref('ConfigMap');
