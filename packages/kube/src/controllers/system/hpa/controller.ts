/**
 * @module controllers/system/hpa/controller
 * The HorizontalPodAutoscaler controller: every 15 seconds (of the injected clock) it reads the target's
 * scale subresource and its pods' usage, decides with `planHpa`, rescales through the scale subresource
 * and writes status. `hpaControllerWith(metrics)` takes a MetricsSource; the default reads the node
 * simulator's usage model.
 */
import { matchesRequirements, parseQuantity, parseSelector, type KubeObject } from '@sphere/shared';
import { resources, type ResourceRef } from '../../../client/in-process';
import type { ControllerContext, ControllerModule } from '../../manager';
import { createController } from '../../runtime/controller';
import {
  errorMessage,
  ignoreNotFound,
  keyOf,
  setCondition,
  splitKey,
  ts,
  writeStatus,
  type Condition,
} from '../support';
import { simulatedMetrics, type MetricsSource } from './metrics';
import { planHpa, type HpaSpec, type PodRequests, type Recommendation } from './plan';

export const syncPeriodMs = 15_000;

const targets: Record<string, ResourceRef> = {
  'apps/Deployment': resources.deployments,
  'apps/StatefulSet': resources.statefulsets,
  'apps/ReplicaSet': resources.replicasets,
};

interface PodView extends KubeObject {
  spec?: { containers?: { resources?: { requests?: Record<string, string> } }[] };
  status?: { phase?: string; conditions?: { type: string; status: string }[] };
}

function requestsOf(pod: PodView): PodRequests {
  const sum = (res: string, scale: number) => {
    let total = 0;
    for (const c of pod.spec?.containers ?? []) {
      const v = c.resources?.requests?.[res];
      if (v === undefined) return undefined;
      total += parseQuantity(v) * scale;
    }
    return total;
  };
  return { pod: pod.metadata.name ?? '', cpuMillis: sum('cpu', 1000), memoryBytes: sum('memory', 1) };
}

const isReadyRunning = (p: PodView) =>
  p.status?.phase === 'Running' &&
  !p.metadata.deletionTimestamp &&
  !!p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

function setup(ctx: ControllerContext, metricsSource?: MetricsSource, period = syncPeriodMs) {
  const hpas = ctx.informers.for(resources.horizontalpodautoscalers);
  const pods = ctx.informers.for(resources.pods);
  const metrics = metricsSource ?? simulatedMetrics(pods, ctx.clock, ctx.informers.for(resources.services));
  const events = ctx.events('horizontal-pod-autoscaler');
  const history = new Map<string, Recommendation[]>();
  const client = ctx.client;

  const controller = createController({
    name: 'horizontalpodautoscaling',
    clock: ctx.clock,
    workers: 2,
    log: ctx.log,
    async reconcile(key) {
      const [ns, name] = splitKey(key);
      const hpa = hpas.get(ns, name);
      if (!hpa) {
        history.delete(key);
        return;
      }
      const spec = hpa.spec as HpaSpec;
      const prior = (hpa.status ?? {}) as { conditions?: Condition[]; lastScaleTime?: string };
      const now = ctx.clock.now();
      const group = (spec.scaleTargetRef.apiVersion ?? '').split('/').slice(0, -1).join('/');
      const ref = targets[`${group}/${spec.scaleTargetRef.kind}`];
      let scale: KubeObject | undefined;
      let failure = ref
        ? ''
        : `the HPA controller was unable to get the target's current scale: no scale subresource for ${spec.scaleTargetRef.kind}`;
      if (ref) {
        try {
          scale = await client.get(ref, ns, spec.scaleTargetRef.name, 'scale');
        } catch (err) {
          failure = `the HPA controller was unable to get the target's current scale: ${errorMessage(err)}`;
        }
      }
      if (!scale || !ref) {
        const conditions = setCondition(prior.conditions, {
          type: 'AbleToScale',
          status: 'False',
          reason: 'FailedGetScale',
          message: failure,
          lastTransitionTime: ts(now),
        });
        events.record(hpa, 'Warning', 'FailedGetScale', failure);
        await writeStatus(client, resources.horizontalpodautoscalers, hpa, {
          ...prior,
          currentReplicas: 0,
          desiredReplicas: 0,
          conditions,
        }).catch(ignoreNotFound);
        return { requeueAfterMs: period };
      }
      const currentReplicas = Number((scale.spec as { replicas?: number } | undefined)?.replicas ?? 0);
      const selector = (scale.status as { selector?: string } | undefined)?.selector ?? '';
      const reqs = parseSelector(selector);
      const targetPods = (pods.list(ns) as PodView[]).filter(
        (p) => selector && matchesRequirements(reqs, p.metadata.labels) && isReadyRunning(p),
      );
      const past = (history.get(key) ?? []).filter((h) => h.at > now.getTime() - 600_000);
      const plan = planHpa({
        spec,
        conditions: prior.conditions,
        lastScaleTime: prior.lastScaleTime,
        currentReplicas,
        pods: targetPods.map(requestsOf),
        usage: selector ? metrics.podUsage(ns, selector) : [],
        history: past,
        now,
      });
      if (plan.recommendation) history.set(key, [...past, plan.recommendation]);
      let lastScaleTime = prior.lastScaleTime;
      if (plan.rescaleReason) {
        await client.patch(
          ref,
          ns,
          spec.scaleTargetRef.name,
          'merge',
          { spec: { replicas: plan.desiredReplicas } },
          { subresource: 'scale' },
        );
        events.record(
          hpa,
          'Normal',
          'SuccessfulRescale',
          `New size: ${plan.desiredReplicas}; reason: ${plan.rescaleReason}`,
        );
        lastScaleTime = ts(now);
      }
      const status = {
        ...(hpa.metadata.generation !== undefined ? { observedGeneration: hpa.metadata.generation } : {}),
        ...(lastScaleTime ? { lastScaleTime } : {}),
        currentReplicas: Number(
          (scale.status as { replicas?: number } | undefined)?.replicas ?? currentReplicas,
        ),
        desiredReplicas: plan.desiredReplicas,
        ...(plan.currentMetrics.length ? { currentMetrics: plan.currentMetrics } : {}),
        conditions: plan.conditions,
      };
      await writeStatus(client, resources.horizontalpodautoscalers, hpa, status).catch(ignoreNotFound);
      return { requeueAfterMs: period };
    },
  });
  hpas.on({
    add: (h) => controller.enqueue(keyOf(h)),
    update: (o, h) => o.metadata.generation !== h.metadata.generation && controller.enqueue(keyOf(h)),
  });
  return controller;
}

/**
 * The HPA controller reading usage from `metrics` (default: the simulated nodes' usage model), syncing
 * every `syncPeriodMs` of the injected clock (default 15 s, as kube-controller-manager).
 */
export function hpaControllerWith(
  metrics?: MetricsSource,
  options: { syncPeriodMs?: number } = {},
): ControllerModule {
  return { name: 'horizontalpodautoscaling', setup: (ctx) => setup(ctx, metrics, options.syncPeriodMs) };
}

export const hpaController: ControllerModule = hpaControllerWith();
