/**
 * @module registry/coordination/leases
 * coordination.k8s.io/v1 Lease: node heartbeats (`kube-node-lease`) and leader election.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import {
  ageCell,
  ageColumn,
  column,
  get,
  invalidRendered,
  isObj,
  nameColumn,
  nonNegative,
  type Obj,
} from '../apps/support';
import type { ResourceDescriptor } from '../types';

/** Validation of a Lease. */
export function validateLease(obj: KubeObject): StatusCause[] {
  const spec = (isObj(obj.spec) ? obj.spec : {}) as Obj;
  const causes: StatusCause[] = [];
  const duration = spec.leaseDurationSeconds;
  if (typeof duration === 'number' && duration <= 0) {
    causes.push(invalidRendered('spec.leaseDurationSeconds', String(duration), 'must be greater than 0'));
  }
  causes.push(...nonNegative(spec.leaseTransitions, 'spec.leaseTransitions'));
  const strategy = spec.strategy;
  if (strategy !== undefined && strategy !== null && strategy !== 'OldestEmulationVersion') {
    causes.push({
      reason: 'FieldValueNotSupported',
      field: 'spec.strategy',
      message: `Unsupported value: "${String(strategy)}": supported values: "OldestEmulationVersion"`,
    });
  }
  return causes;
}

/** coordination.k8s.io/v1 leases. */
export const leases: ResourceDescriptor = {
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  plural: 'leases',
  singular: 'lease',
  namespaced: true,
  schemaId: 'io.k8s.api.coordination.v1.Lease',
  strategicMerge: true,
  validate: (obj) => validateLease(obj),
  table: {
    columns: [
      nameColumn,
      column('Holder', 'string', 'holderIdentity contains the identity of the holder of a current lease.'),
      ageColumn,
    ],
    cells: (obj, now) => {
      const holder = get(obj, 'spec', 'holderIdentity');
      return [obj.metadata.name ?? '', typeof holder === 'string' ? holder : '', ageCell(obj, now)];
    },
  },
};
