/**
 * @module registry/autoscaling
 * autoscaling/v2 (stored) and autoscaling/v1 HorizontalPodAutoscalers.
 */
import type { ResourceDescriptor } from '../types';
import { horizontalPodAutoscalersV1, horizontalPodAutoscalersV2 } from './horizontalpodautoscalers';

/** Descriptors of the autoscaling group, preferred version first. */
export function autoscalingDescriptors(): ResourceDescriptor[] {
  return [horizontalPodAutoscalersV2, horizontalPodAutoscalersV1];
}
