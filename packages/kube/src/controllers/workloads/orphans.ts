/**
 * @module controllers/workloads/orphans
 * An index of objects without a controller reference, per namespace, fed by an informer. Adoption only
 * needs these, so controllers never scan every pod of a namespace (30,000 pods would make that O(n²)).
 */
import type { KubeObject } from '@sphere/shared';
import type { Informer } from '../runtime/informer';
import { controllerOwner } from './util';

export class OrphanIndex {
  private readonly byNamespace = new Map<string, Map<string, KubeObject>>();

  constructor(informer: Informer) {
    informer.on({
      add: (obj) => this.track(obj),
      update: (_old, obj) => this.track(obj),
      delete: (obj) => this.untrack(obj),
    });
  }

  /** Orphans in a namespace (read-only objects from the cache). */
  in(namespace: string | undefined): KubeObject[] {
    return [...(this.byNamespace.get(namespace ?? '')?.values() ?? [])];
  }

  private track(obj: KubeObject): void {
    if (controllerOwner(obj)) return this.untrack(obj);
    const ns = obj.metadata.namespace ?? '';
    let m = this.byNamespace.get(ns);
    if (!m) this.byNamespace.set(ns, (m = new Map()));
    m.set(obj.metadata.name ?? '', obj);
  }

  private untrack(obj: KubeObject): void {
    const ns = obj.metadata.namespace ?? '';
    const m = this.byNamespace.get(ns);
    m?.delete(obj.metadata.name ?? '');
    if (m?.size === 0) this.byNamespace.delete(ns);
  }
}
