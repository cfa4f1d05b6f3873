/**
 * @module registry/scheduling
 * scheduling.k8s.io/v1.
 */
import type { ResourceDescriptor } from '../types';
import { priorityclasses } from './priorityclasses';

/** Descriptors of scheduling.k8s.io/v1. */
export function schedulingDescriptors(): ResourceDescriptor[] {
  return [priorityclasses];
}
