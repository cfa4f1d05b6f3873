/**
 * @module registry/storage
 * The storage.k8s.io/v1 resources.
 */
import type { ResourceDescriptor } from '../types';
import { storageclasses } from './storageclasses';

/** Descriptors of storage.k8s.io/v1. */
export function storageDescriptors(): ResourceDescriptor[] {
  return [storageclasses];
}
