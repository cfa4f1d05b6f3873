/**
 * @module crds/install
 * Installs the platform CRDs (create, or update when our definition changed) and waits until the cluster
 * serves each of them.
 */
import { StatusError, type KubeObject } from '@sphere/shared';
import type { KubeClient } from '../kube/client';
import { types } from '../kube/resources';
import { crds } from './definitions';

/** Idempotent: safe for two replicas starting at once. */
export async function installCrds(client: KubeClient, timeoutMs = 30_000): Promise<void> {
  for (const def of crds) {
    const existing = await client.find<KubeObject>(types.crds, def.metadata.name!);
    if (!existing) {
      await client.createIfAbsent(types.crds, def);
    } else if (JSON.stringify(existing.spec) !== JSON.stringify(def.spec)) {
      try {
        await client.update(types.crds, {
          ...def,
          metadata: { ...def.metadata, resourceVersion: existing.metadata.resourceVersion },
        });
      } catch (err) {
        // A peer replica updated it first: fine, it wrote the same definition.
        if (!(err instanceof StatusError && err.code === 409)) throw err;
      }
    }
  }
  const deadline = Date.now() + timeoutMs;
  for (const def of crds) {
    const spec = def.spec as { group: string; versions: { name: string }[]; names: { plural: string } };
    for (const v of spec.versions) {
      const path = `/apis/${spec.group}/${v.name}/${spec.names.plural}?limit=1`;
      while (true) {
        try {
          await client.request('GET', path);
          break;
        } catch (err) {
          if (Date.now() > deadline)
            throw new Error(`CRD ${def.metadata.name} not served: ${(err as Error).message}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    }
  }
}
