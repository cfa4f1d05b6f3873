/**
 * @module registry/core/secrets
 * core/v1 Secret: `Opaque` default, stringData folded into data (as the v1 conversion does), base64
 * payloads, per-type required keys, immutable type, `immutable`, and the TYPE/DATA columns.
 */
import { fieldErrors, type KubeObject, type StatusCause } from '@sphere/shared';
import type { ResourceDescriptor } from '../types';
import { defaultField, immutable, isObj, str, type Obj } from '../validation';
import { base64Length, MAX_DATA_SIZE, tooLarge, validateImmutableData, validateKeys } from './config-data';
import { ageCell, ageColumn, column, nameColumn } from './support';

/** Keys each well-known secret type requires in `data`. */
const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
};

/** Defaults `type` and moves `stringData` into base64 `data`. */
export function defaultSecret(obj: KubeObject): void {
  defaultField(obj as Obj, 'type', 'Opaque');
  if (isObj(obj.stringData)) {
    const data: Obj = isObj(obj.data) ? obj.data : {};
    for (const [k, v] of Object.entries(obj.stringData))
      data[k] = Buffer.from(str(v), 'utf8').toString('base64');
    obj.data = data;
  }
  delete obj.stringData;
}

function decoded(data: Obj, key: string): Buffer | undefined {
  const v = data[key];
  return typeof v === 'string' ? Buffer.from(v, 'base64') : undefined;
}

function validateType(type: string, data: Obj, obj: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  for (const key of REQUIRED_KEYS[type] ?? []) {
    if (!decoded(data, key)?.length) causes.push(fieldErrors.required(`data[${key}]`));
  }
  if (type === 'kubernetes.io/dockerconfigjson' || type === 'kubernetes.io/dockercfg') {
    const key = type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
    const raw = decoded(data, key);
    if (raw?.length) {
      try {
        JSON.parse(raw.toString('utf8'));
      } catch (e) {
        causes.push(fieldErrors.invalid(`data[${key}]`, '<secret contents redacted>', (e as Error).message));
      }
    }
  }
  if (
    type === 'kubernetes.io/basic-auth' &&
    !decoded(data, 'username')?.length &&
    !decoded(data, 'password')?.length
  ) {
    causes.push(fieldErrors.required('data[username]'), fieldErrors.required('data[password]'));
  }
  if (
    type === 'kubernetes.io/service-account-token' &&
    !obj.metadata.annotations?.['kubernetes.io/service-account.name']
  ) {
    causes.push(fieldErrors.required('metadata.annotations[kubernetes.io/service-account.name]'));
  }
  return causes;
}

function validateSecret(obj: KubeObject, old: KubeObject | undefined): StatusCause[] {
  const data = isObj(obj.data) ? obj.data : {};
  const causes = validateKeys(data, 'data');
  let size = 0;
  for (const [k, v] of Object.entries(data)) size += k.length + base64Length(v, 'Secret');
  if (size > MAX_DATA_SIZE) causes.push(tooLarge('data'));
  causes.push(...validateType(str(obj.type), data, obj));
  if (old) {
    causes.push(...immutable('type', old.type, obj.type));
    causes.push(...validateImmutableData(obj, old, ['data']));
  }
  return causes;
}

/** core/v1 secrets. */
export const secrets: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'Secret',
  plural: 'secrets',
  singular: 'secret',
  namespaced: true,
  schemaId: 'io.k8s.api.core.v1.Secret',
  strategicMerge: true,
  fieldSelectors: { type: (o) => str(o.type) },
  defaults: defaultSecret,
  validate: (obj, old) => validateSecret(obj, old),
  table: {
    columns: [
      nameColumn,
      column('Type', 'string', 'The kind of secret (Opaque, kubernetes.io/tls, ...).'),
      column('Data', 'integer', 'Number of data entries.'),
      ageColumn,
    ],
    cells: (obj, now) => [
      obj.metadata.name ?? '',
      str(obj.type),
      Object.keys(isObj(obj.data) ? obj.data : {}).length,
      ageCell(obj, now),
    ],
  },
};
