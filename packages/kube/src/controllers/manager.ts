/**
 * @module controllers/manager
 * Starts the embedded cluster's controllers (the kube-controller-manager of Sphere). Each controller is
 * a module: given the shared context it registers informer handlers and returns its reconcile loops.
 */
import type { KubeClient, ResourceRef } from '../client/in-process';
import type { Clock } from './runtime/clock';
import type { Controller } from './runtime/controller';
import { createEventRecorder, type EventRecorder } from './runtime/events';
import { InformerFactory } from './runtime/informer-factory';

/** A served resource, as the garbage collector and namespace controller need to enumerate them. */
export interface ServedResource {
  ref: ResourceRef;
  apiVersion: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

export interface ControllerContext {
  client: KubeClient;
  /** Every resource served right now (storage versions only; changes when CRDs come and go). */
  servedResources(): ServedResource[];
  informers: InformerFactory;
  clock: Clock;
  /** An event recorder reporting as `component`. */
  events(component: string): EventRecorder;
  log(line: string): void;
}

export interface ControllerModule {
  name: string;
  /** Registers informer handlers and returns the controller(s) to run. Called before informers start. */
  setup(ctx: ControllerContext): Controller | Controller[];
}

export interface RunningControllers {
  controllers: Controller[];
  informers: InformerFactory;
  /** True when every controller's queue is empty (tests wait for this). */
  idle(): boolean;
  stop(): void;
}

export async function startControllers(args: {
  client: KubeClient;
  servedResources: () => ServedResource[];
  clock: Clock;
  modules: ControllerModule[];
  log?: (line: string) => void;
}): Promise<RunningControllers> {
  const informers = new InformerFactory(args.client);
  const log = args.log ?? (() => {});
  const ctx: ControllerContext = {
    client: args.client,
    servedResources: args.servedResources,
    informers,
    clock: args.clock,
    events: (component) => createEventRecorder(args.client, component, args.clock),
    log,
  };
  const controllers = args.modules.flatMap((m) => {
    const c = m.setup(ctx);
    return Array.isArray(c) ? c : [c];
  });
  await informers.start();
  for (const c of controllers) c.start();
  return {
    controllers,
    informers,
    idle: () => controllers.every((c) => c.idle()),
    stop() {
      for (const c of controllers) c.stop();
      informers.stop();
    },
  };
}
