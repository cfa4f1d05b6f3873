/**
 * @module pipeline/read
 * GET and LIST with kube-apiserver's resourceVersion semantics and consistent paging.
 */
import { errors, type KubeList, type KubeObject } from '@sphere/shared';
import { apiVersionOf } from '../registry/types';
import { decodeContinue, encodeContinue } from './continue-token';
import type { PipelineDeps } from './deps';
import { buildFilter } from './filters';
import { fromStorage, resolve } from './resolve';
import { getScale } from './scale';
import type { ListQuery, RequestContext, Target } from './types';

export function getObject(deps: PipelineDeps, _ctx: RequestContext, target: Target): KubeObject {
  if (target.subresource === 'scale') return getScale(deps, target);
  const r = resolve(deps.registry, target, 'get');
  const name = target.name ?? '';
  if (r.descriptor.computed) {
    const found = r.descriptor.computed.list(r.namespace || undefined).find((o) => o.metadata.name === name);
    if (!found) throw errors.notFound(r.descriptor.plural, r.descriptor.group, name);
    return found;
  }
  const stored = deps.store.get(r.storageKey, r.namespace, name);
  if (!stored) throw errors.notFound(r.descriptor.plural, r.descriptor.group, name);
  return fromStorage(r.descriptor, stored);
}

function parseLimit(limit: number | undefined): number | undefined {
  if (limit === undefined) return undefined;
  if (!Number.isFinite(limit)) throw errors.badRequest(`invalid limit: ${limit}`);
  return limit > 0 ? Math.floor(limit) : undefined;
}

/** Which revision a list must reflect, and where a continued list resumes. */
function snapshotOf(deps: PipelineDeps, query: ListQuery): { atRevision?: number; after?: string } {
  if (query.continue) {
    if (query.resourceVersion && query.resourceVersion !== '0') {
      throw errors.badRequest('specifying resource version is not allowed when using continue');
    }
    const token = decodeContinue(query.continue);
    return { atRevision: token.revision, after: token.after };
  }
  if (query.resourceVersionMatch) {
    if (!query.resourceVersion) {
      throw errors.badRequest(
        'resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided',
      );
    }
    if (!['Exact', 'NotOlderThan'].includes(query.resourceVersionMatch)) {
      throw errors.badRequest(
        `resourceVersionMatch: Unsupported value: "${query.resourceVersionMatch}": supported values: "Exact", "NotOlderThan"`,
      );
    }
  }
  if (!query.resourceVersion || query.resourceVersion === '0') return {};
  const rv = Number(query.resourceVersion);
  if (!Number.isSafeInteger(rv) || rv < 0)
    throw errors.badRequest(`invalid resource version: ${query.resourceVersion}`);
  if (rv > deps.store.revision()) {
    throw errors.serviceUnavailable(`Too large resource version: ${rv}, current: ${deps.store.revision()}`);
  }
  return query.resourceVersionMatch === 'Exact' ? { atRevision: rv } : {};
}

export function listObjects(
  deps: PipelineDeps,
  _ctx: RequestContext,
  target: Target,
  query: ListQuery = {},
): KubeList {
  const r = resolve(deps.registry, target, 'list');
  const d = r.descriptor;
  const selector = buildFilter(d, query.labelSelector, query.fieldSelector);
  if (d.computed) {
    const items = d.computed.list(r.namespace || undefined).filter((o) => !selector || selector(o));
    return {
      apiVersion: apiVersionOf(d),
      kind: d.listKind ?? `${d.kind}List`,
      metadata: { resourceVersion: String(deps.store.revision()) },
      items,
    };
  }
  const { atRevision, after } = snapshotOf(deps, query);
  const limit = parseLimit(query.limit);
  // The store indexes namespaces: narrowing there avoids scanning every object of the resource.
  const result = deps.store.list(r.storageKey, {
    namespace: r.namespace || undefined,
    atRevision,
    after,
    limit,
    filter: selector,
  });
  const metadata: KubeList['metadata'] = { resourceVersion: String(result.revision) };
  if (result.continueAfter !== undefined) {
    metadata.continue = encodeContinue(result.revision, result.continueAfter);
    if (!selector && result.remaining !== undefined) metadata.remainingItemCount = result.remaining;
  }
  return {
    apiVersion: apiVersionOf(d),
    kind: d.listKind ?? `${d.kind}List`,
    metadata,
    items: result.items.map((item) => fromStorage(d, item)),
  };
}
