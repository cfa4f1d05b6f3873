import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';
import { systemControllers } from '../../src/controllers/system';

const job = (name: string, extra = '') => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
spec:
  completions: 3
  parallelism: 2
${extra}  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox
        command: ["true"]
`;

describe('Job controller through kubectl and the node simulator', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({ controllers: systemControllers, nodes: 1, simulation: 'fast' });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('runs a Job to completion; kubectl wait sees Complete', async () => {
    await t.k(['apply', '-f', '-'], { input: job('pi') });
    const out = await t.k(['wait', '--for=condition=complete', 'job/pi', '--timeout=30s']);
    expect(out).toContain('job.batch/pi condition met');
    const status = JSON.parse(await t.k(['get', 'job', 'pi', '-o', 'json'])).status;
    expect(status.succeeded).toBe(3);
    expect(status.conditions.map((c: { type: string }) => c.type)).toEqual([
      'SuccessCriteriaMet',
      'Complete',
    ]);
    expect(status.completionTime).toBeTruthy();
    const pods = JSON.parse(
      await t.k(['get', 'pods', '-l', 'batch.kubernetes.io/job-name=pi', '-o', 'json']),
    ).items;
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^pi-[a-z0-9]{5}$/);
      expect(p.metadata.finalizers ?? []).not.toContain('batch.kubernetes.io/job-tracking');
    }
    const events = await t.k(['get', 'events', '--field-selector', 'involvedObject.name=pi', '-o', 'json']);
    const reasons = JSON.parse(events).items.map((e: { reason: string }) => e.reason);
    expect(reasons).toContain('SuccessfulCreate');
    expect(reasons).toContain('Completed');
  });

  it('runs an Indexed Job with hostnames and completed indexes', async () => {
    await t.k(['apply', '-f', '-'], { input: job('idx', '  completionMode: Indexed\n') });
    await t.k(['wait', '--for=condition=complete', 'job/idx', '--timeout=30s']);
    const status = JSON.parse(await t.k(['get', 'job', 'idx', '-o', 'json'])).status;
    expect(status.completedIndexes).toBe('0-2');
    const pods = JSON.parse(
      await t.k(['get', 'pods', '-l', 'batch.kubernetes.io/job-name=idx', '-o', 'json']),
    ).items;
    const hosts = pods.map((p: { spec: { hostname: string } }) => p.spec.hostname).sort();
    expect(hosts).toEqual(['idx-0', 'idx-1', 'idx-2']);
  });

  it('a suspended Job creates no pods and reports Suspended', async () => {
    await t.k(['apply', '-f', '-'], { input: job('held', '  suspend: true\n') });
    await t.k(['wait', '--for=condition=suspended', 'job/held', '--timeout=20s']);
    const pods = JSON.parse(
      await t.k(['get', 'pods', '-l', 'batch.kubernetes.io/job-name=held', '-o', 'json']),
    ).items;
    expect(pods).toHaveLength(0);
    await t.k(['patch', 'job', 'held', '--type=merge', '-p', '{"spec":{"suspend":false}}']);
    await t.k(['wait', '--for=condition=complete', 'job/held', '--timeout=30s']);
  });

  it('fails a Job past its backoff limit (simulated crash) with BackoffLimitExceeded', async () => {
    await t.k(['apply', '-f', '-'], {
      input: `apiVersion: batch/v1
kind: Job
metadata: {name: bad}
spec:
  backoffLimit: 0
  template:
    metadata:
      annotations: {sphere.io/simulate: crash}
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox}]
`,
    });
    await t.k(['wait', '--for=condition=failed', 'job/bad', '--timeout=30s']);
    const status = JSON.parse(await t.k(['get', 'job', 'bad', '-o', 'json'])).status;
    expect(status.failed).toBe(1);
    expect(status.conditions.map((c: { type: string }) => c.type)).toEqual(['FailureTarget', 'Failed']);
    expect(status.conditions[1]).toMatchObject({
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    });
    const events = await t.k(['get', 'events', '--field-selector', 'involvedObject.name=bad']);
    expect(events).toContain('BackoffLimitExceeded');
  });

  it('fails at once on a podFailurePolicy FailJob rule', async () => {
    await t.k(['apply', '-f', '-'], {
      input: `apiVersion: batch/v1
kind: Job
metadata: {name: policy}
spec:
  backoffLimit: 5
  podFailurePolicy:
    rules:
    - action: FailJob
      onExitCodes: {containerName: main, operator: In, values: [1]}
  template:
    metadata:
      annotations: {sphere.io/simulate: crash}
    spec:
      restartPolicy: Never
      containers: [{name: main, image: busybox}]
`,
    });
    await t.k(['wait', '--for=condition=failed', 'job/policy', '--timeout=30s']);
    const failed = JSON.parse(await t.k(['get', 'job', 'policy', '-o', 'json'])).status.conditions.find(
      (c: { type: string }) => c.type === 'Failed',
    );
    expect(failed.reason).toBe('PodFailurePolicy');
    expect(failed.message).toMatch(
      /^Container main for pod default\/policy-[a-z0-9]{5} failed with exit code 1 matching FailJob rule at index 0$/,
    );
  });
});
