/**
 * @module cluster/bootstrap
 * Objects every cluster starts with: the system namespaces and the `default/kubernetes` Service.
 * Created through the pipeline (so they are defaulted and validated like anything else), once.
 */
import type { KubeObject } from '@sphere/shared';
import type { ApiPipeline, RequestContext } from '../pipeline/types';

const namespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

export async function bootstrapObjects(
  pipeline: ApiPipeline,
  ctx: RequestContext,
  apiPort: number,
): Promise<void> {
  const ensure = async (target: Parameters<ApiPipeline['create']>[1], obj: KubeObject) => {
    try {
      await pipeline.get(ctx, { ...target, name: obj.metadata.name });
    } catch {
      await pipeline.create(ctx, target, obj);
    }
  };
  for (const name of namespaces) {
    await ensure(
      { group: '', version: 'v1', resource: 'namespaces' },
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
    );
  }
  await ensure(
    { group: '', version: 'v1', resource: 'services', namespace: 'default' },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kubernetes',
        namespace: 'default',
        labels: { component: 'apiserver', provider: 'kubernetes' },
      },
      spec: {
        type: 'ClusterIP',
        clusterIP: '10.96.0.1',
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: apiPort }],
      },
    },
  );
}
