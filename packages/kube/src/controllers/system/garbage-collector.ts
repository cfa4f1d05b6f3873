/**
 * @module controllers/system/garbage-collector
 * Deletes objects whose owners are gone, orphans dependents of objects deleted with the `orphan`
 * finalizer, and deletes dependents first for `foregroundDeletion` — over every served resource,
 * including custom resources that appear while the cluster runs.
 */
import type { KubeObject, OwnerReference } from '@sphere/shared';
import { parseApiVersion } from '@sphere/shared';
import type { ResourceRef } from '../../client/in-process';
import type { ControllerContext, ControllerModule, ServedResource } from '../manager';
import { createController } from '../runtime/controller';
import type { Informer } from '../runtime/informer';
import { foregroundFinalizer, planDependent, planOwner, refTo, type OwnerState } from './gc-plan';

interface Entry {
  resource: ServedResource;
  namespace?: string;
  name: string;
  owners: string[];
}

const refKey = (r: ResourceRef) => `${r.group}/${r.version}/${r.resource}`;

export const garbageCollector: ControllerModule = {
  name: 'garbage-collector',
  setup(ctx) {
    const objects = new Map<string, Entry>();
    const dependents = new Map<string, Set<string>>();
    const informers = new Map<string, { informer: Informer; resource: ServedResource }>();

    const unindex = (uid: string) => {
      const entry = objects.get(uid);
      if (!entry) return;
      for (const owner of entry.owners) {
        dependents.get(owner)?.delete(uid);
        if (dependents.get(owner)?.size === 0) dependents.delete(owner);
      }
      objects.delete(uid);
    };
    const index = (resource: ServedResource, obj: KubeObject) => {
      const uid = obj.metadata.uid ?? '';
      unindex(uid);
      const owners = (obj.metadata.ownerReferences ?? []).map((r) => r.uid);
      objects.set(uid, {
        resource,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name ?? '',
        owners,
      });
      for (const owner of owners) {
        const set = dependents.get(owner) ?? new Set<string>();
        set.add(uid);
        dependents.set(owner, set);
      }
    };
    const read = (uid: string): KubeObject | undefined => {
      const entry = objects.get(uid);
      if (!entry) return undefined;
      return informers.get(refKey(entry.resource.ref))?.informer.get(entry.namespace, entry.name);
    };

    const ownerState = async (dep: KubeObject, ref: OwnerReference): Promise<OwnerState> => {
      const owner = read(ref.uid);
      if (owner) {
        return owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes(foregroundFinalizer)
          ? 'deleting-foreground'
          : 'present';
      }
      // Not in our caches: ask the API (the owner's kind may have just appeared).
      const { group, version } = parseApiVersion(ref.apiVersion);
      const served = ctx.servedResources().find((r) => r.ref.group === group && r.kind === ref.kind);
      if (!served) return 'absent';
      try {
        const live = await ctx.client.get(
          { ...served.ref, version },
          served.namespaced ? dep.metadata.namespace : undefined,
          ref.name,
        );
        return live.metadata.uid === ref.uid ? 'present' : 'absent';
      } catch (err) {
        if ((err as { code?: number }).code === 404) return 'absent';
        throw err;
      }
    };

    const controller = createController({
      name: 'garbage-collector',
      clock: ctx.clock,
      log: ctx.log,
      workers: 2,
      async reconcile(uid) {
        const obj = read(uid);
        const entry = objects.get(uid);
        if (!obj || !entry) return;
        const ref = entry.resource.ref;
        const ns = obj.metadata.namespace;
        const name = obj.metadata.name ?? '';
        const deps = [...(dependents.get(uid) ?? [])].map(read).filter((d): d is KubeObject => !!d);
        const ownerAction = planOwner(obj, deps);
        switch (ownerAction.type) {
          case 'orphanDependents':
            for (const d of ownerAction.dependents)
              await removeOwnerRefs(ctx, objects.get(d.metadata.uid ?? '')!, d, [uid]);
            await removeFinalizer(ctx, ref, obj, ownerAction.thenRemove);
            return;
          case 'deleteDependents':
            for (const d of ownerAction.dependents) {
              const e = objects.get(d.metadata.uid ?? '');
              if (!e) continue;
              const policy = refTo(d, uid)?.blockOwnerDeletion ? 'Foreground' : 'Background';
              await ignoreNotFound(
                ctx.client.delete(e.resource.ref, d.metadata.namespace, d.metadata.name ?? '', {
                  propagationPolicy: policy,
                  preconditions: { uid: d.metadata.uid },
                }),
              );
            }
            return;
          case 'removeFinalizer':
            await removeFinalizer(ctx, ref, obj, ownerAction.finalizer);
            return;
        }
        const states = new Map<string, OwnerState>();
        for (const r of obj.metadata.ownerReferences ?? []) states.set(r.uid, await ownerState(obj, r));
        const action = planDependent(obj, states);
        if (action.type === 'delete') {
          await ignoreNotFound(
            ctx.client.delete(ref, ns, name, {
              propagationPolicy: action.propagation,
              preconditions: { uid },
            }),
          );
        } else if (action.type === 'removeOwnerRefs') {
          await removeOwnerRefs(ctx, entry, obj, action.uids);
        }
      },
    });

    const watchResource = (resource: ServedResource) => {
      const key = refKey(resource.ref);
      if (informers.has(key) || !resource.verbs.includes('watch') || !resource.verbs.includes('list'))
        return undefined;
      const informer = ctx.informers.for(resource.ref);
      informers.set(key, { informer, resource });
      informer.on({
        add: (o) => {
          index(resource, o);
          controller.enqueue(o.metadata.uid ?? '');
        },
        update: (_old, o) => {
          index(resource, o);
          controller.enqueue(o.metadata.uid ?? '');
        },
        delete: (o) => {
          const uid = o.metadata.uid ?? '';
          unindex(uid);
          for (const d of dependents.get(uid) ?? []) controller.enqueue(d);
          for (const r of o.metadata.ownerReferences ?? []) controller.enqueue(r.uid);
        },
      });
      return informer;
    };
    for (const r of ctx.servedResources()) watchResource(r);
    // Custom resources come and go: look for new kinds now and then.
    const rescan = () => {
      for (const r of ctx.servedResources()) void watchResource(r)?.start();
      ctx.clock.setTimeout(rescan, 2000);
    };
    ctx.clock.setTimeout(rescan, 2000);
    return controller;
  },
};

/** Deletes with a uid precondition: gone (404) or replaced by a namesake (409) both mean done. */
async function ignoreNotFound(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    const code = (err as { code?: number }).code;
    if (code !== 404 && code !== 409) throw err;
  }
}

/** Updates: gone is done; a conflict is thrown so the key is retried with fresh state. */
async function ignoreGone(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if ((err as { code?: number }).code !== 404) throw err;
  }
}

async function removeOwnerRefs(
  ctx: ControllerContext,
  entry: Entry,
  obj: KubeObject,
  uids: string[],
): Promise<void> {
  const next = structuredClone(obj);
  next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((r) => !uids.includes(r.uid));
  await ignoreGone(ctx.client.update(entry.resource.ref, next));
}

async function removeFinalizer(
  ctx: ControllerContext,
  ref: ResourceRef,
  obj: KubeObject,
  finalizer: string,
): Promise<void> {
  const next = structuredClone(obj);
  next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  await ignoreGone(ctx.client.update(ref, next));
}
