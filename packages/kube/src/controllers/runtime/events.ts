/**
 * @module controllers/runtime/events
 * Records core/v1 Events the way client-go's recorder does: one Event per (object, reason, message,
 * source), its `count` and `lastTimestamp` bumped when it repeats.
 */
import type { KubeObject } from '@sphere/shared';
import { resources, type KubeClient } from '../../client/in-process';
import type { Clock } from './clock';

export interface EventRecorder {
  /** `type` is Normal or Warning; `reason` is UpperCamelCase (Scheduled, Pulling, SuccessfulCreate...). */
  record(
    obj: KubeObject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    fieldPath?: string,
  ): void;
}

function timestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function createEventRecorder(
  client: KubeClient,
  component: string,
  clock: Clock,
  host?: string,
): EventRecorder {
  const seen = new Map<string, { name: string; namespace: string; count: number }>();
  return {
    record(obj, type, reason, message, fieldPath) {
      const namespace = obj.metadata.namespace || 'default';
      const key = `${obj.metadata.uid}/${reason}/${message}/${fieldPath ?? ''}`;
      const now = timestamp(clock.now());
      const prior = seen.get(key);
      const write = async () => {
        if (prior) {
          prior.count++;
          await client.patch(resources.events, prior.namespace, prior.name, 'merge', {
            count: prior.count,
            lastTimestamp: now,
          });
          return;
        }
        const name = `${obj.metadata.name}.${clock.now().getTime().toString(16)}${Math.floor(Math.random() * 0xfff).toString(16)}`;
        seen.set(key, { name, namespace, count: 1 });
        if (seen.size > 10_000) seen.delete(seen.keys().next().value as string);
        await client.create(resources.events, {
          apiVersion: 'v1',
          kind: 'Event',
          metadata: { name, namespace },
          involvedObject: {
            kind: obj.kind,
            namespace: obj.metadata.namespace,
            name: obj.metadata.name,
            uid: obj.metadata.uid,
            apiVersion: obj.apiVersion,
            resourceVersion: obj.metadata.resourceVersion,
            ...(fieldPath ? { fieldPath } : {}),
          },
          reason,
          message,
          source: { component, ...(host ? { host } : {}) },
          firstTimestamp: now,
          lastTimestamp: now,
          count: 1,
          type,
          reportingComponent: component,
          reportingInstance: host ?? '',
        });
      };
      // Events are best effort: a failure to record never fails the controller.
      write().catch(() => seen.delete(key));
    },
  };
}
