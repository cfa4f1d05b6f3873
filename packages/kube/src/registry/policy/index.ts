/**
 * @module registry/policy
 * policy/v1.
 */
import type { ResourceDescriptor } from '../types';
import { poddisruptionbudgets } from './poddisruptionbudgets';

/** Descriptors of policy/v1 (evictions are a pods subresource, served with the core descriptors). */
export function policyDescriptors(): ResourceDescriptor[] {
  return [poddisruptionbudgets];
}
