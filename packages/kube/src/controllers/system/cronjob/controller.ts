/**
 * @module controllers/system/cronjob/controller
 * The CronJob controller: starts Jobs at scheduled times (with the injected clock, so tests move time
 * instead of waiting), enforces the concurrency policy and history limits, and keeps status current.
 */
import type { KubeObject } from '@sphere/shared';
import { resources } from '../../../client/in-process';
import type { ControllerContext, ControllerModule } from '../../manager';
import { createController } from '../../runtime/controller';
import {
  controllerOf,
  errorCode,
  errorMessage,
  ignoreNotFound,
  keyOf,
  splitKey,
  writeStatus,
} from '../support';
import { planCronJob, type CronJob, type JobView } from './plan';

function setup(ctx: ControllerContext) {
  const cronjobs = ctx.informers.for(resources.cronjobs);
  const jobs = ctx.informers.for(resources.jobs);
  const events = ctx.events('cronjob-controller');
  const client = ctx.client;

  const controller = createController({
    name: 'cronjob',
    clock: ctx.clock,
    workers: 2,
    log: ctx.log,
    async reconcile(key) {
      const [ns, name] = splitKey(key);
      const cj = cronjobs.get(ns, name) as CronJob | undefined;
      if (!cj || cj.metadata.deletionTimestamp) return;
      const owned = jobs
        .ownedBy(cj.metadata.uid ?? '')
        .filter((j) => controllerOf(j)?.uid === cj.metadata.uid) as JobView[];
      const plan = planCronJob(cj, owned, ctx.clock.now());
      for (const job of plan.delete) {
        await client
          .delete(resources.jobs, ns, job.metadata.name ?? '', { propagationPolicy: 'Background' })
          .catch(ignoreNotFound);
        events.record(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name}`);
      }
      const status = plan.status;
      if (plan.create) {
        try {
          const job = await client.create(resources.jobs, plan.create);
          events.record(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`);
          status.active = [
            ...(status.active ?? []),
            {
              kind: 'Job',
              namespace: ns,
              name: job.metadata.name,
              uid: job.metadata.uid,
              apiVersion: 'batch/v1',
              resourceVersion: job.metadata.resourceVersion,
            },
          ];
        } catch (err) {
          // 409: the Job of this schedule exists already (an earlier pass created it).
          if (errorCode(err) !== 409) {
            events.record(cj, 'Warning', 'FailedCreate', `Error creating job: ${errorMessage(err)}`);
            throw err;
          }
        }
      }
      for (const e of plan.events) events.record(cj, e.type, e.reason, e.message);
      await writeStatus(client, resources.cronjobs, cj, status).catch(ignoreNotFound);
      // A small margin past the scheduled minute, so the next pass sees it as due.
      return plan.requeueAfterMs !== undefined ? { requeueAfterMs: plan.requeueAfterMs + 100 } : undefined;
    },
  });

  const enqueueOwner = (job: KubeObject) => {
    const ref = controllerOf(job);
    if (ref?.kind === 'CronJob') controller.enqueue(`${job.metadata.namespace ?? ''}/${ref.name}`);
  };
  cronjobs.on({ add: (c) => controller.enqueue(keyOf(c)), update: (_o, c) => controller.enqueue(keyOf(c)) });
  jobs.on({ add: enqueueOwner, update: (_o, j) => enqueueOwner(j), delete: enqueueOwner });
  return controller;
}

export const cronJobController: ControllerModule = { name: 'cronjob', setup };
