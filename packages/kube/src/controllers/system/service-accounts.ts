/**
 * @module controllers/system/service-accounts
 * Every active namespace has a `default` ServiceAccount, recreated if deleted.
 */
import { resources } from '../../client/in-process';
import type { ControllerModule } from '../manager';
import { createController } from '../runtime/controller';

export const serviceAccounts: ControllerModule = {
  name: 'serviceaccount',
  setup(ctx) {
    const namespaces = ctx.informers.for(resources.namespaces);
    const accounts = ctx.informers.for(resources.serviceaccounts);
    const controller = createController({
      name: 'serviceaccount',
      clock: ctx.clock,
      log: ctx.log,
      async reconcile(namespace) {
        const ns = namespaces.get(undefined, namespace);
        if (!ns || ns.metadata.deletionTimestamp || accounts.get(namespace, 'default')) return;
        try {
          await ctx.client.create(resources.serviceaccounts, {
            apiVersion: 'v1',
            kind: 'ServiceAccount',
            metadata: { name: 'default', namespace },
          });
        } catch (err) {
          // 409: someone created it meanwhile; 403: the namespace started terminating.
          const code = (err as { code?: number }).code;
          if (code !== 409 && code !== 403 && code !== 404) throw err;
        }
      },
    });
    namespaces.on({ add: (o) => controller.enqueue(o.metadata.name ?? '') });
    accounts.on({
      delete: (o) => o.metadata.name === 'default' && controller.enqueue(o.metadata.namespace ?? ''),
    });
    return controller;
  },
};
