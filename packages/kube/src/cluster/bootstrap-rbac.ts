/**
 * @module cluster/bootstrap-rbac
 * The default ClusterRoles and bindings kube-apiserver reconciles at every start: `cluster-admin`, the
 * user-facing `admin`, `edit` and `view`, and `system:basic-user`, which lets every authenticated user ask
 * what it may do (`kubectl auth can-i`).
 */
import type { KubeObject } from '@sphere/shared';

const rbac = 'rbac.authorization.k8s.io/v1';
const bootstrapLabels = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const read = ['get', 'list', 'watch'];
const write = ['create', 'delete', 'deletecollection', 'patch', 'update'];

const workloadResources = [
  {
    apiGroups: [''],
    resources: [
      'pods',
      'pods/attach',
      'pods/exec',
      'pods/portforward',
      'pods/proxy',
      'pods/log',
      'pods/status',
      'configmaps',
      'endpoints',
      'persistentvolumeclaims',
      'replicationcontrollers',
      'replicationcontrollers/scale',
      'serviceaccounts',
      'services',
      'services/proxy',
      'events',
      'limitranges',
      'resourcequotas',
      'namespaces',
    ],
  },
  {
    apiGroups: ['apps'],
    resources: [
      'daemonsets',
      'deployments',
      'deployments/scale',
      'deployments/rollback',
      'replicasets',
      'replicasets/scale',
      'statefulsets',
      'statefulsets/scale',
      'controllerrevisions',
    ],
  },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'] },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'] },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'] },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'] },
];

function clusterRole(name: string, rules: object[]): KubeObject {
  return {
    apiVersion: rbac,
    kind: 'ClusterRole',
    metadata: {
      name,
      labels: bootstrapLabels,
      annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
    },
    rules,
  };
}

export const defaultClusterRoles: KubeObject[] = [
  clusterRole('cluster-admin', [
    { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
    { nonResourceURLs: ['*'], verbs: ['*'] },
  ]),
  clusterRole('admin', [
    ...workloadResources.map((r) => ({ ...r, verbs: [...read, ...write] })),
    { apiGroups: [''], resources: ['secrets'], verbs: [...read, ...write] },
    {
      apiGroups: ['rbac.authorization.k8s.io'],
      resources: ['roles', 'rolebindings'],
      verbs: [...read, ...write],
    },
    { apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create'] },
  ]),
  clusterRole('edit', [
    ...workloadResources.map((r) => ({ ...r, verbs: [...read, ...write] })),
    { apiGroups: [''], resources: ['secrets'], verbs: [...read, ...write] },
  ]),
  clusterRole(
    'view',
    workloadResources.map((r) => ({
      ...r,
      resources: r.resources.filter((x) => !/\/(attach|exec|portforward|proxy)$/.test(x)),
      verbs: read,
    })),
  ),
  clusterRole('system:basic-user', [
    {
      apiGroups: ['authorization.k8s.io'],
      resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'],
      verbs: ['create'],
    },
    { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
  ]),
  clusterRole('system:discovery', [
    {
      nonResourceURLs: [
        '/api',
        '/api/*',
        '/apis',
        '/apis/*',
        '/healthz',
        '/livez',
        '/openapi',
        '/openapi/*',
        '/readyz',
        '/version',
        '/version/',
      ],
      verbs: ['get'],
    },
  ]),
];

export const defaultClusterRoleBindings: KubeObject[] = [
  'cluster-admin',
  'system:basic-user',
  'system:discovery',
].map((name) => ({
  apiVersion: rbac,
  kind: 'ClusterRoleBinding',
  metadata: {
    name,
    labels: bootstrapLabels,
    annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' },
  },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
  subjects: [
    {
      apiGroup: 'rbac.authorization.k8s.io',
      kind: 'Group',
      name: name === 'cluster-admin' ? 'system:masters' : 'system:authenticated',
    },
  ],
}));
