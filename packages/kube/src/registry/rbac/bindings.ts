/**
 * @module registry/rbac/bindings
 * rbac.authorization.k8s.io/v1 RoleBinding and ClusterRoleBinding: subject defaults, validation (the
 * roleRef never changes) and the `kubectl get` columns.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import {
  ageCell,
  ageColumn,
  child,
  column,
  deepEqual,
  defaultField,
  isObj,
  nameColumn,
  type Obj,
} from '../apps/support';
import type { ResourceDescriptor, TableSpec } from '../types';
import { goRoleRef, rbacGroup, validateRoleRef, validateSubject } from './rules';

/** rbac/v1 defaulting: the roleRef's API group and each subject's API group by kind. */
export function defaultBinding(obj: KubeObject): void {
  defaultField(child(obj as Obj, 'roleRef'), 'apiGroup', rbacGroup);
  for (const subject of Array.isArray(obj.subjects) ? obj.subjects.filter(isObj) : []) {
    if (subject.apiGroup === undefined || subject.apiGroup === '') {
      subject.apiGroup = subject.kind === 'User' || subject.kind === 'Group' ? rbacGroup : '';
      if (subject.kind === 'ServiceAccount') delete subject.apiGroup;
    }
  }
}

function validateBinding(obj: KubeObject, old: KubeObject | undefined, namespaced: boolean): StatusCause[] {
  const causes = validateRoleRef(obj.roleRef, namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole']);
  const subjects = Array.isArray(obj.subjects) ? obj.subjects : [];
  subjects.forEach((s, i) => causes.push(...validateSubject(s, namespaced, `subjects[${i}]`)));
  if (old && !deepEqual(obj.roleRef, old.roleRef)) {
    causes.push({
      reason: 'FieldValueInvalid',
      field: 'roleRef',
      message: `Invalid value: ${goRoleRef(obj.roleRef)}: cannot change roleRef`,
    });
  }
  return causes;
}

/** Users, groups and service accounts (`ns/name`) named by a binding's subjects. */
export function subjectsStrings(subjects: unknown): {
  users: string[];
  groups: string[];
  serviceAccounts: string[];
} {
  const result = { users: [] as string[], groups: [] as string[], serviceAccounts: [] as string[] };
  for (const s of Array.isArray(subjects) ? subjects.filter(isObj) : []) {
    const name = String(s.name ?? '');
    if (s.kind === 'ServiceAccount') result.serviceAccounts.push(`${String(s.namespace ?? '')}/${name}`);
    else if (s.kind === 'User') result.users.push(name);
    else if (s.kind === 'Group') result.groups.push(name);
  }
  return result;
}

function bindingTable(what: string): TableSpec {
  return {
    columns: [
      nameColumn,
      column(
        'Role',
        'string',
        `RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace.`,
      ),
      ageColumn,
      column('Users', 'string', `Users in the ${what}`, 1),
      column('Groups', 'string', `Groups in the ${what}`, 1),
      column('ServiceAccounts', 'string', `ServiceAccounts in the ${what}`, 1),
    ],
    cells(obj, now) {
      const ref = (isObj(obj.roleRef) ? obj.roleRef : {}) as Obj;
      const { users, groups, serviceAccounts } = subjectsStrings(obj.subjects);
      return [
        obj.metadata.name ?? '',
        `${String(ref.kind ?? '')}/${String(ref.name ?? '')}`,
        ageCell(obj, now),
        users.join(', '),
        groups.join(', '),
        serviceAccounts.join(', '),
      ];
    },
  };
}

/** rbac.authorization.k8s.io/v1 rolebindings. */
export const rolebindings: ResourceDescriptor = {
  group: rbacGroup,
  version: 'v1',
  kind: 'RoleBinding',
  plural: 'rolebindings',
  singular: 'rolebinding',
  namespaced: true,
  nameFormat: 'path',
  schemaId: 'io.k8s.api.rbac.v1.RoleBinding',
  strategicMerge: true,
  defaults: defaultBinding,
  validate: (obj, old) => validateBinding(obj, old, true),
  table: bindingTable('roleBinding'),
};

/** rbac.authorization.k8s.io/v1 clusterrolebindings. */
export const clusterrolebindings: ResourceDescriptor = {
  group: rbacGroup,
  version: 'v1',
  kind: 'ClusterRoleBinding',
  plural: 'clusterrolebindings',
  singular: 'clusterrolebinding',
  namespaced: false,
  nameFormat: 'path',
  schemaId: 'io.k8s.api.rbac.v1.ClusterRoleBinding',
  strategicMerge: true,
  defaults: defaultBinding,
  validate: (obj, old) => validateBinding(obj, old, false),
  table: bindingTable('clusterRoleBinding'),
};
