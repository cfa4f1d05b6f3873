/**
 * @module cluster/bootstrap
 * Objects every cluster starts with: the system namespaces, the `default/kubernetes` Service, and — on
 * the first start only, so users may delete them — the simulated StorageClasses `local` (default) and
 * `csi-qingcloud`. Created through the pipeline, so they are defaulted and validated like anything else.
 */
import type { KubeObject } from '@sphere/shared';
import type { ApiPipeline, RequestContext } from '../pipeline/types';
import { defaultClusterRoleBindings, defaultClusterRoles } from './bootstrap-rbac';

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
  for (const role of defaultClusterRoles) {
    await ensure({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles' }, role);
  }
  for (const binding of defaultClusterRoleBindings) {
    await ensure(
      { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings' },
      binding,
    );
  }
  const marker = { group: '', version: 'v1', resource: 'configmaps', namespace: 'kube-system' };
  try {
    await pipeline.get(ctx, { ...marker, name: 'sphere-bootstrap' });
    return;
  } catch {
    // first start: create the initial storage classes
  }
  const classes = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };
  for (const sc of initialStorageClasses) await ensure(classes, sc);
  await pipeline.create(ctx, marker, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'sphere-bootstrap', namespace: 'kube-system' },
    data: { storageClasses: 'created' },
  });
}

const initialStorageClasses: KubeObject[] = [
  {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'local', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'openebs.io/local',
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'WaitForFirstConsumer',
    allowVolumeExpansion: false,
  },
  {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name: 'csi-qingcloud' },
    provisioner: 'disk.csi.qingcloud.com',
    parameters: { type: '0', maxSize: '500', minSize: '10', stepSize: '10', fsType: 'ext4' },
    reclaimPolicy: 'Delete',
    volumeBindingMode: 'Immediate',
    allowVolumeExpansion: true,
  },
];
