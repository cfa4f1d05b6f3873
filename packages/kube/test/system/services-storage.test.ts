import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';
import { systemControllers } from '../../src/controllers/system';

/** Polls `fn` until it returns a truthy value (the controllers act asynchronously). */
async function until<T>(fn: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Endpoints and volumes through kubectl and the node simulator', () => {
  let t: TestCluster;
  const json = async (args: string[]) => JSON.parse(await t.k([...args, '-o', 'json']));
  beforeAll(async () => {
    t = await startTestCluster({ controllers: systemControllers, nodes: 1, simulation: 'fast' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('fills Endpoints and an EndpointSlice from ready pods, resolving named target ports', async () => {
    await t.k(['apply', '-f', '-'], {
      input: `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: web}]
---
apiVersion: v1
kind: Pod
metadata: {name: web-1, labels: {app: web}}
spec:
  containers: [{name: nginx, image: nginx, ports: [{name: web, containerPort: 8080}]}]
`,
    });
    await t.k(['wait', '--for=condition=ready', 'pod/web-1', '--timeout=20s']);
    const pod = await json(['get', 'pod', 'web-1']);
    const ep = await until(async () => {
      const e = await json(['get', 'endpoints', 'web']);
      return e.subsets?.[0]?.addresses ? e : undefined;
    });
    expect(ep.subsets[0].addresses[0]).toMatchObject({
      ip: pod.status.podIP,
      targetRef: { kind: 'Pod', name: 'web-1' },
    });
    expect(ep.subsets[0].ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    const slices = (await json(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web'])).items;
    expect(slices).toHaveLength(1);
    expect(slices[0].metadata.labels['endpointslice.kubernetes.io/managed-by']).toBe(
      'endpointslice-controller.k8s.io',
    );
    expect(slices[0].endpoints[0].conditions).toEqual({ ready: true, serving: true, terminating: false });
    expect(await t.k(['get', 'endpoints', 'web'])).toContain(`${pod.status.podIP}:8080`);
    expect(await t.k(['describe', 'svc', 'web'])).toMatch(
      new RegExp(`Endpoints:\\s+${pod.status.podIP.replace(/\./g, '\\.')}:8080`),
    );
  });

  it('provisions an Immediate claim, binds both sides, expands it, and deletes the volume with the claim', async () => {
    await t.k(['apply', '-f', '-'], {
      input: `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  storageClassName: csi-qingcloud
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 2Gi}}
`,
    });
    await t.k(['wait', '--for=jsonpath={.status.phase}=Bound', 'pvc/data', '--timeout=20s']);
    const pvc = await json(['get', 'pvc', 'data']);
    const pvName = `pvc-${pvc.metadata.uid}`;
    expect(pvc.spec.volumeName).toBe(pvName);
    expect(pvc.status.capacity.storage).toBe('2Gi');
    expect(pvc.metadata.annotations['pv.kubernetes.io/bind-completed']).toBe('yes');
    expect(pvc.metadata.finalizers).toContain('kubernetes.io/pvc-protection');
    const pv = await json(['get', 'pv', pvName]);
    expect(pv.spec).toMatchObject({
      storageClassName: 'csi-qingcloud',
      claimRef: { name: 'data', uid: pvc.metadata.uid },
    });
    expect(pv.metadata.annotations['pv.kubernetes.io/provisioned-by']).toBeTruthy();
    await until(async () => (await json(['get', 'pv', pvName])).status.phase === 'Bound');

    await t.k(['patch', 'pvc', 'data', '-p', '{"spec":{"resources":{"requests":{"storage":"3Gi"}}}}']);
    await t.k(['wait', '--for=jsonpath={.status.capacity.storage}=3Gi', 'pvc/data', '--timeout=20s']);

    await t.k(['delete', 'pvc', 'data', '--timeout=20s']);
    await until(async () => (await t.kubectl(['get', 'pv', pvName])).code !== 0);
  });

  it('waits for the first consumer under WaitForFirstConsumer and pins the volume to its node', async () => {
    await t.k(['apply', '-f', '-'], {
      input: `apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: local-data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
`,
    });
    await until(async () => {
      const out = await t.k(['get', 'events', '--field-selector', 'involvedObject.name=local-data']);
      return out.includes('WaitForFirstConsumer');
    });
    expect((await json(['get', 'pvc', 'local-data'])).status.phase).toBe('Pending');
    await t.k(['apply', '-f', '-'], {
      input: `apiVersion: v1
kind: Pod
metadata: {name: user}
spec:
  containers: [{name: c, image: busybox}]
  volumes: [{name: d, persistentVolumeClaim: {claimName: local-data}}]
`,
    });
    await t.k(['wait', '--for=jsonpath={.status.phase}=Bound', 'pvc/local-data', '--timeout=20s']);
    const pod = await json(['get', 'pod', 'user']);
    const pvc = await json(['get', 'pvc', 'local-data']);
    expect(pvc.metadata.annotations['volume.kubernetes.io/selected-node']).toBe(pod.spec.nodeName);
    const pv = await json(['get', 'pv', pvc.spec.volumeName]);
    expect(JSON.stringify(pv.spec.nodeAffinity)).toContain(pod.spec.nodeName);
    // In use: the claim stays (Terminating) until its pod is gone.
    await t.k(['delete', 'pvc', 'local-data', '--wait=false']);
    expect((await json(['get', 'pvc', 'local-data'])).metadata.deletionTimestamp).toBeTruthy();
    await t.k(['delete', 'pod', 'user', '--grace-period=0', '--force']);
    await until(async () => (await t.kubectl(['get', 'pvc', 'local-data'])).code !== 0);
  });

  it('ResourceQuota status reports hard and used', async () => {
    await t.k(['create', 'namespace', 'quota-ns']);
    await t.k(['create', 'configmap', 'a', '-n', 'quota-ns', '--from-literal=k=v']);
    await t.k([
      'create',
      'quota',
      'q',
      '-n',
      'quota-ns',
      '--hard=configmaps=5,pods=10,count/deployments.apps=2',
    ]);
    const configmaps = (await json(['get', 'configmaps', '-n', 'quota-ns'])).items.length;
    const quota = await until(async () => {
      const o = await json(['get', 'quota', 'q', '-n', 'quota-ns']);
      return o.status?.used?.configmaps === String(configmaps) ? o : undefined;
    });
    expect(quota.status.hard).toEqual({ configmaps: '5', pods: '10', 'count/deployments.apps': '2' });
    expect(quota.status.used.pods).toBe('0');
    expect(quota.status.used['count/deployments.apps']).toBe('0');
    const before = Number(quota.status.used.configmaps);
    await t.k(['create', 'configmap', 'b', '-n', 'quota-ns', '--from-literal=k=v']);
    await until(
      async () =>
        (await json(['get', 'quota', 'q', '-n', 'quota-ns'])).status.used.configmaps === String(before + 1),
    );
    expect(await t.k(['describe', 'quota', 'q', '-n', 'quota-ns'])).toMatch(/configmaps\s+\d\s+5/);
  });
});
