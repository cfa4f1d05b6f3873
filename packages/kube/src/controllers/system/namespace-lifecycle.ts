/**
 * @module controllers/system/namespace-lifecycle
 * Empties terminating namespaces — every namespaced resource, custom ones included — and then clears the
 * `kubernetes` finalizer through `namespaces/<name>/finalize`, which lets the API server remove it.
 */
import type { KubeObject } from '@sphere/shared';
import { resources } from '../../client/in-process';
import type { ControllerModule } from '../manager';
import { createController } from '../runtime/controller';

const finalizerName = 'kubernetes';

export const namespaceLifecycle: ControllerModule = {
  name: 'namespace',
  setup(ctx) {
    const namespaces = ctx.informers.for(resources.namespaces);
    const controller = createController({
      name: 'namespace',
      clock: ctx.clock,
      log: ctx.log,
      async reconcile(name) {
        const ns = namespaces.get(undefined, name);
        if (!ns?.metadata.deletionTimestamp) return;
        let remaining = 0;
        for (const r of ctx.servedResources()) {
          if (!r.namespaced || !r.verbs.includes('list') || !r.verbs.includes('delete')) continue;
          const list = await ctx.client.list(r.ref, { namespace: name });
          for (const item of list.items) {
            remaining++;
            if (item.metadata.deletionTimestamp) continue;
            try {
              await ctx.client.delete(r.ref, name, item.metadata.name ?? '', {
                propagationPolicy: 'Background',
              });
            } catch (err) {
              if ((err as { code?: number }).code !== 404) throw err;
            }
          }
        }
        // Pods terminate gracefully and finalizers take their time: look again shortly.
        if (remaining > 0) return { requeueAfterMs: 500 };
        const spec = ns.spec as { finalizers?: string[] } | undefined;
        if (!spec?.finalizers?.includes(finalizerName)) return;
        const body: KubeObject = {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name, resourceVersion: ns.metadata.resourceVersion },
          spec: { finalizers: spec.finalizers.filter((f) => f !== finalizerName) },
        };
        await ctx.client.update(resources.namespaces, body, { subresource: 'finalize' });
      },
    });
    namespaces.on({
      add: (o) => o.metadata.deletionTimestamp && controller.enqueue(o.metadata.name ?? ''),
      update: (_old, o) => o.metadata.deletionTimestamp && controller.enqueue(o.metadata.name ?? ''),
    });
    return controller;
  },
};
