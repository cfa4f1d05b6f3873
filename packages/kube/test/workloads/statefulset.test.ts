import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';
import { workloadControllers } from '../../src/controllers/workloads';
import { eventually, startFakeKubelet, type FakeKubelet } from './fake-kubelet';

const manifest = `apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector: {app: nginx}
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  selector:
    matchLabels: {app: nginx}
  template:
    metadata:
      labels: {app: nginx}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
`;

interface PodView {
  metadata: { name: string; labels: Record<string, string> };
  spec: {
    containers: { image: string }[];
    hostname?: string;
    subdomain?: string;
    volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[];
  };
}

describe('StatefulSet (the seed flows, through kubectl)', () => {
  let t: TestCluster;
  let kubelet: FakeKubelet;
  const pods = async (): Promise<PodView[]> =>
    JSON.parse(await t.k(['get', 'pods', '-l', 'app=nginx', '-o', 'json'])).items;
  const podNames = async () => (await pods()).map((p) => p.metadata.name).sort();
  const images = async () =>
    Object.fromEntries((await pods()).map((p) => [p.metadata.name, p.spec.containers[0].image]));
  const sts = async () => JSON.parse(await t.k(['get', 'sts', 'web', '-o', 'json']));

  beforeAll(async () => {
    t = await startTestCluster({ controllers: workloadControllers, nodes: 0 });
    kubelet = startFakeKubelet(t.cluster, { auto: false });
  });
  afterAll(async () => {
    kubelet.stop();
    await t.stop();
  });

  it('brings pods up in order, each with its claim, stable name and identity', async () => {
    await t.k(['apply', '-f', '-'], { input: manifest });
    for (const [i, expected] of [['web-0'], ['web-0', 'web-1'], ['web-0', 'web-1', 'web-2']].entries()) {
      await eventually(async () => (await podNames()).join() === expected.join());
      // OrderedReady: the next ordinal waits until this one is Running and Ready.
      await new Promise((r) => setTimeout(r, 150));
      expect(await podNames()).toEqual(expected);
      await kubelet.makeReady('default', `web-${i}`);
    }
    kubelet.auto = true;
    const out = await t.k(['rollout', 'status', 'sts/web', '--timeout=20s']);
    expect(out).toContain('partitioned roll out complete: 3 new pods have been updated...');
    const claims = (await t.k(['get', 'pvc', '-o', 'name'])).trim().split('\n').sort();
    expect(claims).toEqual([
      'persistentvolumeclaim/www-web-0',
      'persistentvolumeclaim/www-web-1',
      'persistentvolumeclaim/www-web-2',
    ]);
    const web1 = (await pods()).find((p) => p.metadata.name === 'web-1')!;
    expect(web1.spec.hostname).toBe('web-1');
    expect(web1.spec.subdomain).toBe('nginx');
    expect(web1.spec.volumes).toContainEqual({
      name: 'www',
      persistentVolumeClaim: { claimName: 'www-web-1' },
    });
    const s = await sts();
    expect(web1.metadata.labels).toMatchObject({
      'statefulset.kubernetes.io/pod-name': 'web-1',
      'apps.kubernetes.io/pod-index': '1',
      'controller-revision-hash': s.status.updateRevision,
    });
    expect(s.status).toMatchObject({
      replicas: 3,
      readyReplicas: 3,
      currentReplicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
    });
    expect(s.status.currentRevision).toBe(s.status.updateRevision);
    const events = JSON.parse(
      await t.k(['get', 'events', '--field-selector', 'involvedObject.kind=StatefulSet', '-o', 'json']),
    ).items;
    expect(events.map((e: { message: string }) => e.message)).toEqual(
      expect.arrayContaining([
        'create Pod web-0 in StatefulSet web successful',
        'create Claim www-web-0 Pod web-0 in StatefulSet web success',
      ]),
    );
  });

  it('with a partition updates only ordinals at or above it', async () => {
    await t.k(['patch', 'sts', 'web', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}}}']);
    await t.k(['set', 'image', 'sts/web', 'nginx=nginx:1.26']);
    const out = await t.k(['rollout', 'status', 'sts/web', '--timeout=20s']);
    expect(out).toContain('partitioned roll out complete: 1 new pods have been updated...');
    expect(await images()).toEqual({ 'web-0': 'nginx:1.25', 'web-1': 'nginx:1.25', 'web-2': 'nginx:1.26' });
    const s = await sts();
    expect(s.status.currentRevision).not.toBe(s.status.updateRevision);
    expect(s.status).toMatchObject({ currentReplicas: 2, updatedReplicas: 1 });
    await t.k(['patch', 'sts', 'web', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}']);
    await t.k(['rollout', 'status', 'sts/web', '--timeout=20s']);
    await eventually(async () => Object.values(await images()).every((i) => i === 'nginx:1.26'));
    await eventually(
      async () => (await sts()).status.currentRevision === (await sts()).status.updateRevision,
    );
  });

  it('keeps history and undoes to the previous template', async () => {
    const history = await t.k(['rollout', 'history', 'sts/web']);
    expect(history).toMatch(/1\s+<none>/);
    expect(history).toMatch(/2\s+<none>/);
    await t.k(['rollout', 'undo', 'sts/web']);
    await eventually(async () => (await sts()).spec.template.spec.containers[0].image === 'nginx:1.25');
    await t.k(['rollout', 'status', 'sts/web', '--timeout=20s']);
    await eventually(async () => Object.values(await images()).every((i) => i === 'nginx:1.25'));
    const revisions = JSON.parse(await t.k(['get', 'controllerrevisions', '-o', 'json'])).items;
    // Returning to the first template renumbers its revision instead of storing it twice.
    expect(revisions.map((r: { revision: number }) => r.revision).sort()).toEqual([2, 3]);
  });

  it('restarts every pod through kubectl rollout restart', async () => {
    const before = (await pods()).map((p) => p.metadata.labels['controller-revision-hash']);
    await t.k(['rollout', 'restart', 'sts/web']);
    await t.k(['rollout', 'status', 'sts/web', '--timeout=20s']);
    const s = await sts();
    await eventually(async () =>
      (await pods()).every((p) => p.metadata.labels['controller-revision-hash'] === s.status.updateRevision),
    );
    expect(before).not.toContain(s.status.updateRevision);
    const restarts = JSON.parse(
      await t.k([
        'get',
        'events',
        '--field-selector',
        'involvedObject.kind=StatefulSet,reason=SuccessfulDelete',
        '-o',
        'json',
      ]),
    ).items.map((e: { message: string }) => e.message);
    expect(restarts).toEqual(
      expect.arrayContaining([
        'delete Pod web-2 in StatefulSet web successful',
        'delete Pod web-0 in StatefulSet web successful',
      ]),
    );
  });

  it('with OnDelete changes a pod only when it is deleted', async () => {
    await t.k([
      'patch',
      'sts',
      'web',
      '-p',
      '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}',
    ]);
    await t.k(['set', 'image', 'sts/web', 'nginx=nginx:1.27']);
    await eventually(
      async () => (await sts()).status.observedGeneration === (await sts()).metadata.generation,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(Object.values(await images())).toEqual(['nginx:1.25', 'nginx:1.25', 'nginx:1.25']);
    await t.k(['delete', 'pod', 'web-1']);
    await eventually(async () => (await images())['web-1'] === 'nginx:1.27');
    expect(await images()).toEqual({ 'web-0': 'nginx:1.25', 'web-1': 'nginx:1.27', 'web-2': 'nginx:1.25' });
  });

  it('scales down from the highest ordinal, one at a time, and keeps the claims', async () => {
    kubelet.holdDeletes = true;
    const terminating = async () =>
      JSON.parse(await t.k(['get', 'pods', '-l', 'app=nginx', '-o', 'json']))
        .items.filter((p: { metadata: { deletionTimestamp?: string } }) => p.metadata.deletionTimestamp)
        .map((p: { metadata: { name: string } }) => p.metadata.name);
    await t.k(['scale', 'sts/web', '--replicas=1']);
    await eventually(async () => (await terminating()).join() === 'web-2');
    await new Promise((r) => setTimeout(r, 200));
    expect(await terminating()).toEqual(['web-2']);
    await kubelet.finishDelete('default', 'web-2');
    await eventually(async () => (await terminating()).join() === 'web-1');
    kubelet.holdDeletes = false;
    await kubelet.finishDelete('default', 'web-1');
    await eventually(async () => (await podNames()).join() === 'web-0');
    const claims = (await t.k(['get', 'pvc', '-o', 'name'])).trim().split('\n');
    expect(claims).toHaveLength(3);
    await eventually(async () => (await sts()).status.replicas === 1);
  });
});
