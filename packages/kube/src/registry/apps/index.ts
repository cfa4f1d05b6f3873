/**
 * @module registry/apps
 * The apps/v1 resources.
 */
import type { ResourceDescriptor } from '../types';
import { controllerrevisions } from './controllerrevisions';
import { daemonsets } from './daemonsets';
import { deployments } from './deployments';
import { replicasets } from './replicasets';
import { statefulsets } from './statefulsets';

/** Descriptors of apps/v1. */
export function appsDescriptors(): ResourceDescriptor[] {
  return [deployments, replicasets, statefulsets, daemonsets, controllerrevisions];
}
