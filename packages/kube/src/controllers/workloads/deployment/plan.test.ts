import { describe, expect, it } from 'vitest';
import { NOW } from '../fixtures.test-support';
import type { Deployment, IntOrString, ReplicaSet } from '../types';
import { planDeployment, type DeploymentPlan } from './plan';
import { DESIRED_REPLICAS, MAX_REPLICAS, REVISION, maxSurge, maxUnavailable } from './util';

function deployment(o: {
  replicas: number;
  image?: string;
  surge?: IntOrString;
  unavailable?: IntOrString;
  type?: 'RollingUpdate' | 'Recreate';
  paused?: boolean;
  history?: number;
}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: 'd-uid',
      generation: 1,
      annotations: { 'kubernetes.io/change-cause': 'why' },
    },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'c', image: o.image ?? 'v1' }] },
      },
      strategy:
        o.type === 'Recreate'
          ? { type: 'Recreate' }
          : {
              type: 'RollingUpdate',
              rollingUpdate: { maxSurge: o.surge ?? '25%', maxUnavailable: o.unavailable ?? '25%' },
            },
      revisionHistoryLimit: o.history ?? 10,
      progressDeadlineSeconds: 600,
      paused: o.paused,
    },
  };
}

/** Applies a plan as the API and the ReplicaSet controller would, pods becoming available at once. */
class World {
  rs: ReplicaSet[] = [];
  private n = 0;
  constructor(public d: Deployment) {}
  step(converge = true): DeploymentPlan {
    const plan = planDeployment({ d: this.d, owned: this.rs, orphans: [], now: NOW });
    if (plan.create) {
      this.rs.push({
        ...structuredClone(plan.create),
        metadata: {
          ...plan.create.metadata,
          uid: `rs-${this.n}`,
          creationTimestamp: new Date(NOW.getTime() + this.n++ * 1000).toISOString(),
        },
      });
    }
    for (const u of plan.updates) {
      const rs = this.rs.find((r) => r.metadata.name === u.rs.metadata.name)!;
      rs.spec.replicas = u.replicas;
      rs.metadata.annotations = u.annotations;
    }
    this.rs = this.rs.filter((r) => !plan.deletes.includes(r));
    if (converge)
      for (const rs of this.rs)
        rs.status = {
          replicas: rs.spec.replicas!,
          availableReplicas: rs.spec.replicas!,
          readyReplicas: rs.spec.replicas!,
        };
    this.d = {
      ...this.d,
      status: plan.status,
      metadata: {
        ...this.d.metadata,
        annotations: {
          ...this.d.metadata.annotations,
          ...(plan.revision ? { [REVISION]: plan.revision } : {}),
        },
      },
    };
    return plan;
  }
  sizes(image: string): [number, number] {
    const isNew = (r: ReplicaSet) =>
      (r.spec.template.spec.containers as { image: string }[])[0].image === image;
    const sum = (f: (r: ReplicaSet) => boolean) =>
      this.rs.filter(f).reduce((n, r) => n + (r.spec.replicas ?? 0), 0);
    return [sum(isNew), sum((r) => !isNew(r))];
  }
  rollout(image: string): [number, number][] {
    this.d = {
      ...this.d,
      metadata: { ...this.d.metadata, generation: (this.d.metadata.generation ?? 1) + 1 },
      spec: {
        ...this.d.spec,
        template: { ...this.d.spec.template, spec: { containers: [{ name: 'c', image }] } },
      },
    };
    const steps: [number, number][] = [];
    for (let i = 0; i < 30; i++) {
      this.step();
      const s = this.sizes(image);
      if (steps.length && s.join() === steps.at(-1)!.join()) break;
      steps.push(s);
    }
    return steps;
  }
}

describe('maxSurge / maxUnavailable', () => {
  it.each([
    { replicas: 10, surge: '25%', unavailable: '25%', s: 3, u: 2 },
    { replicas: 1, surge: '25%', unavailable: '25%', s: 1, u: 0 },
    { replicas: 3, surge: 0, unavailable: 0, s: 0, u: 1 },
    { replicas: 4, surge: '50%', unavailable: 10, s: 2, u: 4 },
  ])(
    '$replicas replicas, surge $surge, unavailable $unavailable → $s/$u',
    ({ replicas, surge, unavailable, s, u }) => {
      const d = deployment({ replicas, surge, unavailable });
      expect([maxSurge(d), maxUnavailable(d)]).toEqual([s, u]);
    },
  );
});

describe('planDeployment rolling update', () => {
  it.each([
    {
      replicas: 10,
      surge: '25%',
      unavailable: '25%',
      steps: [
        [3, 8],
        [5, 8],
        [5, 3],
        [10, 3],
        [10, 0],
      ],
    },
    {
      replicas: 3,
      surge: 1,
      unavailable: 0,
      steps: [
        [1, 3],
        [1, 2],
        [2, 2],
        [2, 1],
        [3, 1],
        [3, 0],
      ],
    },
    {
      replicas: 3,
      surge: 0,
      unavailable: 1,
      steps: [
        [0, 2],
        [1, 2],
        [1, 1],
        [2, 1],
        [2, 0],
        [3, 0],
      ],
    },
  ])(
    'replicas $replicas surge $surge unavailable $unavailable goes $steps',
    ({ replicas, surge, unavailable, steps }) => {
      const w = new World(deployment({ replicas, surge, unavailable }));
      w.step();
      w.step();
      expect(w.sizes('v1')).toEqual([replicas, 0]);
      expect(w.rollout('v2')).toEqual(steps);
      const cond = Object.fromEntries((w.d.status?.conditions ?? []).map((c) => [c.type, c.reason]));
      w.step();
      expect(Object.fromEntries((w.d.status?.conditions ?? []).map((c) => [c.type, c.reason]))).toEqual({
        Available: 'MinimumReplicasAvailable',
        Progressing: 'NewReplicaSetAvailable',
      });
      expect(cond.Available).toBe('MinimumReplicasAvailable');
    },
  );

  it('creates the first ReplicaSet with hash, revision and replica annotations, copying change-cause', () => {
    const plan = planDeployment({ d: deployment({ replicas: 3 }), owned: [], orphans: [], now: NOW });
    const rs = plan.create!;
    const hash = rs.metadata.labels!['pod-template-hash'];
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.spec.template.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.annotations).toEqual({
      [REVISION]: '1',
      [DESIRED_REPLICAS]: '3',
      [MAX_REPLICAS]: '4',
      'kubernetes.io/change-cause': 'why',
    });
    expect(rs.spec.replicas).toBe(3);
    expect(plan.events).toEqual([
      {
        type: 'Normal',
        reason: 'ScalingReplicaSet',
        message: `Scaled up replica set web-${hash} from 0 to 3`,
      },
    ]);
    expect(plan.status.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe(
      'NewReplicaSetCreated',
    );
    expect(plan.revision).toBe('1');
  });

  it('Recreate removes every old pod before creating the new ReplicaSet', () => {
    const w = new World(deployment({ replicas: 3, type: 'Recreate' }));
    w.step();
    w.rollout('v2');
    const w2 = new World(deployment({ replicas: 3, type: 'Recreate' }));
    w2.step();
    w2.d = {
      ...w2.d,
      spec: {
        ...w2.d.spec,
        template: { ...w2.d.spec.template, spec: { containers: [{ name: 'c', image: 'v2' }] } },
      },
    };
    const first = w2.step(false);
    expect(first.create).toBeUndefined();
    expect(first.updates.map((u) => u.replicas)).toEqual([0]);
    // Old pods still reported: wait.
    expect(w2.step(false).create).toBeUndefined();
    w2.rs[0].status = { replicas: 0 };
    expect(w2.step().create?.spec.replicas).toBe(3);
    expect(w.sizes('v2')).toEqual([3, 0]);
  });

  it('a rollback renumbers the old ReplicaSet to the next revision', () => {
    const w = new World(deployment({ replicas: 2 }));
    w.step();
    w.rollout('v2');
    w.rollout('v1');
    const revisions = Object.fromEntries(
      w.rs.map((r) => [
        (r.spec.template.spec.containers as { image: string }[])[0].image,
        r.metadata.annotations![REVISION],
      ]),
    );
    expect(revisions).toEqual({ v1: '3', v2: '2' });
    expect(
      w.rs.find((r) => r.metadata.annotations![REVISION] === '3')!.metadata.annotations![
        'deployment.kubernetes.io/revision-history'
      ],
    ).toBe('1');
    expect(w.d.metadata.annotations![REVISION]).toBe('3');
  });

  it('keeps only revisionHistoryLimit old ReplicaSets', () => {
    const w = new World(deployment({ replicas: 1, history: 1 }));
    w.step();
    for (const image of ['v2', 'v3', 'v4']) w.rollout(image);
    w.step();
    expect(w.rs.map((r) => (r.spec.template.spec.containers as { image: string }[])[0].image).sort()).toEqual(
      ['v3', 'v4'],
    );
  });

  it('a paused deployment scales but does not roll out', () => {
    const w = new World(deployment({ replicas: 2 }));
    w.step();
    w.d = {
      ...w.d,
      spec: {
        ...w.d.spec,
        paused: true,
        replicas: 4,
        template: { ...w.d.spec.template, spec: { containers: [{ name: 'c', image: 'v2' }] } },
      },
    };
    const plan = w.step();
    expect(plan.create).toBeUndefined();
    expect(w.sizes('v1')).toEqual([4, 0]);
    expect(plan.status.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'Unknown',
      reason: 'DeploymentPaused',
    });
  });

  it('scales every active ReplicaSet in proportion mid-rollout', () => {
    const w = new World(deployment({ replicas: 10 }));
    w.step();
    w.d = {
      ...w.d,
      spec: {
        ...w.d.spec,
        template: { ...w.d.spec.template, spec: { containers: [{ name: 'c', image: 'v2' }] } },
      },
    };
    w.step(false); // new 3, old 8: 11 of 13 allowed
    w.d = { ...w.d, spec: { ...w.d.spec, replicas: 20 } };
    w.step(false);
    const [fresh, old] = w.sizes('v2');
    expect(fresh + old).toBe(25);
    expect(old).toBeGreaterThan(fresh);
  });

  it('reports ProgressDeadlineExceeded when nothing moves past the deadline', () => {
    const w = new World(deployment({ replicas: 2 }));
    w.step(false);
    const stuck = planDeployment({
      d: w.d,
      owned: w.rs,
      orphans: [],
      now: new Date(NOW.getTime() + 601_000),
    });
    expect(stuck.status.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({
      status: 'False',
      reason: 'ProgressDeadlineExceeded',
    });
  });
});

describe('planDeployment keeps the new ReplicaSet in step', () => {
  it('updates minReadySeconds of the new ReplicaSet', () => {
    const w = new World(deployment({ replicas: 2 }));
    w.step();
    w.d = { ...w.d, spec: { ...w.d.spec, minReadySeconds: 15 } };
    const plan = w.step();
    expect(plan.create).toBeUndefined();
    expect(plan.updates.map((u) => u.minReadySeconds)).toEqual([15]);
  });
});

describe('planDeployment ownership', () => {
  it('adopts orphan ReplicaSets its selector matches and releases ones that stopped matching', () => {
    const d = deployment({ replicas: 1 });
    const orphan = planDeployment({ d, owned: [], orphans: [], now: NOW }).create!;
    const matching = { ...orphan, metadata: { ...orphan.metadata, ownerReferences: undefined, uid: 'o1' } };
    const foreign = {
      ...orphan,
      metadata: {
        ...orphan.metadata,
        name: 'x',
        labels: { app: 'other' },
        ownerReferences: undefined,
        uid: 'o2',
      },
    };
    const plan = planDeployment({ d, owned: [], orphans: [matching, foreign], now: NOW });
    expect(plan.adopt.map((r) => r.metadata.uid)).toEqual(['o1']);
    expect(plan.create).toBeUndefined();
    const mine = { ...orphan, metadata: { ...orphan.metadata, labels: { app: 'moved' }, uid: 'o3' } };
    expect(
      planDeployment({ d, owned: [mine], orphans: [], now: NOW }).release.map((r) => r.metadata.uid),
    ).toEqual(['o3']);
  });
});
