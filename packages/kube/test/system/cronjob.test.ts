import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';
import { systemControllers } from '../../src/controllers/system';
import { FakeClock } from '../../src/controllers/runtime/clock';

async function until<T>(fn: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('CronJob controller with a fake clock', () => {
  let t: TestCluster;
  const clock = new FakeClock('2026-01-01T00:00:00Z');
  beforeAll(async () => {
    t = await startTestCluster({ controllers: systemControllers, nodes: 0, clock });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('creates the Job at the scheduled minute, named by it, and lists it as active', async () => {
    await t.k(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/2 * * * *', '--', 'date']);
    clock.advance(60_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(JSON.parse(await t.k(['get', 'jobs', '-o', 'json'])).items).toHaveLength(0);
    // The controller looks again just after the scheduled minute.
    clock.advance(60_500);
    const name = `tick-${Date.parse('2026-01-01T00:02:00Z') / 60_000}`;
    const job = await until(async () => JSON.parse(await t.k(['get', 'job', name, '-o', 'json'])));
    expect(job.metadata.annotations['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe(
      '2026-01-01T00:02:00Z',
    );
    expect(job.metadata.ownerReferences[0]).toMatchObject({
      kind: 'CronJob',
      name: 'tick',
      controller: true,
    });
    const cj = await until(async () => {
      const o = JSON.parse(await t.k(['get', 'cronjob', 'tick', '-o', 'json']));
      return o.status?.active?.length ? o : undefined;
    });
    expect(cj.status.lastScheduleTime).toBe('2026-01-01T00:02:00Z');
    expect(cj.status.active[0]).toMatchObject({ kind: 'Job', name });
  });
});
