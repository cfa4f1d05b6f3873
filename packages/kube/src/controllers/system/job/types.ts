/**
 * @module controllers/system/job/types
 * The batch/v1 Job and core/v1 Pod fields the Job controller reads and writes.
 */
import type { KubeObject, LabelSelector } from '@sphere/shared';
import type { Condition } from '../support';

export interface PodFailurePolicyRule {
  action: 'FailJob' | 'Ignore' | 'Count' | 'FailIndex';
  onExitCodes?: { containerName?: string; operator: 'In' | 'NotIn'; values: number[] };
  onPodConditions?: { type: string; status?: string }[];
}

export interface JobSpec {
  parallelism?: number;
  completions?: number | null;
  completionMode?: 'NonIndexed' | 'Indexed';
  backoffLimit?: number;
  activeDeadlineSeconds?: number;
  ttlSecondsAfterFinished?: number;
  suspend?: boolean;
  selector?: LabelSelector;
  podFailurePolicy?: { rules: PodFailurePolicyRule[] };
  template: { metadata?: KubeObject['metadata']; spec: Record<string, unknown> };
}

export interface JobStatus {
  conditions?: Condition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  ready?: number;
  terminating?: number;
  succeeded?: number;
  failed?: number;
  completedIndexes?: string;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
}

export interface Job extends KubeObject {
  spec: JobSpec;
  status?: JobStatus;
}

export interface ContainerStatus {
  name: string;
  state?: { terminated?: { exitCode: number; finishedAt?: string; reason?: string } };
  lastState?: { terminated?: { exitCode: number; finishedAt?: string } };
}

export interface Pod extends KubeObject {
  spec?: { nodeName?: string; hostname?: string; containers?: { name: string }[] };
  status?: {
    phase?: string;
    conditions?: Condition[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

export const trackingFinalizer = 'batch.kubernetes.io/job-tracking';
export const completionIndexKey = 'batch.kubernetes.io/job-completion-index';
