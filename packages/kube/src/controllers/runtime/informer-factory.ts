/**
 * @module controllers/runtime/informer-factory
 * One informer per resource, shared by every controller that needs it (as client-go's
 * SharedInformerFactory), so each resource is listed and watched once.
 */
import type { KubeClient, ResourceRef } from '../../client/in-process';
import { Informer } from './informer';

export class InformerFactory {
  private readonly informers = new Map<string, Informer>();

  constructor(private readonly client: KubeClient) {}

  for(ref: ResourceRef): Informer {
    const key = `${ref.group}/${ref.version}/${ref.resource}`;
    let informer = this.informers.get(key);
    if (!informer) {
      informer = new Informer(this.client, ref);
      this.informers.set(key, informer);
    }
    return informer;
  }

  /** Starts every informer requested so far and waits for their initial lists. */
  async start(): Promise<void> {
    await Promise.all([...this.informers.values()].filter((i) => !i.hasSynced()).map((i) => i.start()));
  }

  stop(): void {
    for (const i of this.informers.values()) i.stop();
  }
}
