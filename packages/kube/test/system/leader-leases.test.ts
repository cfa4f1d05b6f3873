import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';
import { systemControllers } from '../../src/controllers/system';

describe('leader-election Leases of the embedded control plane', () => {
  let t: TestCluster;
  beforeAll(async () => {
    t = await startTestCluster({ controllers: systemControllers, nodes: 1, simulation: 'fast' });
  });
  afterAll(async () => {
    await t.stop();
  });

  const renewTimes = async () => {
    const list = JSON.parse(await t.k(['get', 'lease', '-n', 'kube-system', '-o', 'json'])) as {
      items: { metadata: { name: string }; spec: { holderIdentity: string; renewTime: string } }[];
    };
    return Object.fromEntries(list.items.map((l) => [l.metadata.name, l.spec]));
  };

  it('holds kube-controller-manager and kube-scheduler Leases and keeps renewing them', async () => {
    const first = await renewTimes();
    expect(Object.keys(first)).toEqual(expect.arrayContaining(['kube-controller-manager', 'kube-scheduler']));
    const holder = first['kube-scheduler'].holderIdentity;
    expect(holder).toMatch(/_[0-9a-f-]{36}$/);
    const deadline = Date.now() + 15_000;
    let next = first;
    while (next['kube-scheduler'].renewTime === first['kube-scheduler'].renewTime) {
      if (Date.now() > deadline) throw new Error('the lease was not renewed');
      await new Promise((r) => setTimeout(r, 250));
      next = await renewTimes();
    }
    expect(Date.parse(next['kube-scheduler'].renewTime)).toBeGreaterThan(
      Date.parse(first['kube-scheduler'].renewTime),
    );
    expect(next['kube-scheduler'].holderIdentity).toBe(holder);
  });
});
