/**
 * @module registry/batch
 * The batch/v1 resources.
 */
import type { ResourceDescriptor } from '../types';
import { cronjobs } from './cronjobs';
import { jobs } from './jobs';

/** Descriptors of batch/v1. */
export function batchDescriptors(): ResourceDescriptor[] {
  return [jobs, cronjobs];
}
