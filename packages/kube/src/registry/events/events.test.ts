import type { KubeObject } from '@sphere/shared';
import { describe, expect, it } from 'vitest';
import { events as coreEvents } from '../core/events';
import { storageKeyOf } from '../types';
import { createThrough, messages, now } from '../apps/test-support';
import { coreToEventsV1, eventsV1ToCore } from './convert';
import { eventsV1 } from './events';

const regarding = { apiVersion: 'v1', kind: 'Pod', name: 'web-0', namespace: 'default', uid: 'p1' };

function newEvent(extra: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: { name: 'web-0.1', namespace: 'default', creationTimestamp: '2026-01-01T11:00:00Z' },
    eventTime: '2026-01-01T11:59:00.000000Z',
    reportingController: 'sphere.io/kubelet',
    reportingInstance: 'node-1',
    action: 'Pulling',
    reason: 'Pulling',
    type: 'Normal',
    regarding,
    note: 'Pulling image "nginx"',
    ...extra,
  };
}

describe('events.k8s.io <-> core/v1 conversion', () => {
  it('maps renamed fields both ways', () => {
    const v1 = newEvent({
      series: { count: 3, lastObservedTime: '2026-01-01T11:59:30.000000Z' },
      deprecatedSource: { component: 'kubelet', host: 'node-1' },
      deprecatedCount: 3,
      deprecatedFirstTimestamp: '2026-01-01T11:50:00Z',
      deprecatedLastTimestamp: '2026-01-01T11:59:00Z',
      related: { kind: 'Node', name: 'node-1' },
    });
    const core = eventsV1ToCore(v1);
    expect(core).toMatchObject({
      apiVersion: 'v1',
      involvedObject: regarding,
      message: 'Pulling image "nginx"',
      reportingComponent: 'sphere.io/kubelet',
      reportingInstance: 'node-1',
      source: { component: 'kubelet', host: 'node-1' },
      count: 3,
      firstTimestamp: '2026-01-01T11:50:00Z',
      lastTimestamp: '2026-01-01T11:59:00Z',
      series: { count: 3 },
      related: { kind: 'Node', name: 'node-1' },
    });
    for (const key of ['regarding', 'note', 'reportingController', 'deprecatedSource', 'deprecatedCount'])
      expect(core).not.toHaveProperty(key);
    expect(coreToEventsV1(core)).toEqual(v1);
  });

  it('reads an event written through core/v1', () => {
    const core: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'x', namespace: 'default' },
      involvedObject: regarding,
      reason: 'Scheduled',
      message: 'Successfully assigned default/web-0 to node-1',
      source: { component: 'default-scheduler' },
      count: 1,
      type: 'Normal',
    };
    expect(coreToEventsV1(core)).toMatchObject({
      apiVersion: 'events.k8s.io/v1',
      regarding,
      note: 'Successfully assigned default/web-0 to node-1',
      deprecatedSource: { component: 'default-scheduler' },
      deprecatedCount: 1,
    });
  });

  it('shares the core/v1 storage, which is the stored version', () => {
    expect(storageKeyOf(eventsV1)).toBe(storageKeyOf(coreEvents));
    expect(eventsV1.storageVersion).toBe(false);
    expect(coreEvents.storageVersion).not.toBe(false);
  });
});

describe('events.k8s.io validation', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['valid', {}, []],
    ['missing controller', { reportingController: undefined }, ['reportingController: Required value']],
    [
      'missing action and reason',
      { action: '', reason: '' },
      ['action: Required value', 'reason: Required value'],
    ],
    ['bad type', { type: 'Info' }, ['type: Invalid value: "": has invalid value: Info']],
    ['deprecated count', { deprecatedCount: 2 }, ['deprecatedCount: Invalid value: "": needs to be unset']],
    ['no event time', { eventTime: undefined }, ['eventTime: Required value']],
    [
      'other namespace',
      { regarding: { ...regarding, namespace: 'kube-system' } },
      ['involvedObject.namespace: Invalid value: "kube-system": does not match event.namespace'],
    ],
  ])('%s', (_name, extra, expected) => {
    expect(messages(createThrough(eventsV1, newEvent(extra)))).toEqual(expected);
  });

  it('prints the core columns', () => {
    const cells = eventsV1.table?.cells(newEvent(), now);
    expect(eventsV1.table?.columns.map((c) => c.name)).toEqual(coreEvents.table?.columns.map((c) => c.name));
    expect(cells?.slice(0, 4)).toEqual(['60s', 'Normal', 'Pulling', 'pod/web-0']);
    expect(cells?.[6]).toBe('Pulling image "nginx"');
  });

  it('selects on regarding fields', () => {
    expect(eventsV1.fieldSelectors?.['regarding.name'](newEvent())).toBe('web-0');
    expect(eventsV1.fieldSelectors?.['reportingController'](newEvent())).toBe('sphere.io/kubelet');
    // The pipeline evaluates selectors on the stored (core/v1) shape.
    const stored = eventsV1ToCore(newEvent());
    expect(eventsV1.fieldSelectors?.['regarding.name'](stored)).toBe('web-0');
    expect(eventsV1.fieldSelectors?.['reportingController'](stored)).toBe('sphere.io/kubelet');
  });
});
