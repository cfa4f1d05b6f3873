/**
 * @module controllers/system/volumes/controller
 * The persistent volume controllers: claims (protection, binding, simulated provisioning, expansion) and
 * volumes (protection, phase, reclaim). Decisions come from `planClaim` / `planVolume`; this file applies
 * them through the client.
 */
import type { KubeObject } from '@sphere/shared';
import { resources } from '../../../client/in-process';
import type { ControllerContext, ControllerModule } from '../../manager';
import { createController } from '../../runtime/controller';
import { errorCode, ignoreNotFound, keyOf, splitKey } from '../support';
import {
  bindCompletedAnnotation,
  boundByControllerAnnotation,
  boundStatus,
  planClaim,
  planVolume,
  pvcProtection,
  pvProtection,
  type Claim,
  type PodUse,
  type StorageClass,
  type Volume,
} from './plan';

interface PodView extends KubeObject {
  spec?: { nodeName?: string; volumes?: { persistentVolumeClaim?: { claimName?: string } }[] };
  status?: { phase?: string };
}

const claimsOfPod = (pod: PodView) =>
  (pod.spec?.volumes ?? []).map((v) => v.persistentVolumeClaim?.claimName).filter((n): n is string => !!n);

function withoutFinalizer(obj: KubeObject, finalizer: string) {
  return {
    metadata: {
      resourceVersion: obj.metadata.resourceVersion,
      finalizers: (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer),
    },
  };
}

function withFinalizer(obj: KubeObject, finalizer: string) {
  return {
    metadata: {
      resourceVersion: obj.metadata.resourceVersion,
      finalizers: [...(obj.metadata.finalizers ?? []), finalizer],
    },
  };
}

function setup(ctx: ControllerContext) {
  const claims = ctx.informers.for(resources.persistentvolumeclaims);
  const volumes = ctx.informers.for(resources.persistentvolumes);
  const classes = ctx.informers.for(resources.storageclasses);
  const pods = ctx.informers.for(resources.pods);
  const events = ctx.events('persistentvolume-controller');
  const client = ctx.client;

  const claimController = createController({
    name: 'persistentvolume-binder',
    clock: ctx.clock,
    workers: 2,
    log: ctx.log,
    async reconcile(key) {
      const [ns, name] = splitKey(key);
      const claim = claims.get(ns, name) as Claim | undefined;
      if (!claim) return;
      const users: PodUse[] = (pods.list(ns) as PodView[])
        .filter((p) => claimsOfPod(p).includes(name))
        .map((p) => ({
          name: p.metadata.name ?? '',
          nodeName: p.spec?.nodeName,
          finished: p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed',
        }));
      const actions = planClaim({
        claim,
        volumes: volumes.list() as Volume[],
        classes: classes.list() as StorageClass[],
        users,
      });
      let current: KubeObject = claim;
      for (const a of actions) {
        switch (a.kind) {
          case 'addFinalizer':
            current = await client.patch(
              resources.persistentvolumeclaims,
              ns,
              name,
              'merge',
              withFinalizer(current, pvcProtection),
            );
            break;
          case 'removeFinalizer':
            await client
              .patch(
                resources.persistentvolumeclaims,
                ns,
                name,
                'merge',
                withoutFinalizer(current, pvcProtection),
              )
              .catch(ignoreNotFound);
            break;
          case 'annotateClaim':
            current = await client.patch(resources.persistentvolumeclaims, ns, name, 'merge', {
              metadata: { annotations: a.annotations },
            });
            break;
          case 'event':
            events.record(claim, a.type, a.reason, a.message);
            break;
          case 'createVolume':
            try {
              await client.create(resources.persistentvolumes, a.volume);
              events.record(
                claim,
                'Normal',
                'ProvisioningSucceeded',
                `Successfully provisioned volume ${a.volume.metadata.name}`,
              );
            } catch (err) {
              if (errorCode(err) !== 409) throw err;
            }
            break;
          case 'bind': {
            let pv: KubeObject = a.volume;
            const ref = a.volume.spec.claimRef;
            if (!ref || ref.uid !== claim.metadata.uid) {
              pv = await client.patch(
                resources.persistentvolumes,
                undefined,
                a.volume.metadata.name ?? '',
                'merge',
                {
                  metadata: {
                    resourceVersion: a.volume.metadata.resourceVersion,
                    annotations: { [boundByControllerAnnotation]: 'yes' },
                  },
                  spec: {
                    claimRef: {
                      kind: 'PersistentVolumeClaim',
                      apiVersion: 'v1',
                      namespace: ns,
                      name,
                      uid: claim.metadata.uid,
                      resourceVersion: claim.metadata.resourceVersion,
                    },
                  },
                },
              );
            }
            if ((pv as Volume).status?.phase !== 'Bound')
              await client.patch(
                resources.persistentvolumes,
                undefined,
                pv.metadata.name ?? '',
                'merge',
                { status: { phase: 'Bound' } },
                { subresource: 'status' },
              );
            const annotations: Record<string, string> = { [bindCompletedAnnotation]: 'yes' };
            if (!claim.spec.volumeName) annotations[boundByControllerAnnotation] = 'yes';
            current = await client.patch(resources.persistentvolumeclaims, ns, name, 'merge', {
              metadata: { annotations },
              spec: { volumeName: pv.metadata.name },
            });
            await client.patch(
              resources.persistentvolumeclaims,
              ns,
              name,
              'merge',
              { status: boundStatus(claim, pv as Volume) },
              { subresource: 'status' },
            );
            break;
          }
          case 'resizeVolume': {
            events.record(
              claim,
              'Normal',
              'Resizing',
              `External resizer is resizing volume ${a.volume.metadata.name}`,
            );
            const pv = await client.patch(
              resources.persistentvolumes,
              undefined,
              a.volume.metadata.name ?? '',
              'merge',
              { spec: { capacity: { storage: a.storage } } },
            );
            await client.patch(
              resources.persistentvolumeclaims,
              ns,
              name,
              'merge',
              { status: { ...boundStatus(claim, pv as Volume), allocatedResources: { storage: a.storage } } },
              { subresource: 'status' },
            );
            events.record(
              claim,
              'Normal',
              'VolumeResizeSuccessful',
              `resize volume "${a.volume.metadata.name}" by resizer "${(a.volume.metadata.annotations ?? {})['pv.kubernetes.io/provisioned-by'] ?? 'simulated'}" succeeded`,
            );
            break;
          }
          case 'claimStatus':
            await client.patch(
              resources.persistentvolumeclaims,
              ns,
              name,
              'merge',
              { status: a.status },
              { subresource: 'status' },
            );
            break;
        }
      }
    },
  });

  const volumeController = createController({
    name: 'persistentvolume',
    clock: ctx.clock,
    workers: 2,
    log: ctx.log,
    async reconcile(name) {
      const pv = volumes.get(undefined, name) as Volume | undefined;
      if (!pv) return;
      const ref = pv.spec.claimRef;
      const claim = ref ? (claims.get(ref.namespace, ref.name ?? '') as Claim | undefined) : undefined;
      for (const a of planVolume(pv, claim)) {
        if (a.kind === 'addFinalizer')
          await client.patch(
            resources.persistentvolumes,
            undefined,
            name,
            'merge',
            withFinalizer(pv, pvProtection),
          );
        else if (a.kind === 'removeFinalizer')
          await client
            .patch(resources.persistentvolumes, undefined, name, 'merge', withoutFinalizer(pv, pvProtection))
            .catch(ignoreNotFound);
        else if (a.kind === 'phase')
          await client.patch(
            resources.persistentvolumes,
            undefined,
            name,
            'merge',
            { status: { phase: a.phase } },
            { subresource: 'status' },
          );
        else if (a.kind === 'delete') {
          await client
            .patch(resources.persistentvolumes, undefined, name, 'merge', withoutFinalizer(pv, pvProtection))
            .catch(ignoreNotFound);
          await client.delete(resources.persistentvolumes, undefined, name).catch(ignoreNotFound);
        }
      }
    },
  });

  const enqueueClaim = (c: KubeObject) => claimController.enqueue(keyOf(c));
  claims.on({
    add: enqueueClaim,
    update: (_o, c) => enqueueClaim(c),
    delete: (c) => {
      const volumeName = (c as Claim).spec?.volumeName;
      if (volumeName) volumeController.enqueue(volumeName);
    },
  });
  const volumeEvent = (pv: KubeObject) => {
    volumeController.enqueue(pv.metadata.name ?? '');
    const ref = (pv as Volume).spec?.claimRef;
    if (ref?.name) claimController.enqueue(`${ref.namespace ?? ''}/${ref.name}`);
  };
  volumes.on({ add: volumeEvent, update: (_o, pv) => volumeEvent(pv), delete: volumeEvent });
  const podEvent = (pod: KubeObject) => {
    for (const claim of claimsOfPod(pod as PodView))
      claimController.enqueue(`${pod.metadata.namespace ?? ''}/${claim}`);
  };
  pods.on({ add: podEvent, update: (_o, p) => podEvent(p), delete: podEvent });
  return [claimController, volumeController];
}

export const volumeControllers: ControllerModule = { name: 'persistentvolume', setup };
