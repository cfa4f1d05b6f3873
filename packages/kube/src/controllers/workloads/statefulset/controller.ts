/**
 * @module controllers/workloads/statefulset/controller
 * The StatefulSet controller: keeps ControllerRevisions for the template, decides with
 * `planStatefulSet`, then creates claims and pods, deletes pods (scale-down, update, failed), records
 * the events users know ("create Pod web-0 in StatefulSet web successful") and writes status.
 */
import { matchesLabelSelector, type KubeObject } from '@sphere/shared';
import { resources, type KubeClient } from '../../../client/in-process';
import type { ControllerContext, ControllerModule } from '../../manager';
import { createController } from '../../runtime/controller';
import type { EventRecorder } from '../../runtime/events';
import { adopt, errorMessage, isNotFound, resolveRevision, writeStatus } from '../executor';
import { revisionsToDelete, templateOf } from '../history';
import { OrphanIndex } from '../orphans';
import type { ControllerRevision, Pod, StatefulSet } from '../types';
import { controllerOwner, controllerRef, isControlledBy } from '../util';
import { ordinalOf, revisionOfPod } from './identity';
import { planStatefulSet, type StatefulAction } from './plan';

const keyOf = (o: KubeObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
const isAlreadyExists = (err: unknown) => (err as { reason?: string }).reason === 'AlreadyExists';

function setup(ctx: ControllerContext) {
  const setInformer = ctx.informers.for(resources.statefulsets);
  const podInformer = ctx.informers.for(resources.pods);
  const revInformer = ctx.informers.for(resources.controllerrevisions);
  const claimInformer = ctx.informers.for(resources.persistentvolumeclaims);
  const orphans = new OrphanIndex(podInformer);
  const events = ctx.events('statefulset-controller');
  const client = ctx.client;

  const controller = createController({
    name: 'statefulset',
    clock: ctx.clock,
    workers: 2,
    log: ctx.log,
    reconcile: async (key) => {
      const [ns, name] = key.split('/');
      const set = setInformer.get(ns, name) as StatefulSet | undefined;
      if (!set) return;
      const uid = set.metadata.uid;
      const revisions = revInformer
        .ownedBy(uid ?? '')
        .filter((r) => isControlledBy(r, uid)) as ControllerRevision[];
      const update = await resolveRevision(client, resources.statefulsets, 'StatefulSet', set, revisions);
      if (!update) return;
      const currentRev = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;

      const ref = controllerRef(set, 'apps/v1', 'StatefulSet');
      if (!set.metadata.deletionTimestamp) {
        const adoptable = (orphans.in(ns) as Pod[]).filter(
          (p) =>
            ordinalOf(set, p) >= 0 &&
            matchesLabelSelector(set.spec.selector, p.metadata.labels) &&
            !p.metadata.deletionTimestamp,
        );
        await Promise.all(adoptable.map((p) => adopt(client, resources.pods, p, ref).catch(ignoreGone)));
      }
      const pods = podInformer
        .ownedBy(uid ?? '')
        .filter((p) => isControlledBy(p, uid) && ordinalOf(set, p) >= 0) as Pod[];
      const plan = planStatefulSet({
        set,
        pods,
        claimExists: (claim) => !!claimInformer.get(ns, claim),
        current: { name: currentRev.metadata.name ?? '', template: templateOf(currentRev) },
        update: { name: update.metadata.name ?? '', template: templateOf(update) },
        now: ctx.clock.now(),
      });
      for (const action of plan.actions) await execute(client, events, set, action);
      await writeStatus(client, resources.statefulsets, set, plan.status).catch(ignoreGone);

      const live = new Set([plan.status.currentRevision ?? '', plan.status.updateRevision ?? '']);
      for (const p of pods) live.add(revisionOfPod(p) ?? '');
      const all = revisions.some((r) => r.metadata.name === update.metadata.name)
        ? revisions
        : [...revisions, update];
      for (const r of revisionsToDelete(all, live, set.spec.revisionHistoryLimit ?? 10)) {
        await client.delete(resources.controllerrevisions, ns, r.metadata.name ?? '').catch(ignoreGone);
      }
      return plan.requeueAfterMs !== undefined ? { requeueAfterMs: plan.requeueAfterMs } : undefined;
    },
  });

  const enqueueOwner = (obj: KubeObject) => {
    const ref = controllerOwner(obj);
    if (ref?.kind === 'StatefulSet') return controller.enqueue(`${obj.metadata.namespace ?? ''}/${ref.name}`);
    if (ref || obj.kind === 'ControllerRevision') return;
    for (const set of setInformer.list(obj.metadata.namespace) as StatefulSet[]) {
      if (ordinalOf(set, obj) >= 0 && matchesLabelSelector(set.spec.selector, obj.metadata.labels))
        controller.enqueue(keyOf(set));
    }
  };
  setInformer.on({
    add: (s) => controller.enqueue(keyOf(s)),
    update: (_old, s) => controller.enqueue(keyOf(s)),
    delete: (s) => controller.enqueue(keyOf(s)),
  });
  podInformer.on({ add: enqueueOwner, update: (_o, p) => enqueueOwner(p), delete: enqueueOwner });
  revInformer.on({ add: enqueueOwner, delete: enqueueOwner });
  return controller;
}

async function execute(
  client: KubeClient,
  events: EventRecorder,
  set: StatefulSet,
  action: StatefulAction,
): Promise<void> {
  const setName = set.metadata.name;
  const podName = action.pod.metadata.name;
  if (action.type === 'create' || action.type === 'createClaims') {
    for (const claim of action.claims) {
      try {
        await client.create(resources.persistentvolumeclaims, claim);
        events.record(
          set,
          'Normal',
          'SuccessfulCreate',
          `create Claim ${claim.metadata.name} Pod ${podName} in StatefulSet ${setName} success`,
        );
      } catch (err) {
        if (isAlreadyExists(err)) continue;
        events.record(
          set,
          'Warning',
          'FailedCreate',
          `create Claim ${claim.metadata.name} for Pod ${podName} in StatefulSet ${setName} failed error: ${errorMessage(err)}`,
        );
        throw err;
      }
    }
    if (action.type === 'createClaims') return;
    try {
      await client.create(resources.pods, action.pod);
      events.record(
        set,
        'Normal',
        'SuccessfulCreate',
        `create Pod ${podName} in StatefulSet ${setName} successful`,
      );
    } catch (err) {
      if (isAlreadyExists(err)) return;
      events.record(
        set,
        'Warning',
        'FailedCreate',
        `create Pod ${podName} in StatefulSet ${setName} failed error: ${errorMessage(err)}`,
      );
      throw err;
    }
    return;
  }
  for (const claim of action.claimsToPod ?? []) {
    await client
      .patch(resources.persistentvolumeclaims, set.metadata.namespace, claim, 'merge', {
        metadata: { ownerReferences: [controllerRef(action.pod, 'v1', 'Pod')] },
      })
      .catch(ignoreGone);
  }
  try {
    await client.delete(resources.pods, set.metadata.namespace, podName ?? '', {
      preconditions: { uid: action.pod.metadata.uid },
    });
    events.record(
      set,
      'Normal',
      'SuccessfulDelete',
      `delete Pod ${podName} in StatefulSet ${setName} successful`,
    );
  } catch (err) {
    if (isNotFound(err) || (err as { reason?: string }).reason === 'Conflict') return;
    events.record(
      set,
      'Warning',
      'FailedDelete',
      `delete Pod ${podName} in StatefulSet ${setName} failed error: ${errorMessage(err)}`,
    );
    throw err;
  }
}

function ignoreGone(err: unknown): void {
  if (!isNotFound(err)) throw err;
}

export const statefulSetController: ControllerModule = { name: 'statefulset', setup };
