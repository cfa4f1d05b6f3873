import { describe, expect, it } from 'vitest';
import {
  cronJobStatus,
  daemonSetStatus,
  jobStatus,
  nodeStatus,
  podStatus,
  pvcStatus,
  workloadStatus,
} from './status';

const o = (
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
  metadata: Record<string, unknown> = {},
) => ({ metadata: { name: 'x', ...metadata }, spec, status });

describe('workloadStatus', () => {
  it.each([
    ['stopped', o({ replicas: 0 }, {}), 'STOPPED', '0/0'],
    ['running', o({ replicas: 2 }, { replicas: 2, readyReplicas: 2, updatedReplicas: 2 }), 'RUNNING', '2/2'],
    ['updating: not ready', o({ replicas: 3 }, { replicas: 3, readyReplicas: 1 }), 'UPDATING', '1/3'],
    [
      'updating: old revision',
      o({ replicas: 2 }, { replicas: 2, readyReplicas: 2, updatedReplicas: 1 }),
      'UPDATING',
      '2/2',
    ],
    [
      'scaling down to 0 with ready pods',
      o({ replicas: 0 }, { replicas: 1, readyReplicas: 1 }),
      'UPDATING',
      '1/0',
    ],
    ['default replicas 1', o({}, { replicas: 1, readyReplicas: 1 }), 'RUNNING', '1/1'],
  ])('%s', (_n, obj, key, detail) => {
    const s = workloadStatus(obj);
    expect([s.key, s.detail]).toEqual([key, detail]);
  });
});

describe('other kinds', () => {
  it.each([
    [
      'daemonset running',
      daemonSetStatus(o({}, { desiredNumberScheduled: 3, numberAvailable: 3 })).key,
      'RUNNING',
    ],
    [
      'daemonset updating',
      daemonSetStatus(o({}, { desiredNumberScheduled: 3, numberAvailable: 1 })).key,
      'UPDATING',
    ],
    [
      'job complete',
      jobStatus(o({ completions: 4 }, { succeeded: 4, conditions: [{ type: 'Complete', status: 'True' }] }))
        .key,
      'COMPLETED',
    ],
    ['job failed', jobStatus(o({}, { conditions: [{ type: 'Failed', status: 'True' }] })).key, 'FAILED'],
    ['job running', jobStatus(o({}, { active: 1 })).key, 'RUNNING'],
    ['cronjob paused', cronJobStatus(o({ suspend: true }, {})).key, 'PAUSED'],
    ['pod running', podStatus(o({}, { phase: 'Running' })).key, 'RUNNING'],
    [
      'pod crashloop',
      podStatus(
        o(
          {},
          { phase: 'Running', containerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff' } } }] },
        ),
      ).key,
      'CrashLoopBackOff',
    ],
    [
      'pod terminating',
      podStatus(o({}, { phase: 'Running' }, { deletionTimestamp: 'now' })).key,
      'TERMINATING',
    ],
    ['pvc bound', pvcStatus(o({}, { phase: 'Bound' })).key, 'BOUND'],
    ['node ready', nodeStatus(o({}, { conditions: [{ type: 'Ready', status: 'True' }] })).key, 'RUNNING'],
    [
      'node cordoned',
      nodeStatus(o({ unschedulable: true }, { conditions: [{ type: 'Ready', status: 'True' }] })).key,
      'UNSCHEDULABLE',
    ],
    [
      'node not ready',
      nodeStatus(o({}, { conditions: [{ type: 'Ready', status: 'False' }] })).key,
      'WARNING',
    ],
  ])('%s', (_n, got, want) => expect(got).toBe(want));
});
