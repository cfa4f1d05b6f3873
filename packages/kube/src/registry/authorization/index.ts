/**
 * @module registry/authorization
 * authorization.k8s.io/v1 review resources, and the hook the API server uses to answer them.
 */
import type { ResourceDescriptor } from '../types';
import {
  localsubjectaccessreviews,
  selfsubjectaccessreviews,
  selfsubjectrulesreviews,
  subjectaccessreviews,
} from './reviews';

export { setAccessReviewer, setRulesReviewer } from './access-review';
export type {
  AccessAttributes,
  AccessDecision,
  AccessReviewer,
  RulesDecision,
  RulesReviewer,
} from './access-review';

/** Descriptors of authorization.k8s.io/v1. */
export function authorizationDescriptors(): ResourceDescriptor[] {
  return [localsubjectaccessreviews, selfsubjectaccessreviews, selfsubjectrulesreviews, subjectaccessreviews];
}
