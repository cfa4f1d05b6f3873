/**
 * @module controllers/workloads/deployment/controller
 * The Deployment controller: reads the deployment and its ReplicaSets from the informers, decides with
 * `planDeployment`, then creates/resizes/deletes ReplicaSets, records ScalingReplicaSet events, sets
 * the revision annotation and writes status.
 */
import { matchesLabelSelector, type KubeObject } from '@sphere/shared';
import { resources } from '../../../client/in-process';
import type { ControllerContext, ControllerModule } from '../../manager';
import { createController } from '../../runtime/controller';
import { adopt, isNotFound, release, writeStatus } from '../executor';
import { OrphanIndex } from '../orphans';
import type { Deployment, ReplicaSet } from '../types';
import { controllerOwner, controllerRef, isControlledBy } from '../util';
import { planDeployment } from './plan';
import { REVISION, equalIgnoreHash } from './util';

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

function setup(ctx: ControllerContext) {
  const dInformer = ctx.informers.for(resources.deployments);
  const rsInformer = ctx.informers.for(resources.replicasets);
  const orphans = new OrphanIndex(rsInformer);
  const events = ctx.events('deployment-controller');
  const client = ctx.client;

  const controller = createController({
    name: 'deployment',
    clock: ctx.clock,
    workers: 2,
    log: ctx.log,
    reconcile: async (key) => {
      const [ns, name] = key.split('/');
      const d = dInformer.get(ns, name) as Deployment | undefined;
      if (!d) return;
      const uid = d.metadata.uid;
      const owned = rsInformer.ownedBy(uid ?? '').filter((rs) => isControlledBy(rs, uid)) as ReplicaSet[];
      const plan = planDeployment({
        d,
        owned,
        orphans: orphans.in(ns) as ReplicaSet[],
        now: ctx.clock.now(),
      });
      const ref = controllerRef(d, 'apps/v1', 'Deployment');
      await Promise.all([
        ...plan.adopt.map((rs) => adopt(client, resources.replicasets, rs, ref).catch(ignoreGone)),
        ...plan.release.map((rs) => release(client, resources.replicasets, rs, uid ?? '').catch(ignoreGone)),
      ]);
      if (plan.create) {
        try {
          await client.create(resources.replicasets, plan.create);
        } catch (err) {
          if ((err as { reason?: string }).reason !== 'AlreadyExists') throw err;
          await handleCollision(d, plan.create);
          return;
        }
      }
      for (const u of plan.updates) {
        const rs = structuredClone(u.rs);
        rs.spec.replicas = u.replicas;
        rs.spec.minReadySeconds = u.minReadySeconds;
        rs.metadata.annotations = u.annotations;
        await client.update(resources.replicasets, rs);
      }
      for (const e of plan.events) events.record(d, e.type, e.reason, e.message);
      await Promise.all(
        plan.deletes.map((rs) =>
          client
            .delete(resources.replicasets, rs.metadata.namespace, rs.metadata.name ?? '', {
              preconditions: { uid: rs.metadata.uid },
            })
            .catch(ignoreGone),
        ),
      );
      if (plan.revision) {
        await client.patch(resources.deployments, ns, name, 'merge', {
          metadata: { annotations: { [REVISION]: plan.revision } },
        });
      }
      await writeStatus(client, resources.deployments, d, plan.status).catch(ignoreGone);
      return plan.requeueAfterMs !== undefined ? { requeueAfterMs: plan.requeueAfterMs } : undefined;
    },
  });

  /**
   * A ReplicaSet with the new one's name exists but is not ours or has another template: bump
   * collisionCount so the next hash (and name) differs, as upstream does.
   */
  async function handleCollision(d: Deployment, wanted: ReplicaSet): Promise<void> {
    const existing = (await client
      .get(resources.replicasets, wanted.metadata.namespace, wanted.metadata.name ?? '')
      .catch(() => undefined)) as ReplicaSet | undefined;
    if (
      existing &&
      isControlledBy(existing, d.metadata.uid) &&
      equalIgnoreHash(existing.spec.template, d.spec.template)
    ) {
      return; // Ours, the cache had not seen it yet.
    }
    await client.patch(
      resources.deployments,
      d.metadata.namespace,
      d.metadata.name ?? '',
      'merge',
      { status: { collisionCount: (d.status?.collisionCount ?? 0) + 1 } },
      { subresource: 'status' },
    );
  }

  const enqueueOwner = (rs: KubeObject) => {
    const ref = controllerOwner(rs);
    if (ref?.kind === 'Deployment') return controller.enqueue(`${rs.metadata.namespace ?? ''}/${ref.name}`);
    if (ref) return;
    for (const d of dInformer.list(rs.metadata.namespace) as Deployment[]) {
      if (matchesLabelSelector(d.spec.selector, rs.metadata.labels)) controller.enqueue(keyOf(d));
    }
  };
  dInformer.on({
    add: (d) => controller.enqueue(keyOf(d)),
    update: (_old, d) => controller.enqueue(keyOf(d)),
    delete: (d) => controller.enqueue(keyOf(d)),
  });
  rsInformer.on({
    add: enqueueOwner,
    update: (old, rs) => {
      const oldRef = controllerOwner(old);
      if (oldRef?.kind === 'Deployment' && oldRef.uid !== controllerOwner(rs)?.uid) enqueueOwner(old);
      enqueueOwner(rs);
    },
    delete: enqueueOwner,
  });
  return controller;
}

function ignoreGone(err: unknown): void {
  if (!isNotFound(err)) throw err;
}

export const deploymentController: ControllerModule = { name: 'deployment', setup };
