/**
 * @module account-model
 * Pure builders of the account requests: the PUT bodies of Edit (email, platform role, description) and
 * Disable/Enable, which carry the whole user so nothing else is lost (the platform takes labels and
 * annotations from the body and keeps its protected annotations itself), and the status badge.
 */
import type { UserObject } from '../../api/iam';

export const GLOBALROLE_ANNOTATION = 'iam.kubesphere.io/globalrole';
export const DESCRIPTION_ANNOTATION = 'kubesphere.io/description';

export interface AccountEdit {
  email: string;
  role: string;
  description?: string;
}

/** A copy of the user to PUT back: server-owned fields dropped, password never sent. */
function base(user: UserObject): UserObject {
  const { metadata, spec, status } = user;
  return {
    apiVersion: 'iam.kubesphere.io/v1alpha2',
    kind: 'User',
    metadata: {
      name: metadata.name,
      resourceVersion: metadata.resourceVersion,
      labels: metadata.labels,
      annotations: { ...(metadata.annotations ?? {}) },
    },
    spec: { ...(spec ?? {}), password: undefined },
    status: status ? { ...status } : undefined,
  };
}

/** Edit: email, platform role (annotation), description (annotation; empty removes it). */
export function editedUser(user: UserObject, edit: AccountEdit): UserObject {
  const out = base(user);
  const annotations: Record<string, string> = {
    ...(out.metadata.annotations ?? {}),
    [GLOBALROLE_ANNOTATION]: edit.role,
  };
  if (edit.description) annotations[DESCRIPTION_ANNOTATION] = edit.description;
  else delete annotations[DESCRIPTION_ANNOTATION];
  return { ...out, metadata: { ...out.metadata, annotations }, spec: { ...out.spec, email: edit.email } };
}

/** Disable or enable (status.state Active / Disabled). */
export function withState(user: UserObject, state: 'Active' | 'Disabled'): UserObject {
  const out = base(user);
  return { ...out, status: { ...(out.status ?? {}), state } };
}

/** Badge of a user state. */
export function accountStatus(state: string | undefined): {
  key: string;
  tone: 'success' | 'default' | 'warning';
} {
  if (state === 'Disabled') return { key: 'DISABLED', tone: 'default' };
  if (state === 'AuthLimitExceeded') return { key: 'AUTH_LIMIT_EXCEEDED', tone: 'warning' };
  if (!state || state === 'Active') return { key: 'ACTIVE', tone: 'success' };
  return { key: state, tone: 'warning' };
}
