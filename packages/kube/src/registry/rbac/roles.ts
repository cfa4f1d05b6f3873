/**
 * @module registry/rbac/roles
 * rbac.authorization.k8s.io/v1 Role and ClusterRole. `kubectl get` shows them with the default columns
 * (NAME, CREATED AT), as kube-apiserver has no dedicated printer for roles.
 */
import { createdAtColumn, nameAndCreatedAt, nameColumn, type Obj } from '../apps/support';
import type { ResourceDescriptor } from '../types';
import { rbacGroup, validateRules } from './rules';

const table = { columns: [nameColumn, createdAtColumn], cells: nameAndCreatedAt };

/** rbac.authorization.k8s.io/v1 roles. */
export const roles: ResourceDescriptor = {
  group: rbacGroup,
  version: 'v1',
  kind: 'Role',
  plural: 'roles',
  singular: 'role',
  namespaced: true,
  nameFormat: 'path',
  schemaId: 'io.k8s.api.rbac.v1.Role',
  strategicMerge: true,
  validate: (obj) => validateRules(obj as Obj, true),
  table,
};

/** rbac.authorization.k8s.io/v1 clusterroles. */
export const clusterroles: ResourceDescriptor = {
  group: rbacGroup,
  version: 'v1',
  kind: 'ClusterRole',
  plural: 'clusterroles',
  singular: 'clusterrole',
  namespaced: false,
  nameFormat: 'path',
  schemaId: 'io.k8s.api.rbac.v1.ClusterRole',
  strategicMerge: true,
  validate: (obj) => validateRules(obj as Obj, false),
  table,
};
