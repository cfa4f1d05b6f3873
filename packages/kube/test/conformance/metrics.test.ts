import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster({ simulation: 'fast', nodes: 2 });
});
afterAll(async () => t?.stop());

describe('resource metrics', () => {
  it('serves kubectl top for nodes and pods', async () => {
    expect(await t.k(['top', 'nodes'])).toMatch(
      /NAME\s+CPU\(cores\)\s+CPU(%)?.*\n(node-\d\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s*\n){2}/,
    );
    await t.k(['create', 'deployment', 'web', '--image=nginx', '--replicas=2']);
    await t.k(['rollout', 'status', 'deploy/web', '--timeout=30s']);
    const pods = await t.k(['top', 'pods', '-l', 'app=web']);
    expect(pods.trim().split('\n').slice(1)).toHaveLength(2);
  });

  it('exposes each kubelet metrics endpoint through the node proxy', async () => {
    const text = await t.k(['get', '--raw', '/api/v1/nodes/node-1/proxy/metrics/cadvisor']);
    expect(text).toMatch(/# TYPE container_cpu_usage_seconds_total counter/);
    expect(text).not.toMatch(/node="node-2"/);
    const missing = await t.kubectl(['get', '--raw', '/api/v1/nodes/nope/proxy/metrics']);
    expect(missing.stderr).toMatch(/NotFound/);
  });
});
