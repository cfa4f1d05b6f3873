/**
 * @module registry/events
 * events.k8s.io/v1.
 */
import type { ResourceDescriptor } from '../types';
import { eventsV1 } from './events';

/** Descriptors of events.k8s.io/v1. */
export function eventsDescriptors(): ResourceDescriptor[] {
  return [eventsV1];
}
