import { describe, expect, it } from 'vitest';
import type { KubeObject } from '@sphere/shared';
import type { Store } from '../../storage/types';
import type { AdmissionRequest } from '../../pipeline/deps';
import type { ResourceDescriptor } from '../../registry/types';
import { resourceQuotaAdmission } from './resource-quota';

/** A store holding just what the plugin lists (quotas and the counted objects). */
function fakeStore(objects: Record<string, KubeObject[]>): Store {
  return {
    list: (key: string, opts?: { namespace?: string }) => ({
      items: (objects[key] ?? []).filter((o) => !opts?.namespace || o.metadata.namespace === opts.namespace),
      resourceVersion: '1',
    }),
  } as unknown as Store;
}

const quota = (hard: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'q', namespace: 'ns' },
  spec: { hard },
});
const pod = (name: string, cpu?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'ns' },
  spec: { containers: [{ name: 'c', ...(cpu ? { resources: { requests: { cpu } } } : {}) }] },
  status: { phase: 'Running' },
});
const podsDescriptor = { group: '', plural: 'pods', namespaced: true } as ResourceDescriptor;

function admit(store: Store, object: KubeObject, descriptor = podsDescriptor) {
  const request = {
    operation: 'create',
    descriptor,
    subresource: '',
    object,
    user: { username: 'u', groups: [] },
    dryRun: false,
  } as unknown as AdmissionRequest;
  return () => resourceQuotaAdmission(store).admit(request);
}

describe('ResourceQuota admission', () => {
  it.each([
    { name: 'under the limit', hard: { pods: '3' }, existing: 2, error: undefined },
    {
      name: 'at the limit',
      hard: { pods: '2' },
      existing: 2,
      error: 'pods "new" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2',
    },
    {
      name: 'cpu requests past the limit',
      hard: { 'requests.cpu': '1' },
      existing: 2,
      error:
        'pods "new" is forbidden: exceeded quota: q, requested: requests.cpu=500m, used: requests.cpu=1, limited: requests.cpu=1',
    },
  ])('$name', ({ hard, existing, error }) => {
    const pods = Array.from({ length: existing }, (_, i) => pod(`p${i}`, '500m'));
    const run = admit(
      fakeStore({ '/resourcequotas': [quota(hard as unknown as Record<string, string>)], '/pods': pods }),
      pod('new', '500m'),
    );
    if (error) expect(run).toThrow(error);
    else expect(run).not.toThrow();
  });

  it('rejects with 403', () => {
    try {
      admit(fakeStore({ '/resourcequotas': [quota({ pods: '0' })] }), pod('new'))();
      expect.unreachable();
    } catch (err) {
      expect((err as { code: number }).code).toBe(403);
    }
  });

  it('requires requests for compute resources the quota limits', () => {
    const run = admit(fakeStore({ '/resourcequotas': [quota({ 'requests.cpu': '2' })] }), pod('new'));
    expect(run).toThrow('pods "new" is forbidden: failed quota: q: must specify requests.cpu for: c');
  });

  it('counts grouped resources', () => {
    const deployments = { group: 'apps', plural: 'deployments', namespaced: true } as ResourceDescriptor;
    const d = (name: string): KubeObject => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'ns' },
    });
    const run = admit(
      fakeStore({
        '/resourcequotas': [quota({ 'count/deployments.apps': '1' })],
        'apps/deployments': [d('a')],
      }),
      d('b'),
      deployments,
    );
    expect(run).toThrow(
      'deployments.apps "b" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
  });
});
