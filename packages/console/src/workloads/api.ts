/**
 * @module workloads/api
 * The calls the workload, project-settings and registry pages make beyond plain CRUD: patches with an
 * explicit content type (rollback), the project gateway (`resources.kubesphere.io/v1alpha2 .../router`)
 * and the registry credential check.
 */
import type { KubeObject } from '@sphere/shared';
import { ApiError } from '../api/errors';
import { request } from '../api/http';
import { kubePath } from '../api/paths';
import type { KindRef } from '../resources/kinds';
import type { GatewayType } from './gateway';

const V1ALPHA2 = '/kapis/resources.kubesphere.io/v1alpha2';
const enc = encodeURIComponent;

/** Kinds only these pages use (kept here so the shared kind table stays as it is). */
export const EXTRA_KINDS = {
  resourcequotas: {
    kind: 'ResourceQuota',
    plural: 'resourcequotas',
    group: '',
    version: 'v1',
    namespaced: true,
    authKey: 'project-settings',
  },
  limitranges: {
    kind: 'LimitRange',
    plural: 'limitranges',
    group: '',
    version: 'v1',
    namespaced: true,
    authKey: 'project-settings',
  },
} satisfies Record<string, KindRef>;

/** PATCH with a given patch type (JSON patch, strategic merge patch, merge patch). */
export function patchWithType<T extends KubeObject = KubeObject>(
  ref: KindRef,
  namespace: string | undefined,
  name: string,
  patch: unknown,
  contentType: string,
): Promise<T> {
  return request<T>(kubePath(ref, namespace, name), { method: 'PATCH', body: patch, contentType });
}

/** GET that answers undefined for 404. */
export async function getOrUndefined<T>(load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

/**
 * A query function for a `getOrUndefined` load: TanStack Query refuses `undefined` as query data (the
 * query fails with "<key> data is undefined"), so "not found" is cached as `null`.
 */
export function nullFor404<T>(load: () => Promise<T | undefined>): () => Promise<T | null> {
  return async () => (await load()) ?? null;
}

/** `/kapis/resources.kubesphere.io/v1alpha2/namespaces/{ns}/router` */
export function routerPath(namespace: string): string {
  return `${V1ALPHA2}/namespaces/${enc(namespace)}/router`;
}

export const gatewayApi = {
  /** The gateway Service, or undefined when none is set (404). */
  get: (namespace: string) => getOrUndefined(() => request<KubeObject>(routerPath(namespace))),
  set: (
    namespace: string,
    body: { type: GatewayType; annotations: Record<string, string> },
    update: boolean,
  ) => request<KubeObject>(routerPath(namespace), { method: update ? 'PUT' : 'POST', body }),
  remove: (namespace: string) => request<unknown>(routerPath(namespace), { method: 'DELETE' }),
};

/** The platform's answer to a credential check. */
export interface VerifyResult {
  verified: boolean;
  reason: 'Verified' | 'AuthenticationFailed' | 'Unreachable' | 'UnexpectedResponse';
  message: string;
  endpoint?: string;
}

export const REGISTRY_VERIFY_PATH = `${V1ALPHA2}/registry/verify`;

/** `POST .../registry/verify {serverhost, username, password}`. */
export function verifyRegistry(body: {
  serverhost: string;
  username: string;
  password: string;
}): Promise<VerifyResult> {
  return request<VerifyResult>(REGISTRY_VERIFY_PATH, { method: 'POST', body });
}
