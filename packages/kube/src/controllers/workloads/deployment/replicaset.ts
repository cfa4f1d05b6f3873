/**
 * @module controllers/workloads/deployment/replicaset
 * The ReplicaSet a Deployment creates for its template: named `<deployment>-<pod-template-hash>`, the
 * hash added to its labels, selector and template labels, the deployment's annotations copied.
 */
import type { Deployment, ReplicaSet } from '../types';
import { controllerRef } from '../util';
import { POD_TEMPLATE_HASH, podTemplateHash, replicaSetAnnotations, withReplicaAnnotations } from './util';

/** The ReplicaSet a deployment creates for its current template. */
export function newReplicaSetFor(d: Deployment, replicas: number, revision: number): ReplicaSet {
  const hash = podTemplateHash(d.spec.template, d.status?.collisionCount);
  const template = structuredClone(d.spec.template);
  template.metadata = {
    ...(template.metadata ?? {}),
    labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH]: hash },
  };
  const selector = structuredClone(d.spec.selector);
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH]: hash };
  const annotations = withReplicaAnnotations(d, replicaSetAnnotations(d, undefined, revision));
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...(template.metadata.labels ?? {}) },
      annotations,
      ownerReferences: [controllerRef(d, 'apps/v1', 'Deployment')],
    },
    spec: {
      replicas,
      minReadySeconds: d.spec.minReadySeconds ?? 0,
      selector,
      template,
    },
  };
}
