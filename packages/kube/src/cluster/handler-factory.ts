/**
 * @module cluster/handler-factory
 * Wires the HTTP handler: token authentication, RBAC authorization over the stored roles and bindings,
 * OpenAPI documents, protobuf bodies, and the pod stream handler of the simulated nodes (when present).
 */
import { createApiHandler } from '../api/handler';
import { tokenAuthenticator, type StaticToken } from '../api/auth';
import type { PodStreamHandler } from '../api/resource-handler';
import { authorize, type RbacSource } from '../auth/rbac';
import type { PipelineDeps } from '../pipeline/deps';
import type { ApiPipeline } from '../pipeline/types';
import type { ResourceRegistry } from '../registry/resource-registry';
import type { LayeredSchemaRegistry } from '../schema/registry';
import { decodeKubernetesProtobuf } from '../protobuf';
import { createOpenApiProvider } from './openapi-provider';

export function rbacSourceOf(deps: PipelineDeps): RbacSource {
  const { store } = deps;
  return {
    clusterRole: (name) => store.get('rbac.authorization.k8s.io/clusterroles', '', name),
    role: (ns, name) => store.get('rbac.authorization.k8s.io/roles', ns, name),
    clusterRoleBindings: () => store.list('rbac.authorization.k8s.io/clusterrolebindings').items,
    roleBindings: (ns) => store.list('rbac.authorization.k8s.io/rolebindings', { namespace: ns }).items,
  };
}

export function createHandler(args: {
  deps: PipelineDeps;
  pipeline: ApiPipeline;
  registry: ResourceRegistry;
  schemas: LayeredSchemaRegistry;
  tokens: StaticToken[];
  now: () => Date;
  log: (line: string) => void;
  serverAddress: () => string;
  podStreams?: () => PodStreamHandler | undefined;
  /** Prometheus text of every simulated kubelet (served per node through nodes/<name>/proxy/metrics). */
  kubeletMetrics?: (node: string, endpoint: 'resource' | 'cadvisor' | 'all') => string | undefined;
}) {
  const rbac = rbacSourceOf(args.deps);
  const config = {
    pipeline: args.pipeline,
    registry: args.registry,
    authenticate: tokenAuthenticator(args.tokens),
    authorize: (user: Parameters<typeof authorize>[1], attrs: Parameters<typeof authorize>[2]) =>
      authorize(rbac, user, attrs),
    openapi: createOpenApiProvider(args.registry, args.schemas),
    protobuf: (body: Buffer) => decodeKubernetesProtobuf(body),
    now: args.now,
    log: args.log,
    get serverAddress() {
      return args.serverAddress();
    },
    kubeletMetrics: (node: string, endpoint: 'resource' | 'cadvisor' | 'all') =>
      args.kubeletMetrics?.(node, endpoint),
    get podStreams() {
      return args.podStreams?.();
    },
  };
  return createApiHandler(config);
}
