/**
 * @module schema/openapi-paths
 * The `paths` of a group version's OpenAPI document: collection, item, status, scale and other subresource
 * operations of each resource, with the parameters, request bodies and extensions kube-apiserver publishes
 * (`x-kubernetes-action`, single-object `x-kubernetes-group-version-kind`).
 */
import type { ResourceDescriptor } from '../registry/types';
import { componentRef, type OpenApiObject } from './openapi-schemas';
import type { SchemaNode, SchemaRegistry } from './types';

/** A registry that also names definitions (both `builtinSchemas` and `createSchemaRegistry()` do). */
export type NamingSchemaRegistry = SchemaRegistry & {
  idForKind(group: string, version: string, kind: string): string | undefined;
};

export const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';
export const STATUS_ID = `${META}.Status`;
export const DELETE_OPTIONS_ID = `${META}.DeleteOptions`;
export const PATCH_ID = `${META}.Patch`;
export const RESOURCE_LIST_ID = `${META}.APIResourceList`;
const LIST_META_ID = `${META}.ListMeta`;
const SCALE_GVK = { group: 'autoscaling', version: 'v1', kind: 'Scale' };

const DEFAULT_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const CONNECT_SUBRESOURCES = new Set(['exec', 'attach', 'portforward', 'proxy']);
export const OBJECT_MEDIA = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];
const LIST_MEDIA = [
  ...OBJECT_MEDIA,
  'application/json;stream=watch',
  'application/vnd.kubernetes.protobuf;stream=watch',
];

type Gvk = { group: string; version: string; kind: string };

const query = (name: string, type = 'string'): OpenApiObject => ({
  name,
  in: 'query',
  schema: { type, uniqueItems: true },
});
const pathParam = (name: string): OpenApiObject => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string', uniqueItems: true },
});

const LIST_PARAMS = [
  query('allowWatchBookmarks', 'boolean'),
  query('continue'),
  query('fieldSelector'),
  query('labelSelector'),
  query('limit', 'integer'),
  query('resourceVersion'),
  query('resourceVersionMatch'),
  query('sendInitialEvents', 'boolean'),
  query('timeoutSeconds', 'integer'),
  query('watch', 'boolean'),
];
const WRITE_PARAMS = [query('dryRun'), query('fieldManager'), query('fieldValidation')];
const PATCH_PARAMS = [...WRITE_PARAMS, query('force', 'boolean')];
const DELETE_PARAMS = [
  query('dryRun'),
  query('gracePeriodSeconds', 'integer'),
  query('ignoreStoreReadErrorWithClusterBreakingPotential', 'boolean'),
  query('orphanDependents', 'boolean'),
  query('propagationPolicy'),
];

function content(schema: OpenApiObject, media: string[]): OpenApiObject {
  return Object.fromEntries(media.map((m) => [m, { schema }]));
}

/** An operation's `responses`: the given codes with their schema in every media type, plus 401. */
export function responses(
  codes: Record<string, OpenApiObject | undefined>,
  media = OBJECT_MEDIA,
): OpenApiObject {
  const names: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted' };
  const out: OpenApiObject = {};
  for (const [code, schema] of Object.entries(codes)) {
    out[code] = schema
      ? { description: names[code], content: content(schema, media) }
      : { description: names[code] };
  }
  out['401'] = { description: 'Unauthorized' };
  return out;
}

/** `networking.k8s.io` → `Networking`, `` → `Core`, as upstream operation ids spell groups. */
export function groupWord(group: string): string {
  if (!group) return 'Core';
  return group
    .replace(/\.k8s\.io$/, '')
    .split(/[.-]/)
    .map((p) => p.charAt(0).toUpperCase() + p.slice(1))
    .join('');
}

/** `v1` → `V1` (operation ids). */
export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What building one document accumulates: component roots and synthesized schemas (custom lists). */
export interface BuildContext {
  registry: NamingSchemaRegistry;
  roots: Set<string>;
  extra: Record<string, SchemaNode>;
}

/** `$ref` to the schema of a kind, registering it as a component root (or a plain object if unknown). */
function kindSchema(ctx: BuildContext, gvk: Gvk, id?: string): OpenApiObject {
  const found = id ?? ctx.registry.idForKind(gvk.group, gvk.version, gvk.kind);
  if (!found || (!ctx.registry.resolve(found) && !ctx.extra[found])) return { type: 'object' };
  ctx.roots.add(found);
  return componentRef(found);
}

/** The list kind's schema; custom kinds get one synthesized beside their root schema. */
function listSchema(ctx: BuildContext, d: ResourceDescriptor, itemId: string | undefined): OpenApiObject {
  const listKind = d.listKind ?? `${d.kind}List`;
  const known = ctx.registry.idForKind(d.group, d.version, listKind);
  if (known) return kindSchema(ctx, { group: d.group, version: d.version, kind: listKind }, known);
  if (!itemId) return { type: 'object' };
  const id = `${itemId}List`;
  ctx.extra[id] = {
    type: 'object',
    required: ['items'],
    properties: {
      apiVersion: { type: 'string' },
      items: { type: 'array', items: { ref: itemId } },
      kind: { type: 'string' },
      metadata: { ref: LIST_META_ID },
    },
    gvk: [{ group: d.group, version: d.version, kind: listKind }],
  };
  ctx.roots.add(id);
  return componentRef(id);
}

function operation(
  opId: string,
  tag: string,
  action: string,
  gvk: Gvk,
  params: OpenApiObject[],
  resp: OpenApiObject,
  requestBody?: OpenApiObject,
): OpenApiObject {
  const op: OpenApiObject = { tags: [tag], operationId: opId };
  if (params.length) op.parameters = params;
  if (requestBody) op.requestBody = requestBody;
  op.responses = resp;
  op['x-kubernetes-action'] = action;
  op['x-kubernetes-group-version-kind'] = { group: gvk.group, kind: gvk.kind, version: gvk.version };
  return op;
}

function patchBody(strategicMerge: boolean): OpenApiObject {
  const media = ['application/json-patch+json', 'application/merge-patch+json'];
  if (strategicMerge) media.push('application/strategic-merge-patch+json');
  media.push('application/apply-patch+yaml');
  return { content: content(componentRef(PATCH_ID), media), required: true };
}

const bodyOf = (schema: OpenApiObject): OpenApiObject => ({ content: { '*/*': { schema } }, required: true });

/** get/put/patch operations for an item-like path (the object, /status, /scale). */
function itemOperations(
  names: { op: string; tag: string },
  gvk: Gvk,
  schema: OpenApiObject,
  verbs: Set<string>,
  strategicMerge: boolean,
): OpenApiObject {
  const ops: OpenApiObject = {};
  if (verbs.has('get'))
    ops.get = operation(`read${names.op}`, names.tag, 'get', gvk, [], responses({ '200': schema }));
  if (verbs.has('update')) {
    ops.put = operation(
      `replace${names.op}`,
      names.tag,
      'put',
      gvk,
      WRITE_PARAMS,
      responses({ '200': schema, '201': schema }),
      bodyOf(schema),
    );
  }
  if (verbs.has('patch')) {
    ops.patch = operation(
      `patch${names.op}`,
      names.tag,
      'patch',
      gvk,
      PATCH_PARAMS,
      responses({ '200': schema, '201': schema }),
      patchBody(strategicMerge),
    );
  }
  return ops;
}

/** Adds every path of one resource (collection, all-namespaces list, item, status, scale, subresources). */
export function addResourcePaths(
  ctx: BuildContext,
  d: ResourceDescriptor,
  paths: Record<string, OpenApiObject>,
): void {
  const gvk: Gvk = { group: d.group, version: d.version, kind: d.kind };
  const verbs = new Set(d.verbs ?? DEFAULT_VERBS);
  const id = d.schemaId ?? ctx.registry.idForKind(d.group, d.version, d.kind);
  const schema = kindSchema(ctx, gvk, id);
  const statusSchema = kindSchema(ctx, { group: '', version: 'v1', kind: 'Status' }, STATUS_ID);
  const tag = `${d.group ? groupWord(d.group).toLowerCase() : 'core'}_${d.version}`;
  const prefix = `${d.group ? `/apis/${d.group}` : '/api'}/${d.version}`;
  const ns = d.namespaced ? 'Namespaced' : '';
  const base = `${groupWord(d.group)}${capitalize(d.version)}`;
  const nsPath = d.namespaced ? '/namespaces/{namespace}' : '';
  const collection = `${prefix}${nsPath}/${d.plural}`;
  const item = `${collection}/{name}`;
  const scopeParams = d.namespaced ? [pathParam('namespace')] : [];
  const strategic = d.strategicMerge === true;

  const col: OpenApiObject = {};
  if (verbs.has('list')) {
    const list = listSchema(ctx, d, id);
    col.get = operation(
      `list${base}${ns}${d.kind}`,
      tag,
      'list',
      gvk,
      LIST_PARAMS,
      responses({ '200': list }, LIST_MEDIA),
    );
    if (d.namespaced) {
      paths[`${prefix}/${d.plural}`] = {
        get: operation(
          `list${base}${d.kind}ForAllNamespaces`,
          tag,
          'list',
          gvk,
          LIST_PARAMS,
          responses({ '200': list }, LIST_MEDIA),
        ),
        parameters: [query('pretty')],
      };
    }
  }
  if (verbs.has('create')) {
    col.post = operation(
      `create${base}${ns}${d.kind}`,
      tag,
      'post',
      gvk,
      WRITE_PARAMS,
      responses({ '200': schema, '201': schema, '202': schema }),
      bodyOf(schema),
    );
  }
  if (verbs.has('deletecollection')) {
    col.delete = operation(
      `delete${base}Collection${ns}${d.kind}`,
      tag,
      'deletecollection',
      gvk,
      [
        ...DELETE_PARAMS,
        ...LIST_PARAMS.filter((p) => p.name !== 'watch' && p.name !== 'allowWatchBookmarks'),
      ],
      responses({ '200': statusSchema }),
      { content: { '*/*': { schema: kindSchema(ctx, gvk, DELETE_OPTIONS_ID) } } },
    );
  }
  if (Object.keys(col).length) paths[collection] = { ...col, parameters: [...scopeParams, query('pretty')] };

  const itemParams = [pathParam('name'), ...scopeParams, query('pretty')];
  const itemOps = itemOperations({ op: `${base}${ns}${d.kind}`, tag }, gvk, schema, verbs, strategic);
  if (verbs.has('delete')) {
    const deleted = d.deleteReturnsObject ? schema : statusSchema;
    itemOps.delete = operation(
      `delete${base}${ns}${d.kind}`,
      tag,
      'delete',
      gvk,
      DELETE_PARAMS,
      responses({ '200': deleted, '202': deleted }),
      { content: { '*/*': { schema: componentRef(DELETE_OPTIONS_ID) } } },
    );
  }
  if (Object.keys(itemOps).length) paths[item] = { ...itemOps, parameters: itemParams };

  const subVerbs = new Set(['get', 'update', 'patch']);
  if (d.hasStatus) {
    const ops = itemOperations({ op: `${base}${ns}${d.kind}Status`, tag }, gvk, schema, subVerbs, strategic);
    paths[`${item}/status`] = { ...ops, parameters: itemParams };
  }
  if (d.scale) {
    const scale = kindSchema(ctx, SCALE_GVK);
    const ops = itemOperations(
      { op: `${base}${ns}${d.kind}Scale`, tag },
      SCALE_GVK,
      scale,
      subVerbs,
      strategic,
    );
    paths[`${item}/scale`] = { ...ops, parameters: itemParams };
  }
  for (const sub of d.subresources ?? [])
    addSubresourcePath(ctx, d, sub, `${item}/${sub.name}`, itemParams, paths);
}

function addSubresourcePath(
  ctx: BuildContext,
  d: ResourceDescriptor,
  sub: NonNullable<ResourceDescriptor['subresources']>[number],
  path: string,
  params: OpenApiObject[],
  paths: Record<string, OpenApiObject>,
): void {
  const tag = `${d.group ? groupWord(d.group).toLowerCase() : 'core'}_${d.version}`;
  const name = `${groupWord(d.group)}${capitalize(d.version)}${d.namespaced ? 'Namespaced' : ''}${d.kind}${capitalize(sub.name)}`;
  const connect = CONNECT_SUBRESOURCES.has(sub.name);
  const schema = connect ? { type: 'string' } : kindSchema(ctx, sub.responseKind);
  const media = connect || sub.name === 'log' ? ['*/*'] : OBJECT_MEDIA;
  const ops: OpenApiObject = {};
  const verbMap: [string, string, string][] = [
    ['get', 'get', 'read'],
    ['create', 'post', 'create'],
    ['update', 'put', 'replace'],
    ['patch', 'patch', 'patch'],
    ['delete', 'delete', 'delete'],
  ];
  for (const [verb, method, word] of verbMap) {
    if (!sub.verbs.includes(verb)) continue;
    const action = connect ? 'connect' : method;
    const opId = connect ? `connect${capitalize(method)}${name}` : `${word}${name}`;
    const opParams =
      method === 'patch' ? PATCH_PARAMS : method === 'post' || method === 'put' ? WRITE_PARAMS : [];
    const body =
      method === 'patch'
        ? patchBody(d.strategicMerge === true)
        : (method === 'post' || method === 'put') && !connect
          ? bodyOf(schema)
          : undefined;
    ops[method] = operation(
      opId,
      tag,
      action,
      sub.responseKind,
      opParams,
      responses({ '200': schema }, media),
      body,
    );
  }
  if (Object.keys(ops).length) paths[path] = { ...ops, parameters: params };
}
