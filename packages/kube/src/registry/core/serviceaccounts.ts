/**
 * @module registry/core/serviceaccounts
 * core/v1 ServiceAccount: the SECRETS column; DELETE answers with the object.
 */
import type { ResourceDescriptor } from '../types';
import { ageCell, ageColumn, column, nameColumn } from './support';

/** core/v1 serviceaccounts. */
export const serviceaccounts: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'ServiceAccount',
  plural: 'serviceaccounts',
  singular: 'serviceaccount',
  namespaced: true,
  shortNames: ['sa'],
  schemaId: 'io.k8s.api.core.v1.ServiceAccount',
  strategicMerge: true,
  deleteReturnsObject: true,
  subresources: [
    {
      name: 'token',
      verbs: ['create'],
      responseKind: { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' },
    },
  ],
  table: {
    columns: [
      nameColumn,
      column('Secrets', 'integer', 'Number of secrets the service account references.'),
      ageColumn,
    ],
    cells: (obj, now) => [
      obj.metadata.name ?? '',
      Array.isArray(obj.secrets) ? obj.secrets.length : 0,
      ageCell(obj, now),
    ],
  },
};
