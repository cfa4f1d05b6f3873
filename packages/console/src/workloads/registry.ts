/**
 * @module workloads/registry
 * Image registries (Configuration Center › Image Registry): `kubernetes.io/dockerconfigjson` Secrets.
 * Pure: form → Secret, Secret → the registry it points at, form → the platform's verify body
 * (`POST /kapis/resources.kubesphere.io/v1alpha2/registry/verify {serverhost, username, password}`).
 */
import type { KubeObject } from '@sphere/shared';
import { decodeBase64, dockerConfigJson, encodeBase64 } from '../wizard/model/resources';

export const DOCKER_CONFIG_JSON = 'kubernetes.io/dockerconfigjson';
export const REGISTRY_FIELD_SELECTOR = `type=${DOCKER_CONFIG_JSON}`;

export interface RegistryForm {
  server: string;
  username: string;
  password: string;
  email: string;
}

/** `host[:port][/path]`, optionally with an http(s):// scheme: what a registry address may look like. */
const HOST = /^(https?:\/\/)?[a-zA-Z0-9]([a-zA-Z0-9.-]*[a-zA-Z0-9])?(:\d{1,5})?(\/[^\s]*)?$/;

/** i18n problem keys by field. */
export function validateRegistryForm(f: RegistryForm): Partial<Record<keyof RegistryForm, string>> {
  const out: Partial<Record<keyof RegistryForm, string>> = {};
  if (!f.server.trim()) out.server = 'REGISTRY_ADDRESS_REQUIRED';
  else if (!HOST.test(f.server.trim())) out.server = 'REGISTRY_ADDRESS_INVALID';
  if (!f.username.trim()) out.username = 'USERNAME_REQUIRED';
  if (!f.password) out.password = 'PASSWORD_REQUIRED';
  return out;
}

/** Secret `data` for a registry form. */
export function registryData(f: RegistryForm): Record<string, string> {
  return {
    '.dockerconfigjson': encodeBase64(
      dockerConfigJson(f.server.trim(), f.username.trim(), f.password, f.email.trim()),
    ),
  };
}

/** The registry a dockerconfigjson Secret points at (first `auths` entry); password left out. */
export function registryOf(secret: KubeObject): { server: string; username: string; email: string } {
  try {
    const raw = ((secret as { data?: Record<string, string> }).data ?? {})['.dockerconfigjson'];
    const auths =
      (
        JSON.parse(decodeBase64(raw ?? '')) as {
          auths?: Record<string, { username?: string; email?: string; auth?: string }>;
        }
      ).auths ?? {};
    const [server = '', entry = {}] = Object.entries(auths)[0] ?? [];
    let username = entry.username ?? '';
    if (!username && entry.auth) username = decodeBase64(entry.auth).split(':')[0] ?? '';
    return { server, username, email: entry.email ?? '' };
  } catch {
    return { server: '', username: '', email: '' };
  }
}

/** Body of the platform's registry verify call. */
export function verifyBody(f: RegistryForm): { serverhost: string; username: string; password: string } {
  return { serverhost: f.server.trim(), username: f.username.trim(), password: f.password };
}
