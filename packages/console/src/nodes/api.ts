/**
 * @module nodes/api
 * Node writes: label merge patches, and taint changes read-modify-written against the node's current
 * resourceVersion (taints are an atomic list), retried on a conflict with a fresh read.
 */
import type { KubeObject } from '@sphere/shared';
import { ApiError } from '../api/errors';
import { getResource, patchResource } from '../api/resources';
import { KINDS } from '../resources/kinds';
import { labelsPatch, taintsOf, taintsPatch, type Taint } from './model';

/** Sets the node's user labels to `next` (system labels untouched). */
export async function saveNodeLabels(node: KubeObject, next: Record<string, string>): Promise<void> {
  const patch = labelsPatch(node.metadata.labels, next);
  if (patch) await patchResource(KINDS.nodes, undefined, node.metadata.name ?? '', patch);
}

/**
 * Changes a node's taints with `edit(current) → next` on the freshest copy; a 409 (someone wrote the node
 * in between, e.g. a heartbeat) re-reads and retries, up to `attempts` times.
 */
export async function updateNodeTaints(
  name: string,
  edit: (current: Taint[]) => Taint[],
  attempts = 3,
): Promise<void> {
  for (let i = 1; ; i++) {
    const node = await getResource(KINDS.nodes, undefined, name);
    const patch = taintsPatch(node, edit(taintsOf(node)));
    if (!patch) return;
    try {
      await patchResource(KINDS.nodes, undefined, name, patch);
      return;
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 409) || i >= attempts) throw err;
    }
  }
}
