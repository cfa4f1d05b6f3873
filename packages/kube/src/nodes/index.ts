/**
 * @module nodes
 * Starts the scheduler and the simulated nodes of the embedded cluster, each talking to the API through
 * its own in-process client identity, and exposes the pod stream handler (logs, exec) they serve.
 */
import { resources, type KubeClient } from '../client/in-process';
import { InformerFactory } from '../controllers/runtime/informer-factory';
import type { Clock } from '../controllers/runtime/clock';
import { startScheduler, type RunningScheduler } from '../scheduler/scheduler';
import type { PodStreamHandler } from '../api/resource-handler';
import { NodeSimulator } from './simulator';
import type { SimulationSpeed } from './stages';
import { createPodStreamHandler } from './pod-streams';
import { UsageModel } from './usage';

export interface NodeSimulationOptions {
  /** Client for the scheduler (system:kube-scheduler). */
  schedulerClient: KubeClient;
  /** Client for the kubelets and node lifecycle controller (system:node...). */
  nodeClient: KubeClient;
  clock: Clock;
  nodes: number;
  speed: SimulationSpeed;
  log?: (line: string) => void;
}

export interface RunningNodeSimulation {
  scheduler: RunningScheduler;
  simulator: NodeSimulator;
  usage: UsageModel;
  podStreams: PodStreamHandler;
  /** Prometheus text (node_cpu_usage_seconds_total, container_cpu_usage_seconds_total, ...) to mount. */
  prometheusMetrics(): string;
  /** True when nothing waits to be scheduled or to move to its next pod stage. */
  idle(): boolean;
  stop(): void;
}

export async function startNodeSimulation(o: NodeSimulationOptions): Promise<RunningNodeSimulation> {
  const simulator = new NodeSimulator({
    client: o.nodeClient,
    clock: o.clock,
    speed: o.speed,
    nodes: o.nodes,
    log: o.log,
  });
  await simulator.start();
  const scheduler = await startScheduler({ client: o.schedulerClient, clock: o.clock, log: o.log });
  const services = new InformerFactory(o.nodeClient);
  const usage = new UsageModel({
    clock: o.clock,
    pods: simulator.pods,
    nodes: simulator.nodes,
    services: services.for(resources.services),
  });
  await services.start();
  usage.start();
  const podStreams = createPodStreamHandler({ clock: o.clock, client: o.nodeClient, usage, speed: o.speed });
  return {
    scheduler,
    simulator,
    usage,
    podStreams,
    prometheusMetrics: () => usage.prometheusMetrics(),
    idle: () => scheduler.idle() && simulator.idle(),
    stop() {
      usage.stop();
      services.stop();
      scheduler.stop();
      simulator.stop();
    },
  };
}
