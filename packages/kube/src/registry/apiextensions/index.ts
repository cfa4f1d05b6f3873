/**
 * @module registry/apiextensions
 * apiextensions.k8s.io/v1.
 */
import type { ResourceDescriptor } from '../types';
import { customresourcedefinitions } from './customresourcedefinitions';

/** Descriptors of apiextensions.k8s.io/v1. */
export function apiextensionsDescriptors(): ResourceDescriptor[] {
  return [customresourcedefinitions];
}
