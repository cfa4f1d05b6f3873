/**
 * @module registry/events/events
 * events.k8s.io/v1 Event, served from the same storage as core/v1 events (which is the stored shape),
 * with the stricter rules the new API applies to objects created through it.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import { isQualifiedName } from '@sphere/shared';
import { eventCells, events as coreEvents } from '../core/events';
import { get, invalidRendered, isObj } from '../apps/support';
import type { ResourceDescriptor, StrategyContext } from '../types';
import { coreToEventsV1, eventsV1ToCore } from './convert';

function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function required(field: string): StatusCause {
  return { reason: 'FieldValueRequired', field, message: 'Required value' };
}

function maxLength(field: string, value: string, limit: number): StatusCause[] {
  return value.length > limit ? [invalidRendered(field, '""', `can have at most ${limit} characters`)] : [];
}

/** Validation of an Event written through events.k8s.io/v1. */
export function validateEventsV1(
  obj: KubeObject,
  old: KubeObject | undefined,
  _ctx: StrategyContext,
): StatusCause[] {
  const causes: StatusCause[] = [];
  const involvedNamespace = text(get(obj, 'regarding', 'namespace'));
  if (involvedNamespace && obj.metadata.namespace && involvedNamespace !== obj.metadata.namespace) {
    causes.push(
      invalidRendered(
        'involvedObject.namespace',
        JSON.stringify(involvedNamespace),
        'does not match event.namespace',
      ),
    );
  }
  if (obj.type !== 'Normal' && obj.type !== 'Warning') {
    causes.push(invalidRendered('type', '""', `has invalid value: ${text(obj.type)}`));
  }
  if (old) return causes;
  const controller = text(obj.reportingController);
  if (!controller) causes.push(required('reportingController'));
  else
    for (const msg of isQualifiedName(controller))
      causes.push(invalidRendered('reportingController', JSON.stringify(controller), msg));
  const instance = text(obj.reportingInstance);
  if (!instance) causes.push(required('reportingInstance'));
  causes.push(...maxLength('reportingInstance', instance, 128));
  if (!text(obj.action)) causes.push(required('action'));
  causes.push(...maxLength('action', text(obj.action), 128));
  if (!text(obj.reason)) causes.push(required('reason'));
  causes.push(...maxLength('reason', text(obj.reason), 128));
  causes.push(...maxLength('note', text(obj.note), 1024));
  if (!obj.eventTime) causes.push(required('eventTime'));
  for (const key of ['deprecatedFirstTimestamp', 'deprecatedLastTimestamp', 'deprecatedCount']) {
    if (obj[key] !== undefined && obj[key] !== null && obj[key] !== 0)
      causes.push(invalidRendered(key, '""', 'needs to be unset'));
  }
  const source = obj.deprecatedSource;
  if (isObj(source) && (text(source.component) || text(source.host))) {
    causes.push(invalidRendered('deprecatedSource', '""', 'needs to be unset'));
  }
  return causes;
}

/**
 * Field selectors are evaluated on stored objects, which have the core/v1 shape; reading both names keeps
 * the getters right whichever shape they are given.
 */
const regarding = (field: string) => (o: KubeObject) =>
  text(get(o, 'regarding', field) ?? get(o, 'involvedObject', field));

/** events.k8s.io/v1 events. */
export const eventsV1: ResourceDescriptor = {
  group: 'events.k8s.io',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  schemaId: 'io.k8s.api.events.v1.Event',
  strategicMerge: true,
  storageKey: '/events',
  storageVersion: false,
  toStorage: eventsV1ToCore,
  fromStorage: coreToEventsV1,
  fieldSelectors: {
    'regarding.kind': regarding('kind'),
    'regarding.namespace': regarding('namespace'),
    'regarding.name': regarding('name'),
    'regarding.uid': regarding('uid'),
    'regarding.apiVersion': regarding('apiVersion'),
    'regarding.resourceVersion': regarding('resourceVersion'),
    'regarding.fieldPath': regarding('fieldPath'),
    reason: (o) => text(o.reason),
    reportingController: (o) => text(o.reportingController ?? o.reportingComponent),
    type: (o) => text(o.type),
  },
  validate: validateEventsV1,
  table: {
    // The apiserver prints both versions with the core printer, so the columns are the same.
    columns: coreEvents.table?.columns ?? [],
    cells: (obj, now) => eventCells(eventsV1ToCore(obj), now),
  },
};
