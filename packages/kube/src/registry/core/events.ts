/**
 * @module registry/core/events
 * core/v1 Event: the involvedObject/reason/source/type field selectors `kubectl describe` relies on,
 * namespace consistency, and the events printer (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, ...).
 */
import { ageOf, fieldErrors, type KubeObject, type StatusCause } from '@sphere/shared';
import type { ResourceDescriptor } from '../types';
import { isObj, str, type Obj } from '../validation';
import { column } from './support';

function involved(o: KubeObject): Obj {
  return isObj(o.involvedObject) ? o.involvedObject : {};
}

function sourceOf(o: KubeObject): Obj {
  return isObj(o.source) ? o.source : {};
}

function validateEvent(obj: KubeObject): StatusCause[] {
  const causes: StatusCause[] = [];
  const ns = str(involved(obj).namespace);
  if (ns && obj.metadata.namespace && ns !== obj.metadata.namespace) {
    causes.push(fieldErrors.invalid('involvedObject.namespace', ns, 'does not match event.namespace'));
  }
  if (obj.type !== undefined && !['Normal', 'Warning'].includes(str(obj.type))) {
    causes.push(fieldErrors.notSupported('type', obj.type, ['Normal', 'Warning']));
  }
  return causes;
}

/** The SOURCE cell: `component, host` (reporting controller and instance as fallbacks). */
export function eventSource(o: KubeObject): string {
  const component = str(sourceOf(o).component) || str(o.reportingComponent);
  const instance = str(sourceOf(o).host) || str(o.reportingInstance);
  return instance ? `${component}, ${instance}` : component;
}

/** Cells of the events printer. */
export function eventCells(o: KubeObject, now: Date): (string | number)[] {
  const first = ageOf(str(o.firstTimestamp) || str(o.eventTime), now);
  let last = str(o.lastTimestamp) ? ageOf(str(o.lastTimestamp), now) : first;
  let count = typeof o.count === 'number' ? o.count : 0;
  if (isObj(o.series)) {
    last = ageOf(str(o.series.lastObservedTime), now);
    count = typeof o.series.count === 'number' ? o.series.count : 0;
  } else if (count === 0) {
    count = 1;
  }
  const inv = involved(o);
  const kind = str(inv.kind).toLowerCase();
  const target = str(inv.name) ? `${kind}/${str(inv.name)}` : kind;
  return [
    last,
    str(o.type),
    str(o.reason),
    target,
    str(inv.fieldPath),
    eventSource(o),
    str(o.message).trim(),
    first,
    count,
    o.metadata.name ?? '',
  ];
}

/** core/v1 events. */
export const events: ResourceDescriptor = {
  group: '',
  version: 'v1',
  kind: 'Event',
  plural: 'events',
  singular: 'event',
  namespaced: true,
  shortNames: ['ev'],
  schemaId: 'io.k8s.api.core.v1.Event',
  strategicMerge: true,
  fieldSelectors: {
    'involvedObject.kind': (o) => str(involved(o).kind),
    'involvedObject.namespace': (o) => str(involved(o).namespace),
    'involvedObject.name': (o) => str(involved(o).name),
    'involvedObject.uid': (o) => str(involved(o).uid),
    'involvedObject.apiVersion': (o) => str(involved(o).apiVersion),
    'involvedObject.resourceVersion': (o) => str(involved(o).resourceVersion),
    'involvedObject.fieldPath': (o) => str(involved(o).fieldPath),
    reason: (o) => str(o.reason),
    reportingComponent: (o) => str(o.reportingComponent),
    source: (o) => str(sourceOf(o).component) || str(o.reportingComponent),
    type: (o) => str(o.type),
  },
  validate: (obj) => validateEvent(obj),
  table: {
    columns: [
      column('Last Seen', 'string', 'Time since the event was last observed.'),
      column('Type', 'string', 'Normal or Warning.'),
      column('Reason', 'string', 'Short machine-readable reason.'),
      column('Object', 'string', 'The object the event is about.'),
      column('Subobject', 'string', 'The part of the object (e.g. a container).', 1),
      column('Source', 'string', 'The component that reported the event.', 1),
      column('Message', 'string', 'Human-readable description.'),
      column('First Seen', 'string', 'Time since the event was first observed.', 1),
      column('Count', 'integer', 'How many times the event occurred.', 1),
      { name: 'Name', type: 'string', format: 'name', priority: 1, description: 'Name of the event object.' },
    ],
    cells: eventCells,
  },
};
