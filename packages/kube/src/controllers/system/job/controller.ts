/**
 * @module controllers/system/job/controller
 * The Job controller: runs a Job's pods to completion. Reads the Job and its pods from the informers,
 * decides with `planJob`, then applies the plan: interim status, finalizer removal, deletions, creations,
 * final status and events.
 */
import type { KubeObject } from '@sphere/shared';
import { resources, type KubeClient } from '../../../client/in-process';
import type { ControllerContext, ControllerModule } from '../../manager';
import { createController } from '../../runtime/controller';
import {
  controllerOf,
  controllerRef,
  errorMessage,
  ignoreNotFound,
  keyOf,
  Expectations,
  splitKey,
  writeStatus,
} from '../support';
import { planJob } from './plan';
import { completionIndexKey, trackingFinalizer, type Job, type Pod } from './types';

interface Container {
  name: string;
  env?: { name: string; value?: string; valueFrom?: unknown }[];
}

/** The pod a Job creates (for Indexed Jobs, the pod of completion index `index`). */
export function podForJob(job: Job, index: number | undefined): Pod {
  const tpl = job.spec.template;
  const name = job.metadata.name ?? '';
  const labels: Record<string, string> = { ...(tpl.metadata?.labels ?? {}) };
  const annotations: Record<string, string> = { ...(tpl.metadata?.annotations ?? {}) };
  const spec = structuredClone(tpl.spec) as Record<string, unknown>;
  if (index !== undefined) {
    labels[completionIndexKey] = String(index);
    annotations[completionIndexKey] = String(index);
    spec.hostname ??= `${name}-${index}`;
    const env = {
      name: 'JOB_COMPLETION_INDEX',
      valueFrom: { fieldRef: { fieldPath: `metadata.labels['${completionIndexKey}']` } },
    };
    for (const field of ['initContainers', 'containers']) {
      for (const c of (spec[field] as Container[] | undefined) ?? [])
        if (!c.env?.some((e) => e.name === env.name)) c.env = [...(c.env ?? []), env];
    }
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: index === undefined ? `${name}-` : `${name}-${index}-`,
      namespace: job.metadata.namespace,
      labels,
      ...(Object.keys(annotations).length ? { annotations } : {}),
      finalizers: [...(tpl.metadata?.finalizers ?? []), trackingFinalizer],
      ownerReferences: [controllerRef(job, 'batch/v1', 'Job')],
    },
    spec,
  };
}

async function removeFinalizer(client: KubeClient, pod: Pod): Promise<void> {
  const finalizers = pod.metadata.finalizers ?? [];
  if (!finalizers.includes(trackingFinalizer)) return;
  await client
    .patch(resources.pods, pod.metadata.namespace, pod.metadata.name ?? '', 'merge', {
      metadata: {
        resourceVersion: pod.metadata.resourceVersion,
        finalizers: finalizers.filter((f) => f !== trackingFinalizer),
      },
    })
    .catch(ignoreNotFound);
}

function setup(ctx: ControllerContext) {
  const jobs = ctx.informers.for(resources.jobs);
  const pods = ctx.informers.for(resources.pods);
  const events = ctx.events('job-controller');
  const expectations = new Expectations(ctx.clock);
  // The caches lag behind our own writes. Pods whose tracking finalizer we removed are seen without it
  // until the pod cache catches up (or they would be counted twice), and a Job is not reconciled from a
  // status older than the one we last wrote (or counted pods would be lost).
  const finalized = new Map<string, Set<string>>();
  const writtenRv = new Map<string, number>();
  const client = ctx.client;
  const removeTracked = async (key: string, pod: Pod) => {
    await removeFinalizer(client, pod);
    const uids = finalized.get(key) ?? new Set<string>();
    uids.add(pod.metadata.uid ?? '');
    finalized.set(key, uids);
  };
  const remember = (key: string, obj: KubeObject | undefined) => {
    if (obj) writtenRv.set(key, Number(obj.metadata.resourceVersion));
    return obj;
  };

  const controller = createController({
    name: 'job',
    clock: ctx.clock,
    workers: 4,
    log: ctx.log,
    async reconcile(key) {
      const [ns, name] = splitKey(key);
      const job = jobs.get(ns, name) as Job | undefined;
      if (!job || job.metadata.deletionTimestamp) {
        expectations.forget(key);
        finalized.delete(key);
        writtenRv.delete(key);
        return;
      }
      if (Number(job.metadata.resourceVersion) < (writtenRv.get(key) ?? 0)) return { requeueAfterMs: 1000 };
      // Pod events re-enqueue the Job once the cache has caught up; the requeue covers lost events.
      if (!expectations.satisfied(key)) return { requeueAfterMs: 60_000 };
      const done = finalized.get(key);
      const owned = (pods.ownedBy(job.metadata.uid ?? '') as Pod[])
        .filter((p) => controllerOf(p)?.uid === job.metadata.uid)
        .map((p) =>
          done?.has(p.metadata.uid ?? '')
            ? {
                ...p,
                metadata: {
                  ...p.metadata,
                  finalizers: p.metadata.finalizers?.filter((f) => f !== trackingFinalizer),
                },
              }
            : p,
        );
      const plan = planJob(job, owned, ctx.clock.now());
      if (plan.deleteJob) {
        await client
          .delete(resources.jobs, ns, name, {
            propagationPolicy: 'Background',
            preconditions: { uid: job.metadata.uid },
          })
          .catch(ignoreNotFound);
        return;
      }
      let current: KubeObject = job;
      if (plan.interimStatus)
        current = remember(key, await writeStatus(client, resources.jobs, job, plan.interimStatus)) ?? job;
      await Promise.all(plan.finalize.map((p) => removeTracked(key, p)));
      await Promise.all(
        plan.delete.map(async (pod) => {
          expectations.expectDelete(key, pod.metadata.name ?? '');
          try {
            await removeTracked(key, pod);
            await client.delete(resources.pods, ns, pod.metadata.name ?? '');
            events.record(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
          } catch (err) {
            expectations.deletionObserved(key, pod.metadata.name ?? '');
            ignoreNotFound(err);
          }
        }),
      );
      expectations.expectCreates(key, plan.create.length);
      await Promise.all(
        plan.create.map(async (index) => {
          try {
            const pod = await client.create(resources.pods, podForJob(job, index));
            events.record(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`);
          } catch (err) {
            expectations.creationObserved(key);
            events.record(job, 'Warning', 'FailedCreate', `Error creating: ${errorMessage(err)}`);
            throw err;
          }
        }),
      );
      remember(
        key,
        (await writeStatus(client, resources.jobs, current, plan.status).catch(ignoreNotFound)) ?? undefined,
      );
      for (const e of plan.events) events.record(job, e.type, e.reason, e.message);
      return plan.requeueAfterMs !== undefined ? { requeueAfterMs: plan.requeueAfterMs } : undefined;
    },
  });

  const ownerKey = (pod: KubeObject) => {
    const ref = controllerOf(pod);
    return ref?.kind === 'Job' ? `${pod.metadata.namespace ?? ''}/${ref.name}` : undefined;
  };
  jobs.on({
    add: (j) => controller.enqueue(keyOf(j)),
    update: (_o, j) => controller.enqueue(keyOf(j)),
    delete: (j) => controller.enqueue(keyOf(j)),
  });
  const podEvent = (pod: KubeObject, added = false) => {
    const key = ownerKey(pod);
    if (!key) return;
    if (!pod.metadata.finalizers?.includes(trackingFinalizer))
      finalized.get(key)?.delete(pod.metadata.uid ?? '');
    if (added) expectations.creationObserved(key);
    if (pod.metadata.deletionTimestamp) expectations.deletionObserved(key, pod.metadata.name ?? '');
    controller.enqueue(key);
  };
  pods.on({
    add: (p) => podEvent(p, true),
    update: (_o, p) => podEvent(p),
    delete: (p) => {
      const key = ownerKey(p);
      if (key) expectations.deletionObserved(key, p.metadata.name ?? '');
      if (key) finalized.get(key)?.delete(p.metadata.uid ?? '');
      podEvent(p);
    },
  });
  return controller;
}

export const jobController: ControllerModule = { name: 'job', setup };
