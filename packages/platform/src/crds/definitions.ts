/**
 * @module crds/definitions
 * The CustomResourceDefinitions the platform keeps its state in. Schemas are open (unknown fields kept)
 * except for the few fields the platform relies on; the platform API validates input itself so that
 * errors are clear regardless of what the cluster checks.
 */
import type { KubeObject } from '@sphere/shared';

interface CrdSpec {
  group: string;
  versions: string[];
  kind: string;
  plural: string;
  singular: string;
  shortNames?: string[];
  columns?: { name: string; jsonPath: string; type: string }[];
  required?: string[];
}

const open = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

function crd(s: CrdSpec): KubeObject {
  const properties: Record<string, unknown> = {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: open,
    status: open,
    // Roles and bindings keep their payload at the top level, like their RBAC counterparts.
    rules: { type: 'array', items: open },
    subjects: { type: 'array', items: open },
    roleRef: open,
    role: open,
  };
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${s.plural}.${s.group}`, labels: { 'app.kubernetes.io/part-of': 'sphere' } },
    spec: {
      group: s.group,
      scope: 'Cluster',
      names: {
        kind: s.kind,
        listKind: `${s.kind}List`,
        plural: s.plural,
        singular: s.singular,
        ...(s.shortNames ? { shortNames: s.shortNames } : {}),
        categories: ['sphere'],
      },
      versions: s.versions.map((name, i) => ({
        name,
        served: true,
        storage: i === s.versions.length - 1,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties,
            ...(s.required ? { required: s.required } : {}),
            'x-kubernetes-preserve-unknown-fields': true,
          },
        },
        ...(s.columns ? { additionalPrinterColumns: s.columns } : {}),
      })),
    },
  };
}

const age = { name: 'Age', jsonPath: '.metadata.creationTimestamp', type: 'date' };

/** All platform CRDs, in install order. */
export const crds: KubeObject[] = [
  crd({
    group: 'iam.kubesphere.io',
    versions: ['v1alpha2'],
    kind: 'User',
    plural: 'users',
    singular: 'user',
    columns: [
      { name: 'Email', jsonPath: '.spec.email', type: 'string' },
      { name: 'Status', jsonPath: '.status.state', type: 'string' },
      age,
    ],
  }),
  crd({
    group: 'iam.kubesphere.io',
    versions: ['v1alpha2'],
    kind: 'GlobalRole',
    plural: 'globalroles',
    singular: 'globalrole',
  }),
  crd({
    group: 'iam.kubesphere.io',
    versions: ['v1alpha2'],
    kind: 'GlobalRoleBinding',
    plural: 'globalrolebindings',
    singular: 'globalrolebinding',
    columns: [{ name: 'Role', jsonPath: '.roleRef.name', type: 'string' }, age],
  }),
  crd({
    group: 'iam.kubesphere.io',
    versions: ['v1alpha2'],
    kind: 'WorkspaceRole',
    plural: 'workspaceroles',
    singular: 'workspacerole',
    columns: [
      { name: 'Workspace', jsonPath: '.metadata.labels.kubesphere\\.io/workspace', type: 'string' },
      age,
    ],
  }),
  crd({
    group: 'iam.kubesphere.io',
    versions: ['v1alpha2'],
    kind: 'WorkspaceRoleBinding',
    plural: 'workspacerolebindings',
    singular: 'workspacerolebinding',
    columns: [
      { name: 'Workspace', jsonPath: '.metadata.labels.kubesphere\\.io/workspace', type: 'string' },
      { name: 'Role', jsonPath: '.roleRef.name', type: 'string' },
      age,
    ],
  }),
  crd({
    group: 'iam.kubesphere.io',
    versions: ['v1alpha2'],
    kind: 'RoleBase',
    plural: 'rolebases',
    singular: 'rolebase',
  }),
  crd({
    group: 'iam.kubesphere.io',
    versions: ['v1alpha2'],
    kind: 'LoginRecord',
    plural: 'loginrecords',
    singular: 'loginrecord',
    columns: [
      { name: 'Type', jsonPath: '.spec.type', type: 'string' },
      { name: 'Success', jsonPath: '.spec.success', type: 'boolean' },
      age,
    ],
  }),
  crd({
    group: 'tenant.kubesphere.io',
    versions: ['v1alpha1'],
    kind: 'Workspace',
    plural: 'workspaces',
    singular: 'workspace',
    columns: [{ name: 'Manager', jsonPath: '.spec.manager', type: 'string' }, age],
  }),
  crd({
    group: 'tenant.kubesphere.io',
    versions: ['v1alpha2'],
    kind: 'WorkspaceTemplate',
    plural: 'workspacetemplates',
    singular: 'workspacetemplate',
    columns: [{ name: 'Manager', jsonPath: '.spec.template.spec.manager', type: 'string' }, age],
  }),
  crd({
    group: 'quota.kubesphere.io',
    versions: ['v1alpha2'],
    kind: 'ResourceQuota',
    plural: 'resourcequotas',
    singular: 'resourcequota',
    columns: [
      { name: 'Workspace', jsonPath: '.spec.selector.kubesphere\\.io/workspace', type: 'string' },
      age,
    ],
  }),
];
