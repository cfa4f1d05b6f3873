/**
 * @module registry/core/configmaps
 * core/v1 ConfigMap: key syntax, data/binaryData overlap, 1 MiB limit, `immutable`, and the DATA column.
 */
import { fieldErrors, type KubeObject, type StatusCause } from '@sphere/shared';
import type { ResourceDescriptor } from '../types';
import { isObj } from '../validation';
import { base64Length, MAX_DATA_SIZE, tooLarge, validateImmutableData, validateKeys } from './config-data';
import { ageCell, ageColumn, column, nameColumn } from './support';

const encoder = new TextEncoder();

function validateConfigMap(obj: KubeObject, old: KubeObject | undefined): StatusCause[] {
  const data = isObj(obj.data) ? obj.data : {};
  const binary = isObj(obj.binaryData) ? obj.binaryData : {};
  const causes = [...validateKeys(data, 'data'), ...validateKeys(binary, 'binaryData')];
  let size = 0;
  for (const [k, v] of Object.entries(data))
    size += k.length + encoder.encode(typeof v === 'string' ? v : '').length;
  for (const [k, v] of Object.entries(binary)) {
    size += k.length + base64Length(v, 'ConfigMap');
    if (k in data) causes.push(fieldErrors.invalid('binaryData', k, 'duplicate of key present in data'));
  }
  if (size > MAX_DATA_SIZE) causes.push(tooLarge(''));
  if (old) causes.push(...validateImmutableData(obj, old, ['data', 'binaryData']));
  return causes;
}

/** core/v1 configmaps. */
export const configmaps: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
  singular: 'configmap',
  namespaced: true,
  shortNames: ['cm'],
  schemaId: 'io.k8s.api.core.v1.ConfigMap',
  strategicMerge: true,
  validate: (obj, old) => validateConfigMap(obj, old),
  table: {
    columns: [nameColumn, column('Data', 'integer', 'Number of data and binaryData entries.'), ageColumn],
    cells: (obj, now) => [
      obj.metadata.name ?? '',
      Object.keys(isObj(obj.data) ? obj.data : {}).length +
        Object.keys(isObj(obj.binaryData) ? obj.binaryData : {}).length,
      ageCell(obj, now),
    ],
  },
};
