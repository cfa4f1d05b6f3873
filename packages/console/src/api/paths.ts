/**
 * @module paths
 * Every API path the console uses, in one place, so paths can be adjusted when the platform's routes move.
 * Pure functions; tested in paths.test.ts.
 */
import type { KindRef } from '../resources/kinds';

export const IAM = '/kapis/iam.kubesphere.io/v1alpha2';
export const TENANT = '/kapis/tenant.kubesphere.io/v1alpha2';
export const RESOURCES = '/kapis/resources.kubesphere.io/v1alpha3';
/** Service components and their health (`/components`, `/componenthealth`). */
export const COMPONENTS = '/kapis/resources.kubesphere.io/v1alpha2';
/** The platform's audit trail. */
export const AUDIT_EVENTS = '/kapis/tenant.kubesphere.io/v1alpha2/auditing/events';

/** `/kapis/iam.kubesphere.io/v1alpha2/<rest>` */
export function iamPath(rest: string): string {
  return `${IAM}/${rest}`;
}

/** `/kapis/tenant.kubesphere.io/v1alpha2/<rest>` */
export function tenantPath(rest: string): string {
  return `${TENANT}/${rest}`;
}

/** Native Kubernetes path for a kind: collection when `name` is absent. */
export function kubePath(ref: KindRef, namespace?: string, name?: string, subresource?: string): string {
  const prefix = ref.group ? `/apis/${ref.group}/${ref.version}` : `/api/${ref.version}`;
  const ns = ref.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  let path = `${prefix}${ns}/${ref.plural}`;
  if (name) path += `/${encodeURIComponent(name)}`;
  if (name && subresource) path += `/${subresource}`;
  return path;
}

/** KubeSphere v1alpha3 list path (paged, filtered, sorted server-side). */
export function listPath(ref: KindRef, namespace?: string): string {
  const ns = ref.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${RESOURCES}${ns}/${ref.plural}`;
}

/** Where the current user's permission rules for a scope come from (the platform's "what can I do here"). */
export function rulesPath(scope: { workspace?: string; namespace?: string; username: string }): string {
  const base = iamPath(`users/${encodeURIComponent(scope.username)}/rules`);
  if (scope.namespace) return `${base}?namespace=${encodeURIComponent(scope.namespace)}`;
  if (scope.workspace) return `${base}?workspace=${encodeURIComponent(scope.workspace)}`;
  return base;
}
