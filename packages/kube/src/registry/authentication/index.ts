/**
 * @module registry/authentication
 * authentication.k8s.io/v1.
 */
import type { ResourceDescriptor } from '../types';
import { selfsubjectreviews } from './selfsubjectreviews';

/** Descriptors of authentication.k8s.io/v1 (TokenReview is not served). */
export function authenticationDescriptors(): ResourceDescriptor[] {
  return [selfsubjectreviews];
}
