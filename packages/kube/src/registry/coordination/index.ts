/**
 * @module registry/coordination
 * coordination.k8s.io/v1.
 */
import type { ResourceDescriptor } from '../types';
import { leases } from './leases';

/** Descriptors of coordination.k8s.io/v1. */
export function coordinationDescriptors(): ResourceDescriptor[] {
  return [leases];
}
