import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';
import { eventually } from './fake-kubelet';

const statefulSet = `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector: {app: db}
  ports:
  - port: 3306
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: mysql
        image: mysql:8
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: [ReadWriteOnce]
      resources:
        requests:
          storage: 1Gi
`;

// The whole embedded cluster: every controller, the scheduler and simulated nodes (fast timings).
describe('workloads on the full embedded cluster', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({ simulation: 'fast' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('runs a StatefulSet with claims on simulated nodes', async () => {
    await t.k(['apply', '-f', '-'], { input: statefulSet });
    const out = await t.k(['rollout', 'status', 'sts/db', '--timeout=30s']);
    expect(out).toContain('partitioned roll out complete: 2 new pods have been updated...');
    expect((await t.k(['get', 'pvc', '-o', 'name'])).trim().split('\n').sort()).toEqual([
      'persistentvolumeclaim/data-db-0',
      'persistentvolumeclaim/data-db-1',
    ]);
  });

  it('runs a DaemonSet on every simulated node', async () => {
    await t.k(['create', '-f', '-'], {
      input: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers: [{name: agent, image: agent:1}]
`,
    });
    await t.k(['rollout', 'status', 'ds/agent', '--timeout=30s']);
    const nodes = (await t.k(['get', 'nodes', '-o', 'name'])).trim().split('\n').length;
    const pods = JSON.parse(await t.k(['get', 'pods', '-l', 'app=agent', '-o', 'json'])).items;
    expect(new Set(pods.map((p: { spec: { nodeName: string } }) => p.spec.nodeName)).size).toBe(nodes);
  });

  it('deleting a Deployment removes its ReplicaSets and pods', async () => {
    await t.k(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
    await t.k(['rollout', 'status', 'deployment/web', '--timeout=30s']);
    await t.k(['delete', 'deployment', 'web']);
    await eventually(
      async () => (await t.k(['get', 'rs,pods', '-l', 'app=web', '-o', 'name'])).trim() === '',
      20_000,
    );
  });

  it('deletes claims on scale-down and with the set when the retention policy says Delete', async () => {
    const manifest = statefulSet
      .replaceAll('db', 'cache')
      .replace(
        '  replicas: 2\n',
        '  replicas: 2\n  persistentVolumeClaimRetentionPolicy: {whenScaled: Delete, whenDeleted: Delete}\n',
      );
    await t.k(['apply', '-f', '-'], { input: manifest });
    await t.k(['rollout', 'status', 'sts/cache', '--timeout=30s']);
    const claims = async () => (await t.k(['get', 'pvc', '-l', 'app=cache', '-o', 'name'])).trim();
    expect(await claims()).toBe('persistentvolumeclaim/data-cache-0\npersistentvolumeclaim/data-cache-1');
    const owner = JSON.parse(await t.k(['get', 'pvc', 'data-cache-0', '-o', 'json'])).metadata
      .ownerReferences;
    expect(owner).toMatchObject([{ kind: 'StatefulSet', name: 'cache', controller: true }]);
    await t.k(['scale', 'sts/cache', '--replicas=1']);
    await eventually(async () => (await claims()) === 'persistentvolumeclaim/data-cache-0', 20_000);
    await t.k(['delete', 'sts', 'cache']);
    await eventually(async () => (await claims()) === '', 20_000);
  });

  it('goes quiet once everything has settled (no status write loops)', async () => {
    const versions = async () =>
      (
        await t.k([
          'get',
          'deploy,rs,sts,ds,controllerrevisions',
          '-A',
          '-o',
          'jsonpath={range .items[*]}{.metadata.name}={.metadata.resourceVersion} {end}',
        ])
      )
        .trim()
        .split(' ')
        .sort();
    await t.k(['create', 'deployment', 'quiet', '--image=nginx', '--replicas=2']);
    await t.k(['rollout', 'status', 'deployment/quiet', '--timeout=30s']);
    await t.k(['rollout', 'status', 'ds/agent', '--timeout=30s']);
    // Let readiness-driven status updates land, then nothing may change any more.
    await new Promise((r) => setTimeout(r, 1500));
    const before = await versions();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await versions()).toEqual(before);
  });
});
