/**
 * @module api/node-proxy
 * The node proxy subresource, answered as the simulated kubelets would answer it.
 */
import type { ServerResponse } from 'node:http';
import { errors } from '@sphere/shared';
import type { UserInfo } from '../registry/types';
import type { ApiPipeline } from '../pipeline/types';
import type { Authorizer } from './resource-handler';

export interface NodeProxyConfig {
  pipeline: ApiPipeline;
  authorize: Authorizer;
  /** One node's Prometheus text for a kubelet endpoint (undefined without simulated kubelets). */
  kubeletMetrics?: (node: string, endpoint: 'resource' | 'cadvisor' | 'all') => string | undefined;
}

/** One node's share of the Prometheus text: comment lines and the series labelled with that node. */
export function nodeSeries(text: string, node: string): string {
  const label = `node="${node}"`;
  return `${text
    .split('\n')
    .filter((line) => line.startsWith('#') || line.includes(label))
    .join('\n')
    .trimEnd()}\n`;
}

const endpoints: Record<string, 'resource' | 'cadvisor' | 'all' | undefined> = {
  '/metrics': 'all',
  '/metrics/cadvisor': 'cadvisor',
  '/metrics/resource': 'resource',
};

/**
 * `nodes/<name>/proxy/...`: what a kubelet answers — health and its metrics endpoints (`/metrics`,
 * `/metrics/cadvisor`, `/metrics/resource`) with that node's series.
 */
export async function serveNodeProxy(
  config: NodeProxyConfig,
  res: ServerResponse,
  user: UserInfo,
  node: string,
  rest: string,
): Promise<void> {
  const decision = config.authorize(user, {
    verb: 'get',
    group: '',
    version: 'v1',
    resource: 'nodes',
    subresource: 'proxy',
    namespace: '',
    name: node,
  });
  if (!decision.allowed) {
    throw errors.forbidden(
      `nodes "${node}" is forbidden: User "${user.username}" cannot get resource "nodes/proxy" in API group "" at the cluster scope`,
    );
  }
  await config.pipeline.get({ user }, { group: '', version: 'v1', resource: 'nodes', name: node });
  if (rest === '/healthz') {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('ok');
    return;
  }
  const endpoint = endpoints[rest];
  const text = endpoint && config.kubeletMetrics?.(node, endpoint);
  if (text === undefined) throw errors.pathNotFound();
  res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  res.end(nodeSeries(text, node));
}
