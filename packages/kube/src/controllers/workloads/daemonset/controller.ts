/**
 * @module controllers/workloads/daemonset/controller
 * The DaemonSet controller: keeps a ControllerRevision of the template, decides with `planDaemonSet`,
 * creates pods pinned to their node through required node affinity on metadata.name (the scheduler
 * then binds them), deletes misplaced or outdated ones, and writes status.
 */
import type { KubeObject } from '@sphere/shared';
import { resources } from '../../../client/in-process';
import type { ControllerContext, ControllerModule } from '../../manager';
import { createController } from '../../runtime/controller';
import { Expectations } from '../expectations';
import { errorMessage, isNotFound, resolveRevision, writeStatus } from '../executor';
import { REVISION_HASH_LABEL as CR_HASH, revisionsToDelete } from '../history';
import type { ControllerRevision, DaemonSet, Node, Pod } from '../types';
import { controllerOwner, controllerRef, deepEqual, isControlledBy } from '../util';
import { pinToNode } from './eligibility';
import { planDaemonSet, REVISION_HASH_LABEL, TEMPLATE_GENERATION_LABEL } from './plan';

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** The daemon pod for one node. */
export function daemonPod(ds: DaemonSet, hash: string, node: string): Pod {
  const tpl = ds.spec.template;
  const metadata: Pod['metadata'] = {
    generateName: `${ds.metadata.name}-`,
    namespace: ds.metadata.namespace,
    labels: {
      ...(tpl.metadata?.labels ?? {}),
      [REVISION_HASH_LABEL]: hash,
      [TEMPLATE_GENERATION_LABEL]: String(ds.metadata.generation ?? 1),
    },
    ownerReferences: [controllerRef(ds, 'apps/v1', 'DaemonSet')],
  };
  if (tpl.metadata?.annotations) metadata.annotations = { ...tpl.metadata.annotations };
  return { apiVersion: 'v1', kind: 'Pod', metadata, spec: pinToNode(tpl.spec, node) };
}

/** Changes that can move daemon pods: not heartbeats or status. */
function nodePlacementChanged(old: KubeObject, next: KubeObject): boolean {
  return (
    !deepEqual(old.metadata.labels, next.metadata.labels) ||
    !deepEqual((old as Node).spec, (next as Node).spec)
  );
}

function setup(ctx: ControllerContext) {
  const dsInformer = ctx.informers.for(resources.daemonsets);
  const podInformer = ctx.informers.for(resources.pods);
  const nodeInformer = ctx.informers.for(resources.nodes);
  const revInformer = ctx.informers.for(resources.controllerrevisions);
  const expectations = new Expectations(ctx.clock);
  const events = ctx.events('daemonset-controller');
  const client = ctx.client;

  const controller = createController({
    name: 'daemonset',
    clock: ctx.clock,
    workers: 2,
    log: ctx.log,
    reconcile: async (key) => {
      const [ns, name] = key.split('/');
      const ds = dsInformer.get(ns, name) as DaemonSet | undefined;
      if (!ds) {
        expectations.forget(key);
        return;
      }
      const uid = ds.metadata.uid;
      const revisions = revInformer
        .ownedBy(uid ?? '')
        .filter((r) => isControlledBy(r, uid)) as ControllerRevision[];
      const revision = await resolveRevision(client, resources.daemonsets, 'DaemonSet', ds, revisions);
      if (!revision) return;
      const hash = revision.metadata.labels?.[CR_HASH] ?? '';
      const pods = podInformer.ownedBy(uid ?? '').filter((p) => isControlledBy(p, uid)) as Pod[];
      const plan = planDaemonSet({
        ds,
        nodes: nodeInformer.list() as Node[],
        pods,
        hash,
        expectationsSatisfied: expectations.satisfied(key),
        now: ctx.clock.now(),
      });
      if (plan.create.length || plan.delete.length) {
        expectations.expect(key, plan.create.length, plan.delete.map(keyOf));
      }
      const results = await Promise.allSettled([
        ...plan.create.map(async (node) => {
          try {
            const pod = await client.create(resources.pods, daemonPod(ds, hash, node));
            events.record(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
          } catch (err) {
            expectations.creationObserved(key);
            events.record(ds, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(err)}`);
            throw err;
          }
        }),
        ...plan.delete.map(async (pod) => {
          try {
            await client.delete(resources.pods, pod.metadata.namespace, pod.metadata.name ?? '', {
              preconditions: { uid: pod.metadata.uid },
            });
            events.record(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
          } catch (err) {
            expectations.deletionObserved(key, keyOf(pod));
            if (!isNotFound(err)) throw err;
          }
        }),
      ]);
      await writeStatus(client, resources.daemonsets, ds, {
        ...plan.status,
        ...(ds.status?.collisionCount ? { collisionCount: ds.status.collisionCount } : {}),
      }).catch(ignoreGone);
      const live = new Set([revision.metadata.name ?? '']);
      const hashes = new Set(pods.map((p) => p.metadata.labels?.[REVISION_HASH_LABEL]));
      for (const r of revisions)
        if (hashes.has(r.metadata.labels?.[CR_HASH])) live.add(r.metadata.name ?? '');
      for (const r of revisionsToDelete(revisions, live, ds.spec.revisionHistoryLimit ?? 10)) {
        await client.delete(resources.controllerrevisions, ns, r.metadata.name ?? '').catch(ignoreGone);
      }
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      return plan.requeueAfterMs !== undefined ? { requeueAfterMs: plan.requeueAfterMs } : undefined;
    },
  });

  const ownerKey = (pod: KubeObject) => {
    const ref = controllerOwner(pod);
    return ref?.kind === 'DaemonSet' ? `${pod.metadata.namespace ?? ''}/${ref.name}` : undefined;
  };
  const enqueueAll = () => {
    for (const ds of dsInformer.list()) controller.enqueue(keyOf(ds));
  };
  dsInformer.on({
    add: (ds) => controller.enqueue(keyOf(ds)),
    update: (_old, ds) => controller.enqueue(keyOf(ds)),
    delete: (ds) => controller.enqueue(keyOf(ds)),
  });
  podInformer.on({
    add: (pod) => {
      const key = ownerKey(pod);
      if (!key) return;
      expectations.creationObserved(key);
      controller.enqueue(key);
    },
    update: (_old, pod) => {
      const key = ownerKey(pod);
      if (!key) return;
      if (pod.metadata.deletionTimestamp) expectations.deletionObserved(key, keyOf(pod));
      controller.enqueue(key);
    },
    delete: (pod) => {
      const key = ownerKey(pod);
      if (!key) return;
      expectations.deletionObserved(key, keyOf(pod));
      controller.enqueue(key);
    },
  });
  nodeInformer.on({
    add: enqueueAll,
    update: (old, node) => {
      if (nodePlacementChanged(old, node)) enqueueAll();
    },
    delete: enqueueAll,
  });
  revInformer.on({
    delete: (r) => {
      const ref = controllerOwner(r);
      if (ref?.kind === 'DaemonSet') controller.enqueue(`${r.metadata.namespace ?? ''}/${ref.name}`);
    },
  });
  return controller;
}

function ignoreGone(err: unknown): void {
  if (!isNotFound(err)) throw err;
}

export const daemonSetController: ControllerModule = { name: 'daemonset', setup };
