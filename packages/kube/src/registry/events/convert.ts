/**
 * @module registry/events/convert
 * events.k8s.io/v1 and core/v1 Events are two shapes of one stored object (core/v1 is stored). The new API
 * renamed fields and marked the old bookkeeping as deprecated; these functions map one onto the other.
 */
import type { KubeObject } from '@sphere/shared';
import { cloneJson } from '../apps/support';

/** events.k8s.io/v1 field → core/v1 field (fields with the same name in both are copied as they are). */
const renamed: [string, string][] = [
  ['regarding', 'involvedObject'],
  ['note', 'message'],
  ['reportingController', 'reportingComponent'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
];

function rename(obj: KubeObject, pairs: [string, string][]): KubeObject {
  const out = cloneJson(obj);
  const fields = out as Record<string, unknown>;
  for (const [from, to] of pairs) {
    const value = fields[from];
    delete fields[from];
    if (value !== undefined) fields[to] = value;
  }
  return out;
}

/** events.k8s.io/v1 → core/v1. */
export function eventsV1ToCore(obj: KubeObject): KubeObject {
  const out = rename(obj, renamed);
  out.apiVersion = 'v1';
  out.kind = 'Event';
  return out;
}

/** core/v1 → events.k8s.io/v1. */
export function coreToEventsV1(obj: KubeObject): KubeObject {
  const out = rename(
    obj,
    renamed.map(([a, b]) => [b, a]),
  );
  out.apiVersion = 'events.k8s.io/v1';
  out.kind = 'Event';
  return out;
}
