/**
 * @module controllers/system/endpoints/controller
 * Keeps each selector Service's Endpoints and EndpointSlices in step with its pods (upstream's endpoint
 * and endpointslice controllers, in one reconcile per Service).
 */
import { matchesLabelSelector, type KubeObject } from '@sphere/shared';
import { resources } from '../../../client/in-process';
import type { ControllerContext, ControllerModule } from '../../manager';
import { createController } from '../../runtime/controller';
import { controllerRef, deepEqual, errorCode, ignoreNotFound, keyOf, splitKey } from '../support';
import {
  desiredEndpoints,
  desiredSlices,
  headlessLabel,
  managedBy,
  managedByLabel,
  managesService,
  planSlices,
  podEndpoints,
  serviceNameLabel,
  type Pod,
  type Service,
  type SliceContent,
} from './plan';

function sliceObject(svc: Service, content: SliceContent, base?: KubeObject): KubeObject {
  const labels: Record<string, string> = {
    ...(svc.metadata.labels ?? {}),
    [serviceNameLabel]: svc.metadata.name ?? '',
    [managedByLabel]: managedBy,
  };
  if (svc.spec?.clusterIP === 'None') labels[headlessLabel] = '';
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      ...(base
        ? { name: base.metadata.name, resourceVersion: base.metadata.resourceVersion }
        : { generateName: `${svc.metadata.name}-` }),
      namespace: svc.metadata.namespace,
      labels,
      ownerReferences: [controllerRef(svc, 'v1', 'Service')],
    },
    addressType: 'IPv4',
    endpoints: content.endpoints,
    ports: content.ports.length ? content.ports : null,
  } as KubeObject;
}

function setup(ctx: ControllerContext) {
  const services = ctx.informers.for(resources.services);
  const pods = ctx.informers.for(resources.pods);
  const endpoints = ctx.informers.for(resources.endpoints);
  const slices = ctx.informers.for(resources.endpointslices);
  const client = ctx.client;

  const controller = createController({
    name: 'endpoint',
    clock: ctx.clock,
    workers: 2,
    log: ctx.log,
    async reconcile(key) {
      const [ns, name] = splitKey(key);
      const svc = services.get(ns, name) as Service | undefined;
      const current = endpoints.get(ns, name);
      if (!svc || !managesService(svc)) {
        // Endpoints of a deleted Service go with it; a selector-less Service's are the user's.
        if (!svc && current) await client.delete(resources.endpoints, ns, name).catch(ignoreNotFound);
        return;
      }
      const eps = podEndpoints(svc, pods.list(ns) as Pod[]);
      const want = desiredEndpoints(svc, eps);
      if (!current) {
        await client.create(resources.endpoints, want).catch((err) => {
          if (errorCode(err) !== 409) throw err;
        });
      } else if (
        !deepEqual(current.metadata.labels ?? {}, want.metadata.labels ?? {}) ||
        !deepEqual(
          (current as { subsets?: unknown }).subsets ?? [],
          (want as { subsets?: unknown }).subsets ?? [],
        )
      ) {
        const next = { ...want, metadata: { ...current.metadata, labels: want.metadata.labels } };
        await client.update(resources.endpoints, next);
      }

      const owned = slices
        .list(ns)
        .filter(
          (s) =>
            s.metadata.labels?.[serviceNameLabel] === name &&
            s.metadata.labels?.[managedByLabel] === managedBy &&
            !s.metadata.deletionTimestamp,
        );
      const plan = planSlices(owned, desiredSlices(eps));
      for (const { slice, content } of plan.update)
        await client.update(resources.endpointslices, sliceObject(svc, content, slice));
      for (const content of plan.create)
        await client.create(resources.endpointslices, sliceObject(svc, content));
      for (const slice of plan.delete)
        await client.delete(resources.endpointslices, ns, slice.metadata.name ?? '').catch(ignoreNotFound);
    },
  });

  const enqueueForPod = (pod: KubeObject, old?: KubeObject) => {
    for (const svc of services.list(pod.metadata.namespace) as Service[]) {
      if (!managesService(svc)) continue;
      const sel = { matchLabels: svc.spec?.selector ?? {} };
      if (
        matchesLabelSelector(sel, pod.metadata.labels) ||
        (old && matchesLabelSelector(sel, old.metadata.labels))
      )
        controller.enqueue(keyOf(svc));
    }
  };
  services.on({
    add: (s) => controller.enqueue(keyOf(s)),
    update: (_o, s) => controller.enqueue(keyOf(s)),
    delete: (s) => controller.enqueue(keyOf(s)),
  });
  pods.on({
    add: (p) => enqueueForPod(p),
    update: (o, p) => enqueueForPod(p, o),
    delete: (p) => enqueueForPod(p),
  });
  endpoints.on({
    delete: (e) => controller.enqueue(keyOf(e)),
    update: (_o, e) => controller.enqueue(keyOf(e)),
  });
  const sliceKey = (s: KubeObject) => {
    const svc = s.metadata.labels?.[serviceNameLabel];
    if (svc && s.metadata.labels?.[managedByLabel] === managedBy)
      controller.enqueue(`${s.metadata.namespace}/${svc}`);
  };
  slices.on({ update: (_o, s) => sliceKey(s), delete: sliceKey });
  return controller;
}

export const endpointsController: ControllerModule = { name: 'endpoint', setup };
