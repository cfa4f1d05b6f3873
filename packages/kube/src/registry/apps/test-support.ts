/**
 * @module registry/apps/test-support
 * Fixtures shared by the descriptor tests of this folder and its siblings.
 */
import type { KubeObject, StatusCause } from '@sphere/shared';
import type { ResourceDescriptor, StrategyContext } from '../types';

/** A fixed clock for Age cells. */
export const now = new Date('2026-01-01T12:00:00Z');

/** A strategy context for create/update of the main resource (or a subresource). */
export function ctxFor(operation: 'create' | 'update' = 'create', subresource = ''): StrategyContext {
  return { now, operation, subresource };
}

/** `field: message` lines, the way kubectl prints causes. */
export function messages(causes: StatusCause[]): string[] {
  return causes.map((c) => `${c.field}: ${c.message}`);
}

/** Runs prepareForCreate + defaults + validate as the pipeline does on create, returning the causes. */
export function createThrough(d: ResourceDescriptor, obj: KubeObject): StatusCause[] {
  d.prepareForCreate?.(obj, ctxFor('create'));
  d.defaults?.(obj, ctxFor('create'));
  return d.validate?.(obj, undefined, ctxFor('create')) ?? [];
}

/** Runs defaults + validate as an update of `old` to `obj`. */
export function updateThrough(d: ResourceDescriptor, obj: KubeObject, old: KubeObject): StatusCause[] {
  d.defaults?.(obj, ctxFor('update'));
  return d.validate?.(obj, old, ctxFor('update')) ?? [];
}

/** A copy of a JSON value. */
export function copy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** A minimal valid pod template labelled `app: <app>`. */
export function podTemplate(app: string, restartPolicy?: string): Record<string, unknown> {
  return {
    metadata: { labels: { app } },
    spec: { containers: [{ name: 'c', image: 'nginx:1.27' }], ...(restartPolicy ? { restartPolicy } : {}) },
  };
}
