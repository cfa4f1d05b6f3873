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
  kubeletMetrics?: () => string | undefined;
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
  const text = config.kubeletMetrics?.();
  if (rest === '/healthz') {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('ok');
    return;
  }
  if (text === undefined || !['/metrics', '/metrics/cadvisor', '/metrics/resource'].includes(rest))
    throw errors.pathNotFound();
  res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  res.end(nodeSeries(text, node));
}
