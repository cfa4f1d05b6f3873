import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import { podSummary, podTable } from './pod-table';

const now = new Date('2024-05-01T12:00:00Z');
const created = '2024-05-01T11:00:00Z';

function pod(
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
  meta: Record<string, unknown> = {},
): KubeObject {
  return {
    metadata: { name: 'web-0', namespace: 'default', creationTimestamp: created, ...meta },
    spec: { containers: [{ name: 'c', image: 'x' }], ...spec },
    status,
  };
}

const running = { running: { startedAt: created } };
const readyCondition = { type: 'Ready', status: 'True' };

describe('pod STATUS, READY and RESTARTS', () => {
  it.each<[string, KubeObject, { ready: string; reason: string; restarts: string }]>([
    [
      'Pending (unscheduled)',
      pod({}, { phase: 'Pending' }),
      { ready: '0/1', reason: 'Pending', restarts: '0' },
    ],
    [
      'ContainerCreating',
      pod(
        {},
        {
          phase: 'Pending',
          containerStatuses: [
            { name: 'c', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } },
          ],
        },
      ),
      { ready: '0/1', reason: 'ContainerCreating', restarts: '0' },
    ],
    [
      'Running and ready',
      pod(
        {},
        {
          phase: 'Running',
          conditions: [readyCondition],
          containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: running }],
        },
      ),
      { ready: '1/1', reason: 'Running', restarts: '0' },
    ],
    [
      'CrashLoopBackOff with restarts and last restart time',
      pod(
        {},
        {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'c',
              ready: false,
              restartCount: 4,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
              lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: '2024-05-01T11:55:00Z' } },
            },
          ],
        },
      ),
      { ready: '0/1', reason: 'CrashLoopBackOff', restarts: '4 (5m ago)' },
    ],
    [
      'Completed',
      pod(
        { restartPolicy: 'Never' },
        {
          phase: 'Succeeded',
          containerStatuses: [
            {
              name: 'c',
              ready: false,
              restartCount: 0,
              state: { terminated: { exitCode: 0, reason: 'Completed' } },
            },
          ],
        },
      ),
      { ready: '0/1', reason: 'Completed', restarts: '0' },
    ],
    [
      'Error exit code without reason',
      pod(
        {},
        { phase: 'Failed', containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 137 } } }] },
      ),
      { ready: '0/1', reason: 'ExitCode:137', restarts: '0' },
    ],
    [
      'signal without reason',
      pod(
        {},
        {
          phase: 'Failed',
          containerStatuses: [{ name: 'c', state: { terminated: { exitCode: 0, signal: 9 } } }],
        },
      ),
      { ready: '0/1', reason: 'Signal:9', restarts: '0' },
    ],
    [
      'Terminating',
      pod(
        {},
        { phase: 'Running', containerStatuses: [{ name: 'c', ready: true, state: running }] },
        { deletionTimestamp: '2024-05-01T11:59:00Z' },
      ),
      { ready: '1/1', reason: 'Terminating', restarts: '0' },
    ],
    [
      'terminal pods being deleted keep their phase',
      pod({}, { phase: 'Succeeded' }, { deletionTimestamp: '2024-05-01T11:59:00Z' }),
      { ready: '0/1', reason: 'Succeeded', restarts: '0' },
    ],
    [
      'NodeLost while deleting is Unknown',
      pod({}, { phase: 'Running', reason: 'NodeLost' }, { deletionTimestamp: '2024-05-01T11:59:00Z' }),
      { ready: '0/1', reason: 'Unknown', restarts: '0' },
    ],
    [
      'status.reason wins over phase (Evicted)',
      pod({}, { phase: 'Failed', reason: 'Evicted' }),
      { ready: '0/1', reason: 'Evicted', restarts: '0' },
    ],
    [
      'SchedulingGated',
      pod(
        {},
        {
          phase: 'Pending',
          conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }],
        },
      ),
      { ready: '0/1', reason: 'SchedulingGated', restarts: '0' },
    ],
    [
      'Init:0/2 while the first init container runs',
      pod(
        {
          initContainers: [
            { name: 'i1', image: 'x' },
            { name: 'i2', image: 'x' },
          ],
        },
        {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'i1', state: running },
            { name: 'i2', state: { waiting: { reason: 'PodInitializing' } } },
          ],
        },
      ),
      { ready: '0/1', reason: 'Init:0/2', restarts: '0' },
    ],
    [
      'Init:1/2 after the first finished',
      pod(
        {
          initContainers: [
            { name: 'i1', image: 'x' },
            { name: 'i2', image: 'x' },
          ],
        },
        {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'i1', state: { terminated: { exitCode: 0 } } },
            { name: 'i2', state: running },
          ],
        },
      ),
      { ready: '0/1', reason: 'Init:1/2', restarts: '0' },
    ],
    [
      'Init:CrashLoopBackOff',
      pod(
        { initContainers: [{ name: 'i1', image: 'x' }] },
        {
          phase: 'Pending',
          initContainerStatuses: [
            { name: 'i1', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } },
          ],
        },
      ),
      { ready: '0/1', reason: 'Init:CrashLoopBackOff', restarts: '2' },
    ],
    [
      'Init:Error',
      pod(
        { initContainers: [{ name: 'i1', image: 'x' }] },
        {
          phase: 'Failed',
          initContainerStatuses: [{ name: 'i1', state: { terminated: { exitCode: 1, reason: 'Error' } } }],
        },
      ),
      { ready: '0/1', reason: 'Init:Error', restarts: '0' },
    ],
    [
      'Completed container with another running is Running when ready, NotReady otherwise',
      pod(
        {
          containers: [
            { name: 'a', image: 'x' },
            { name: 'b', image: 'x' },
          ],
        },
        {
          phase: 'Running',
          containerStatuses: [
            { name: 'a', ready: true, state: running },
            { name: 'b', ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          ],
        },
      ),
      { ready: '1/2', reason: 'NotReady', restarts: '0' },
    ],
    [
      'sidecar init containers count as containers',
      pod(
        { initContainers: [{ name: 's', image: 'x', restartPolicy: 'Always' }] },
        {
          phase: 'Running',
          conditions: [{ type: 'Initialized', status: 'True' }, readyCondition],
          initContainerStatuses: [{ name: 's', ready: true, started: true, restartCount: 1, state: running }],
          containerStatuses: [{ name: 'c', ready: true, restartCount: 0, state: running }],
        },
      ),
      { ready: '2/2', reason: 'Running', restarts: '1' },
    ],
  ])('%s', (_name, p, expected) => {
    expect(podSummary(p, now)).toEqual(expected);
  });
});

describe('pod table row', () => {
  it('fills the wide columns', () => {
    const p = pod(
      { nodeName: 'node-1', readinessGates: [{ conditionType: 'x/gate' }, { conditionType: 'y/gate' }] },
      { phase: 'Running', podIPs: [{ ip: '10.0.0.5' }], conditions: [{ type: 'x/gate', status: 'True' }] },
    );
    expect(podTable.cells(p, now)).toEqual([
      'web-0',
      '0/1',
      'Running',
      '0',
      '60m',
      '10.0.0.5',
      'node-1',
      '<none>',
      '1/2',
    ]);
    expect(podTable.columns.map((c) => c.name)).toEqual([
      'Name',
      'Ready',
      'Status',
      'Restarts',
      'Age',
      'IP',
      'Node',
      'Nominated Node',
      'Readiness Gates',
    ]);
    expect(podTable.columns.filter((c) => c.priority === 1)).toHaveLength(4);
  });

  it('uses <none> for missing IP and node', () => {
    expect(podTable.cells(pod({}, { phase: 'Pending' }), now).slice(5)).toEqual([
      '<none>',
      '<none>',
      '<none>',
      '<none>',
    ]);
  });

  it.each([
    [
      'Succeeded',
      [
        {
          type: 'Completed',
          status: 'True',
          reason: 'Succeeded',
          message: 'The pod has completed successfully.',
        },
      ],
    ],
    ['Failed', [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }]],
    ['Running', []],
  ])('row conditions for %s', (phase, expected) => {
    expect(podTable.conditions?.(pod({}, { phase }))).toEqual(expected);
  });
});
