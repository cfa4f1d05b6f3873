/**
 * @module api/resource-handler
 * Serves resource paths: maps the HTTP method and path to a pipeline call, decodes the body, authorizes
 * the request, and encodes the answer in the negotiated shape (object, Table, metadata) or as a watch
 * stream. Pod streams (log, exec, attach, portforward) go to a pluggable handler.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors, type KubeList, type KubeObject } from '@sphere/shared';
import type { ResourceRegistry } from '../registry/resource-registry';
import type { ResourceDescriptor, UserInfo } from '../registry/types';
import { patchContentTypes, type ApiPipeline, type RequestContext, type Target } from '../pipeline/types';
import {
  decodeBody,
  mediaType,
  negotiate,
  readBody,
  type ProtobufDecoder,
  type ResponseShape,
} from './content';
import type { ResourcePath } from './paths';
import { deleteOptions, isWatch, listQuery, watchQuery, writeOptions } from './query';
import { sendJson, warningHeaders } from './respond';
import { parseIncludeObject, toPartialMetadata, toTable, type IncludeObject } from './table';
import { streamWatch } from './watch-stream';

export interface AuthorizationAttributes {
  verb: string;
  group: string;
  version: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

export type Authorizer = (
  user: UserInfo,
  attrs: AuthorizationAttributes,
) => { allowed: boolean; reason?: string };

/** Handles pods/log, pods/exec, pods/attach, pods/portforward (the simulated kubelet plugs in here). */
export interface PodStreamHandler {
  handle(args: {
    req: IncomingMessage;
    res: ServerResponse;
    target: Target;
    query: URLSearchParams;
    pod: KubeObject;
    user: UserInfo;
  }): Promise<void> | void;
}

export interface ResourceHandlerDeps {
  pipeline: ApiPipeline;
  registry: ResourceRegistry;
  authorize: Authorizer;
  protobuf?: ProtobufDecoder;
  podStreams?: PodStreamHandler;
  now: () => Date;
}

export const podStreamSubresources = new Set(['log', 'exec', 'attach', 'portforward']);

function verbOf(method: string, target: Target, query: URLSearchParams): string {
  switch (method) {
    case 'GET':
    case 'HEAD':
      if (!target.name) return isWatch(query) ? 'watch' : 'list';
      return isWatch(query) ? 'watch' : 'get';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return target.name ? 'delete' : 'deletecollection';
    default:
      throw errors.methodNotAllowed(`${method} is not supported`);
  }
}

function forbidden(
  user: UserInfo,
  verb: string,
  d: ResourceDescriptor | undefined,
  target: Target,
  reason?: string,
) {
  const resource = target.subresource ? `${target.resource}/${target.subresource}` : target.resource;
  const qualified = target.group ? `${target.resource}.${target.group}` : target.resource;
  const subject = target.name ? `${qualified} "${target.name}"` : qualified;
  const scope = target.namespace ? ` in the namespace "${target.namespace}"` : ' at the cluster scope';
  return errors.forbidden(
    `${subject} is forbidden: User "${user.username}" cannot ${verb} resource "${resource}" in API group "${target.group}"${scope}${reason ? `: ${reason}` : ''}`,
    { name: target.name, group: target.group || undefined, kind: d?.plural ?? target.resource },
  );
}

export async function handleResource(
  deps: ResourceHandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  parsed: ResourcePath,
  query: URLSearchParams,
  user: UserInfo,
): Promise<void> {
  const target = parsed.target;
  const method = req.method ?? 'GET';
  let verb = verbOf(method, target, query);
  // exec/attach/portforward are `create` whatever the method (WebSocket upgrades arrive as GET).
  if (target.subresource && ['exec', 'attach', 'portforward'].includes(target.subresource)) verb = 'create';
  if (parsed.legacyWatch && (verb === 'list' || verb === 'get')) verb = 'watch';
  const d = deps.registry.lookup(target.group, target.version, target.resource);
  if (!d) throw errors.pathNotFound();
  const decision = deps.authorize(user, {
    verb,
    group: target.group,
    version: target.version,
    resource: target.resource,
    subresource: target.subresource ?? '',
    namespace: target.namespace ?? '',
    name: target.name ?? '',
  });
  if (!decision.allowed) throw forbidden(user, verb, d, target, decision.reason);
  const ctx: RequestContext = { user, userAgent: req.headers['user-agent'] };

  if (target.subresource && podStreamSubresources.has(target.subresource) && d.plural === 'pods') {
    const pod = await deps.pipeline.get(ctx, { ...target, subresource: undefined });
    if (!deps.podStreams)
      throw errors.badRequest(`${target.subresource} is not supported by this cluster: it has no nodes`);
    await deps.podStreams.handle({ req, res, target, query, pod, user });
    return;
  }

  const include = parseIncludeObject(query.get('includeObject'));
  switch (verb) {
    case 'get': {
      const shape = negotiate(req.headers.accept);
      const obj = await deps.pipeline.get(ctx, target, {
        resourceVersion: query.get('resourceVersion') ?? undefined,
      });
      sendShaped(deps, res, d, shape, include, obj);
      return;
    }
    case 'list': {
      const shape = negotiate(req.headers.accept);
      const list = await deps.pipeline.list(ctx, target, listQuery(query));
      sendShaped(deps, res, d, shape, include, list);
      return;
    }
    case 'watch': {
      const shape = negotiate(req.headers.accept);
      const q = watchQuery(query);
      if (parsed.legacyWatch && target.name) q.fieldSelector = `metadata.name=${target.name}`;
      streamWatch({
        req,
        res,
        pipeline: deps.pipeline,
        ctx,
        target: parsed.legacyWatch ? { ...target, name: undefined } : target,
        query: q,
        descriptor: d,
        shape,
        include,
        now: deps.now,
      });
      return;
    }
    case 'create': {
      const body = await readObject(deps, req);
      const result = await deps.pipeline.create(ctx, target, body as KubeObject, writeOptions(query));
      warningHeaders(res, result.warnings);
      sendJson(res, result.code, result.object);
      return;
    }
    case 'update': {
      const body = await readObject(deps, req);
      const result = await deps.pipeline.update(ctx, target, body as KubeObject, writeOptions(query));
      warningHeaders(res, result.warnings);
      sendJson(res, result.code, result.object);
      return;
    }
    case 'patch': {
      const type = patchContentTypes[mediaType(req.headers['content-type'])];
      if (!type) {
        req.resume();
        throw errors.unsupportedPatchType(acceptedPatchTypes(d));
      }
      const body = decodeBody(await readBody(req), req.headers['content-type']);
      const result = await deps.pipeline.patch(ctx, target, type, body, writeOptions(query));
      warningHeaders(res, result.warnings);
      sendJson(res, result.code, result.object);
      return;
    }
    case 'delete': {
      const raw = await readBody(req);
      const body = raw.length
        ? decodeBody(raw, req.headers['content-type'] || 'application/json', deps.protobuf)
        : undefined;
      const result = await deps.pipeline.delete(ctx, target, deleteOptions(query, body));
      warningHeaders(res, result.warnings);
      sendJson(res, result.code, result.object);
      return;
    }
    case 'deletecollection': {
      const raw = await readBody(req);
      const body = raw.length
        ? decodeBody(raw, req.headers['content-type'] || 'application/json', deps.protobuf)
        : undefined;
      const result = await deps.pipeline.deleteCollection(
        ctx,
        target,
        listQuery(query),
        deleteOptions(query, body),
      );
      sendJson(res, result.code, result.object);
      return;
    }
  }
}

function acceptedPatchTypes(d: ResourceDescriptor): string[] {
  const types = [
    'application/json-patch+json',
    'application/merge-patch+json',
    'application/apply-patch+yaml',
  ];
  return d.strategicMerge ? [...types, 'application/strategic-merge-patch+json'] : types;
}

async function readObject(deps: ResourceHandlerDeps, req: IncomingMessage): Promise<unknown> {
  const body = decodeBody(await readBody(req), req.headers['content-type'], deps.protobuf);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw errors.badRequest('the body of the request must be a JSON or YAML object');
  }
  return body;
}

function isList(value: KubeObject | KubeList): value is KubeList {
  return Array.isArray((value as KubeList).items);
}

function sendShaped(
  deps: ResourceHandlerDeps,
  res: ServerResponse,
  d: ResourceDescriptor,
  shape: ResponseShape,
  include: IncludeObject,
  value: KubeObject | KubeList,
): void {
  if (shape === 'table' && value.kind !== 'Scale') {
    const items = isList(value) ? value.items : [value as KubeObject];
    const meta = isList(value)
      ? value.metadata
      : { resourceVersion: (value as KubeObject).metadata.resourceVersion };
    sendJson(res, 200, toTable(d, items, meta, { now: deps.now(), include }));
    return;
  }
  if (shape === 'metadata') {
    if (isList(value)) {
      sendJson(res, 200, {
        kind: 'PartialObjectMetadataList',
        apiVersion: 'meta.k8s.io/v1',
        metadata: value.metadata,
        items: value.items.map(toPartialMetadata),
      });
    } else {
      sendJson(res, 200, toPartialMetadata(value as KubeObject));
    }
    return;
  }
  sendJson(res, 200, value);
}
