/**
 * @module controllers/workloads/replicaset/controller
 * The ReplicaSet controller: keeps `spec.replicas` pods matching the template, adopting orphans that
 * match the selector and releasing pods that stop matching. Reads from the shared informers, decides
 * with `planReplicaSet`, and applies the plan through the client.
 */
import type { KubeObject } from '@sphere/shared';
import { resources } from '../../../client/in-process';
import type { ControllerContext, ControllerModule } from '../../manager';
import { createController } from '../../runtime/controller';
import { Expectations } from '../expectations';
import { adopt, errorMessage, isNotFound, release, slowStartBatch, writeStatus } from '../executor';
import { OrphanIndex } from '../orphans';
import type { Pod, ReplicaSet } from '../types';
import { controllerOwner, controllerRef, isControlledBy } from '../util';
import { planReplicaSet, withReplicaFailure } from './plan';
import { matchesLabelSelector } from '@sphere/shared';

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** The pod a ReplicaSet creates from its template. */
export function podFromTemplate(rs: ReplicaSet): Pod {
  const tpl = rs.spec.template;
  const metadata: Pod['metadata'] = {
    generateName: `${rs.metadata.name}-`,
    namespace: rs.metadata.namespace,
    labels: { ...(tpl.metadata?.labels ?? {}) },
    ownerReferences: [controllerRef(rs, 'apps/v1', 'ReplicaSet')],
  };
  if (tpl.metadata?.annotations) metadata.annotations = { ...tpl.metadata.annotations };
  if (tpl.metadata?.finalizers) metadata.finalizers = [...tpl.metadata.finalizers];
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: structuredClone(tpl.spec) };
}

function setup(ctx: ControllerContext) {
  const rsInformer = ctx.informers.for(resources.replicasets);
  const podInformer = ctx.informers.for(resources.pods);
  const orphans = new OrphanIndex(podInformer);
  const expectations = new Expectations(ctx.clock);
  const events = ctx.events('replicaset-controller');
  const client = ctx.client;

  const controller = createController({
    name: 'replicaset',
    clock: ctx.clock,
    workers: 4,
    log: ctx.log,
    reconcile: async (key) => {
      const [ns, name] = key.split('/');
      const rs = rsInformer.get(ns, name) as ReplicaSet | undefined;
      if (!rs) {
        expectations.forget(key);
        return;
      }
      const uid = rs.metadata.uid;
      const owned = podInformer.ownedBy(uid ?? '').filter((p) => isControlledBy(p, uid)) as Pod[];
      const plan = planReplicaSet({
        rs,
        owned,
        orphans: orphans.in(ns) as Pod[],
        expectationsSatisfied: expectations.satisfied(key),
        now: ctx.clock.now(),
      });
      const ref = controllerRef(rs, 'apps/v1', 'ReplicaSet');
      await Promise.all([
        ...plan.adopt.map((p) => adopt(client, resources.pods, p, ref).catch(ignoreGone)),
        ...plan.release.map((p) => release(client, resources.pods, p, uid ?? '').catch(ignoreGone)),
      ]);
      let failure: { reason: 'FailedCreate' | 'FailedDelete'; message: string } | undefined;
      if (plan.create > 0) {
        expectations.expect(key, plan.create);
        const template = podFromTemplate(rs);
        let attempted = 0;
        const result = await slowStartBatch(plan.create, async () => {
          attempted++;
          try {
            const pod = await client.create(resources.pods, structuredClone(template));
            events.record(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
          } catch (err) {
            expectations.creationObserved(key);
            events.record(rs, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(err)}`);
            throw err;
          }
        });
        if (result.error) {
          // Creations that were never attempted will never be observed.
          for (let i = attempted; i < plan.create; i++) expectations.creationObserved(key);
          failure = { reason: 'FailedCreate', message: errorMessage(result.error) };
        }
      } else if (plan.delete.length > 0) {
        expectations.expect(key, 0, plan.delete.map(keyOf));
        await Promise.all(
          plan.delete.map(async (pod) => {
            try {
              await client.delete(resources.pods, pod.metadata.namespace, pod.metadata.name ?? '');
              events.record(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
            } catch (err) {
              expectations.deletionObserved(key, keyOf(pod));
              if (isNotFound(err)) return;
              events.record(rs, 'Warning', 'FailedDelete', `Error deleting: ${errorMessage(err)}`);
              failure = { reason: 'FailedDelete', message: errorMessage(err) };
            }
          }),
        );
      }
      const status = withReplicaFailure(plan.status, failure, ctx.clock.now());
      await writeStatus(client, resources.replicasets, rs, status).catch(ignoreGone);
      // A failure is retried with backoff, after its condition is visible.
      if (failure) throw new Error(failure.message);
      return plan.requeueAfterMs !== undefined ? { requeueAfterMs: plan.requeueAfterMs } : undefined;
    },
  });

  const ownerKey = (pod: KubeObject): string | undefined => {
    const ref = controllerOwner(pod);
    return ref?.kind === 'ReplicaSet' ? `${pod.metadata.namespace ?? ''}/${ref.name}` : undefined;
  };
  // An orphan may be adopted by any ReplicaSet of its namespace whose selector matches it.
  const enqueueMatching = (pod: KubeObject) => {
    for (const rs of rsInformer.list(pod.metadata.namespace) as ReplicaSet[]) {
      if (matchesLabelSelector(rs.spec.selector, pod.metadata.labels)) controller.enqueue(keyOf(rs));
    }
  };
  const podChanged = (pod: KubeObject) => {
    const key = ownerKey(pod);
    if (key) controller.enqueue(key);
    else enqueueMatching(pod);
  };

  rsInformer.on({
    add: (rs) => controller.enqueue(keyOf(rs)),
    update: (_old, rs) => controller.enqueue(keyOf(rs)),
    delete: (rs) => controller.enqueue(keyOf(rs)),
  });
  podInformer.on({
    add: (pod) => {
      const key = ownerKey(pod);
      if (key) expectations.creationObserved(key);
      if (pod.metadata.deletionTimestamp && key) expectations.deletionObserved(key, keyOf(pod));
      podChanged(pod);
    },
    update: (old, pod) => {
      const key = ownerKey(pod);
      if (key && pod.metadata.deletionTimestamp) expectations.deletionObserved(key, keyOf(pod));
      const oldKey = ownerKey(old);
      if (oldKey && oldKey !== key) controller.enqueue(oldKey);
      podChanged(pod);
    },
    delete: (pod) => {
      const key = ownerKey(pod);
      if (key) expectations.deletionObserved(key, keyOf(pod));
      podChanged(pod);
    },
  });
  return controller;
}

function ignoreGone(err: unknown): void {
  if (!isNotFound(err)) throw err;
}

export const replicaSetController: ControllerModule = { name: 'replicaset', setup };
