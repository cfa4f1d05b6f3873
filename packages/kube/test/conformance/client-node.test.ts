import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';

let t: TestCluster;
let kc: k8s.KubeConfig;
beforeAll(async () => {
  t = await startTestCluster({ compaction: { minRetainedEvents: 5, maxAgeMs: 0 } });
  kc = new k8s.KubeConfig();
  kc.loadFromFile(t.cluster.kubeconfigPath);
});
afterAll(async () => t?.stop());

function until(pred: () => boolean, ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const tick = () =>
      pred() ? resolve() : Date.now() - start > ms ? reject(new Error('timed out')) : setTimeout(tick, 20);
    tick();
  });
}

describe('@kubernetes/client-node 1.4.0', () => {
  it('creates, reads and patches through the typed API', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    await core.createNamespacedConfigMap({
      namespace: 'default',
      body: { metadata: { name: 'typed' }, data: { a: '1' } },
    });
    const cm = await core.readNamespacedConfigMap({ namespace: 'default', name: 'typed' });
    expect(cm.data).toEqual({ a: '1' });
    await core.patchNamespacedConfigMap(
      { namespace: 'default', name: 'typed', body: [{ op: 'add', path: '/data/b', value: '2' }] },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.JsonPatch),
    );
    expect((await core.readNamespacedConfigMap({ namespace: 'default', name: 'typed' })).data).toEqual({
      a: '1',
      b: '2',
    });
    await expect(
      core.readNamespacedConfigMap({ namespace: 'default', name: 'missing' }),
    ).rejects.toMatchObject({ code: 404 });
  });

  it('keeps an informer cache in step with list and watch', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const informer = k8s.makeInformer(kc, '/api/v1/namespaces/default/configmaps', () =>
      core.listNamespacedConfigMap({ namespace: 'default' }),
    );
    const added: string[] = [];
    const deleted: string[] = [];
    informer.on('add', (o) => added.push(o.metadata!.name!));
    informer.on('delete', (o) => deleted.push(o.metadata!.name!));
    await informer.start();
    try {
      await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'inf-1' } } });
      await until(() => added.includes('inf-1'));
      await core.deleteNamespacedConfigMap({ namespace: 'default', name: 'inf-1' });
      await until(() => deleted.includes('inf-1'));
      expect(informer.list().map((o) => o.metadata!.name)).not.toContain('inf-1');
    } finally {
      await informer.stop();
    }
  });

  it('relists after a 410 on a compacted resourceVersion', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    for (let i = 0; i < 10; i++)
      await core.createNamespacedConfigMap({
        namespace: 'default',
        body: { metadata: { name: `churn-${i}` } },
      });
    t.cluster.store.compact();
    const watch = new k8s.Watch(kc);
    const types: string[] = [];
    let done: (err?: unknown) => void = () => {};
    const finished = new Promise((resolve) => (done = resolve));
    await watch.watch(
      '/api/v1/namespaces/default/configmaps',
      { resourceVersion: '1' },
      (type, obj) => types.push(`${type}:${obj?.code ?? ''}`),
      done,
    );
    await finished;
    expect(types).toContain('ERROR:410');
  });
});
