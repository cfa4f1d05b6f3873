/**
 * @module registry/discovery
 * discovery.k8s.io/v1.
 */
import type { ResourceDescriptor } from '../types';
import { endpointslices } from './endpointslices';

/** Descriptors of discovery.k8s.io/v1. */
export function discoveryDescriptors(): ResourceDescriptor[] {
  return [endpointslices];
}
