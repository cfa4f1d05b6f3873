/**
 * @module registry/networking
 * The networking.k8s.io/v1 resources.
 */
import type { ResourceDescriptor } from '../types';
import { ingressclasses } from './ingressclasses';
import { ingresses } from './ingresses';
import { networkpolicies } from './networkpolicies';

/** Descriptors of networking.k8s.io/v1. */
export function networkingDescriptors(): ResourceDescriptor[] {
  return [ingresses, ingressclasses, networkpolicies];
}
