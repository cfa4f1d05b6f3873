/**
 * @module registry/rbac
 * The rbac.authorization.k8s.io/v1 resources.
 */
import type { ResourceDescriptor } from '../types';
import { clusterrolebindings, rolebindings } from './bindings';
import { clusterroles, roles } from './roles';

/** Descriptors of rbac.authorization.k8s.io/v1. */
export function rbacDescriptors(): ResourceDescriptor[] {
  return [roles, rolebindings, clusterroles, clusterrolebindings];
}
