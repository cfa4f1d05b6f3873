/**
 * @module patch/ssa-test-helpers
 * Builders shared by the server-side apply and managedFields tests (test support only).
 */
import { StatusError, type KubeObject } from '@sphere/shared';
import { serverSideApply, type ServerSideApplyArgs } from './server-side-apply';
import { updateManagedFields } from './managed-fields';
import { configMapSchema, deploymentSchema, fixtureRegistry } from './test-fixtures';

export const t = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, n, 500));
export const iso = (n: number) => `2026-01-01T00:00:${String(n).padStart(2, '0')}Z`;

export const cm = (data: Record<string, string>, labels?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'cm', namespace: 'default', ...(labels ? { labels } : {}) },
  data,
});

export const applyCm = (
  live: KubeObject | undefined,
  applied: KubeObject,
  manager = 'kubectl',
  now = 1,
  force = false,
) =>
  serverSideApply({
    live,
    applied,
    manager,
    force,
    schema: configMapSchema,
    registry: fixtureRegistry,
    now: t(now),
    apiVersion: 'v1',
  });

export const deployment = (replicas: number, image = 'nginx:1'): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'd' } },
    template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image }] } },
  },
});

export const applyDeploy = (args: Partial<ServerSideApplyArgs> & Pick<ServerSideApplyArgs, 'applied'>) =>
  serverSideApply({
    manager: 'kubectl',
    force: false,
    schema: deploymentSchema,
    registry: fixtureRegistry,
    now: t(9),
    apiVersion: 'apps/v1',
    ...args,
  });

export const caught = (fn: () => unknown): StatusError => {
  try {
    fn();
  } catch (err) {
    if (err instanceof StatusError) return err;
    throw err;
  }
  throw new Error('expected a StatusError');
};

/** What a stored object looks like after a plain create (POST) by `manager`. */
export function created(obj: KubeObject, manager: string, now = 0, apiVersion = 'apps/v1'): KubeObject {
  const managedFields = updateManagedFields({
    updated: obj,
    manager,
    now: t(now),
    apiVersion,
    schema: obj.kind === 'ConfigMap' ? configMapSchema : deploymentSchema,
    registry: fixtureRegistry,
  });
  return { ...structuredClone(obj), metadata: { ...structuredClone(obj.metadata), managedFields } };
}
