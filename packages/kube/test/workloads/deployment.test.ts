import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';
import { workloadControllers } from '../../src/controllers/workloads';
import { eventually } from './fake-kubelet';

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

// Pods run on the real scheduler and simulated nodes (fast timings).
describe('Deployment rollout through kubectl', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({ controllers: workloadControllers, simulation: 'fast' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('creates a ReplicaSet named by the template hash and reports the rollout complete', async () => {
    await t.k(['apply', '-f', '-'], { input: deployment('nginx:1.25') });
    const out = await t.k(['rollout', 'status', 'deployment/web', '--timeout=20s']);
    expect(out).toContain('deployment "web" successfully rolled out');
    const rs = JSON.parse(await t.k(['get', 'rs', '-l', 'app=web', '-o', 'json'])).items;
    expect(rs).toHaveLength(1);
    const hash = rs[0].metadata.labels['pod-template-hash'];
    expect(rs[0].metadata.name).toBe(`web-${hash}`);
    expect(rs[0].metadata.annotations['deployment.kubernetes.io/revision']).toBe('1');
    expect(rs[0].metadata.ownerReferences[0]).toMatchObject({
      kind: 'Deployment',
      name: 'web',
      controller: true,
      blockOwnerDeletion: true,
    });
    const d = JSON.parse(await t.k(['get', 'deploy', 'web', '-o', 'json']));
    expect(d.status).toMatchObject({
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
    });
    expect(
      d.status.conditions.map((c: { type: string; reason: string }) => `${c.type}/${c.reason}`).sort(),
    ).toEqual(['Available/MinimumReplicasAvailable', 'Progressing/NewReplicaSetAvailable']);
    const pods = JSON.parse(await t.k(['get', 'pods', '-l', 'app=web', '-o', 'json'])).items;
    expect(pods).toHaveLength(3);
    const events = await t.k([
      'get',
      'events',
      '--field-selector',
      'involvedObject.kind=Deployment',
      '-o',
      'json',
    ]);
    expect(JSON.parse(events).items.map((e: { message: string }) => e.message)).toContain(
      `Scaled up replica set web-${hash} from 0 to 3`,
    );
  });

  it('rolls out a new image, keeps history and undoes to the previous template', async () => {
    await t.k(['set', 'image', 'deployment/web', 'nginx=nginx:1.26']);
    await t.k(['annotate', 'deployment/web', 'kubernetes.io/change-cause=bump to 1.26']);
    const out = await t.k(['rollout', 'status', 'deployment/web', '--timeout=20s']);
    expect(out).toContain('successfully rolled out');
    const history = await t.k(['rollout', 'history', 'deployment/web']);
    expect(history).toMatch(/1\s+<none>/);
    expect(history).toMatch(/2\s+bump to 1.26/);
    await t.k(['rollout', 'undo', 'deployment/web']);
    await t.k(['rollout', 'status', 'deployment/web', '--timeout=20s']);
    const image = await t.k([
      'get',
      'deploy',
      'web',
      '-o',
      'jsonpath={.spec.template.spec.containers[0].image}',
    ]);
    expect(image).toBe('nginx:1.25');
    const after = await t.k(['rollout', 'history', 'deployment/web']);
    expect(after).toMatch(/2\s+bump to 1.26/);
    expect(after).toMatch(/3\s+<none>/);
    const rs = JSON.parse(await t.k(['get', 'rs', '-l', 'app=web', '-o', 'json'])).items;
    expect(rs).toHaveLength(2);
    const revision = await t.k([
      'get',
      'deploy',
      'web',
      '-o',
      'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision}',
    ]);
    expect(revision).toBe('3');
  });

  it('restarts, pauses and resumes', async () => {
    await t.k(['rollout', 'restart', 'deployment/web']);
    await t.k(['rollout', 'status', 'deployment/web', '--timeout=20s']);
    const restartedAt = await t.k([
      'get',
      'deploy',
      'web',
      '-o',
      'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}',
    ]);
    expect(restartedAt).not.toBe('');
    await t.k(['rollout', 'pause', 'deployment/web']);
    await t.k(['set', 'image', 'deployment/web', 'nginx=nginx:1.27']);
    await eventually(async () => {
      const d = JSON.parse(await t.k(['get', 'deploy', 'web', '-o', 'json']));
      return d.status.conditions.some((c: { reason: string }) => c.reason === 'DeploymentPaused');
    });
    const rsCount = JSON.parse(await t.k(['get', 'rs', '-l', 'app=web', '-o', 'json'])).items.length;
    expect(rsCount).toBe(3);
    await t.k(['rollout', 'resume', 'deployment/web']);
    await t.k(['rollout', 'status', 'deployment/web', '--timeout=20s']);
    const image = await t.k([
      'get',
      'pods',
      '-l',
      'app=web',
      '-o',
      'jsonpath={.items[*].spec.containers[0].image}',
    ]);
    expect(image.split(' ')).toEqual(['nginx:1.27', 'nginx:1.27', 'nginx:1.27']);
  });

  it('scales through the scale subresource', async () => {
    await t.k(['scale', 'deployment/web', '--replicas=5']);
    await t.k(['rollout', 'status', 'deployment/web', '--timeout=20s']);
    await eventually(
      async () => (await t.k(['get', 'pods', '-l', 'app=web', '-o', 'name'])).trim().split('\n').length === 5,
    );
  });

  it('reports a rollout that cannot progress past its deadline', async () => {
    await t.k(['apply', '-f', '-'], {
      input: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: stuck
spec:
  replicas: 2
  progressDeadlineSeconds: 1
  strategy: {type: Recreate}
  selector:
    matchLabels: {app: stuck}
  template:
    metadata:
      labels: {app: stuck}
    spec:
      nodeSelector: {no-such-node: "true"}
      containers:
      - name: c
        image: nginx
`,
    });
    const r = await t.kubectl(['rollout', 'status', 'deployment/stuck', '--timeout=20s']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('deployment "stuck" exceeded its progress deadline');
    const d = JSON.parse(await t.k(['get', 'deploy', 'stuck', '-o', 'json']));
    expect(d.status.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded' }),
        expect.objectContaining({ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' }),
      ]),
    );
    expect(d.status).toMatchObject({ replicas: 2, updatedReplicas: 2, unavailableReplicas: 2 });
  });
});
