/**
 * @module controllers/system/quota/controller
 * The ResourceQuota controller: writes status.hard (from spec.hard) and status.used (what the namespace's
 * objects use of each limited resource). Pod, service, config map, secret and claim changes trigger a
 * recount at once; other counted kinds (`count/deployments.apps`...) are recounted every minute.
 */
import type { KubeObject } from '@sphere/shared';
import { resources, type ResourceRef } from '../../../client/in-process';
import type { ControllerContext, ControllerModule } from '../../manager';
import { createController } from '../../runtime/controller';
import { ignoreNotFound, keyOf, splitKey, writeStatus } from '../support';
import { countedResource, formatUsage, objectUsage, sumUsage, type Usage } from './usage';

const resyncMs = 60_000;

function setup(ctx: ControllerContext) {
  const quotas = ctx.informers.for(resources.resourcequotas);
  const watched = [
    resources.pods,
    resources.services,
    resources.configmaps,
    resources.secrets,
    resources.persistentvolumeclaims,
  ];
  const informers = new Map(watched.map((ref) => [ref.resource, ctx.informers.for(ref)]));

  const refFor = (resource: string, group: string): ResourceRef | undefined =>
    ctx.servedResources().find((s) => s.ref.resource === resource && s.ref.group === group && s.namespaced)
      ?.ref;

  const controller = createController({
    name: 'resourcequota',
    clock: ctx.clock,
    workers: 2,
    log: ctx.log,
    async reconcile(key) {
      const [ns, name] = splitKey(key);
      const quota = quotas.get(ns, name);
      if (!quota) return;
      const hard = ((quota.spec as { hard?: Record<string, string> } | undefined)?.hard ?? {}) as Record<
        string,
        string
      >;
      const keys = Object.keys(hard);
      const parts: Usage[] = [];
      const done = new Set<string>();
      for (const k of keys) {
        const counted = countedResource(k);
        if (!counted) continue;
        const id = `${counted.group}/${counted.resource}`;
        if (done.has(id)) continue;
        done.add(id);
        const cached = counted.group === '' ? informers.get(counted.resource) : undefined;
        let objects: KubeObject[];
        if (cached) objects = cached.list(ns);
        else {
          const ref = refFor(counted.resource, counted.group);
          objects = ref ? (await ctx.client.list(ref, { namespace: ns })).items : [];
        }
        for (const obj of objects) parts.push(objectUsage(counted.resource, counted.group, obj));
      }
      const used = sumUsage(parts, keys);
      const status = {
        hard: { ...hard },
        used: Object.fromEntries(keys.map((k) => [k, formatUsage(k, used[k] ?? 0)])),
      };
      await writeStatus(ctx.client, resources.resourcequotas, quota, status).catch(ignoreNotFound);
      return { requeueAfterMs: resyncMs };
    },
  });

  quotas.on({ add: (q) => controller.enqueue(keyOf(q)), update: (_o, q) => controller.enqueue(keyOf(q)) });
  const recount = (obj: KubeObject) => {
    for (const q of quotas.list(obj.metadata.namespace)) controller.enqueue(keyOf(q));
  };
  for (const inf of informers.values())
    inf.on({ add: recount, update: (_o, o) => recount(o), delete: recount });
  return controller;
}

export const resourceQuotaController: ControllerModule = { name: 'resourcequota', setup };
