/**
 * @module scheduler/scheduler
 * The embedded kube-scheduler: watches pods without a node (schedulerName default-scheduler), decides
 * with the pure `decide`, assumes the placement in its cache at once (so concurrent bindings never
 * over-commit a node), binds through `pods/binding`, and marks pods that fit nowhere Unschedulable with a
 * FailedScheduling event. Unschedulable pods are retried when nodes change or pods go away.
 */
import type { KubeObject } from '@sphere/shared';
import { resources, type KubeClient } from '../client/in-process';
import type { Clock } from '../controllers/runtime/clock';
import { createEventRecorder } from '../controllers/runtime/events';
import { InformerFactory } from '../controllers/runtime/informer-factory';
import { isTerminal, podKey, SchedulerCache } from './cache';
import { decide } from './decide';

export const DEFAULT_SCHEDULER = 'default-scheduler';

export interface SchedulerOptions {
  client: KubeClient;
  clock: Clock;
  log?: (line: string) => void;
  random?: () => number;
  /** Bindings in flight at once (each is one store write). */
  maxConcurrentBinds?: number;
  /** Wait before unschedulable pods are retried after a cluster change (coalesces bursts). */
  retryDelayMs?: number;
}

export interface RunningScheduler {
  /** True when no pod waits to be scheduled or bound (unschedulable pods do not count). */
  idle(): boolean;
  /** Number of pods currently parked as unschedulable. */
  unschedulableCount(): number;
  /** Pods bound since start (for benchmarks). */
  boundCount(): number;
  /** Queue sizes (for benchmarks and debugging). */
  stats(): { active: number; unschedulable: number; inFlight: number; bindQueue: number; binding: number };
  cache: SchedulerCache;
  stop(): void;
}

interface PodSpecView {
  nodeName?: string;
  schedulerName?: string;
}

const specOf = (pod: KubeObject) => (pod.spec ?? {}) as PodSpecView;

/** A pod this scheduler is responsible for placing. */
export function wantsScheduling(pod: KubeObject): boolean {
  const spec = specOf(pod);
  return (
    !spec.nodeName &&
    (spec.schedulerName ?? DEFAULT_SCHEDULER) === DEFAULT_SCHEDULER &&
    !pod.metadata.deletionTimestamp &&
    !isTerminal(pod)
  );
}

/** Node fields whose change can make an unschedulable pod fit. */
function nodeFingerprint(node: KubeObject): string {
  const status = (node.status ?? {}) as {
    allocatable?: unknown;
    conditions?: { type: string; status: string }[];
  };
  const ready = status.conditions?.find((c) => c.type === 'Ready')?.status;
  return JSON.stringify([node.spec, node.metadata.labels, status.allocatable, ready]);
}

export async function startScheduler(options: SchedulerOptions): Promise<RunningScheduler> {
  const { client, clock } = options;
  const log = options.log ?? (() => {});
  const random = options.random ?? Math.random;
  const maxBinds = options.maxConcurrentBinds ?? 64;
  const retryDelayMs = options.retryDelayMs ?? 50;
  const events = createEventRecorder(client, DEFAULT_SCHEDULER, clock);
  const informers = new InformerFactory(client);
  const pods = informers.for(resources.pods);
  const nodes = informers.for(resources.nodes);
  const cache = new SchedulerCache();
  const active = new Set<string>();
  const unschedulable = new Set<string>();
  const inFlight = new Set<string>();
  const bindQueue: { pod: KubeObject; node: string }[] = [];
  let binding = 0;
  let bound = 0;
  let stopped = false;
  let pumpScheduled = false;
  let retryCancel: (() => void) | undefined;

  const retryUnschedulable = () => {
    if (unschedulable.size === 0 || retryCancel) return;
    retryCancel = clock.setTimeout(() => {
      retryCancel = undefined;
      for (const key of unschedulable) active.add(key);
      unschedulable.clear();
      schedulePump();
    }, retryDelayMs);
  };

  let lastPump = 0;
  /**
   * Runs the next pump on the next event-loop turn; but when long chains of promise continuations (a
   * controller creating thousands of pods) keep the loop from turning, a pump falls due as a microtask
   * after 20 ms so scheduling still progresses alongside them.
   */
  const schedulePump = () => {
    if (stopped || active.size === 0) return;
    if (pumpScheduled) {
      if (performance.now() - lastPump > 20) {
        lastPump = performance.now();
        queueMicrotask(() => pump(false));
      }
      return;
    }
    pumpScheduled = true;
    setImmediate(() => pump(true));
  };

  const onPod = (pod: KubeObject) => {
    const key = podKey(pod);
    const nodeName = specOf(pod).nodeName;
    if (nodeName) {
      active.delete(key);
      unschedulable.delete(key);
      schedulePump();
      if (isTerminal(pod)) {
        if (cache.isPlaced(key)) {
          cache.unplace(key);
          retryUnschedulable();
        }
      } else cache.place(pod, nodeName);
      return;
    }
    if (wantsScheduling(pod)) {
      if (!inFlight.has(key) && !unschedulable.has(key)) {
        active.add(key);
        schedulePump();
      }
    } else {
      active.delete(key);
      unschedulable.delete(key);
    }
  };

  pods.on({
    add: onPod,
    update: (_old, pod) => onPod(pod),
    delete: (pod) => {
      const key = podKey(pod);
      active.delete(key);
      unschedulable.delete(key);
      if (cache.isPlaced(key) && (specOf(pod).nodeName || !inFlight.has(key))) {
        cache.unplace(key);
        retryUnschedulable();
      }
    },
  });
  nodes.on({
    add: (node) => {
      cache.setNode(node);
      retryUnschedulable();
    },
    update: (old, node) => {
      cache.setNode(node);
      if (nodeFingerprint(old) !== nodeFingerprint(node)) retryUnschedulable();
    },
    delete: (node) => cache.removeNode(node.metadata.name ?? ''),
  });

  async function markUnschedulable(pod: KubeObject, message: string): Promise<void> {
    const conditions = (pod.status as { conditions?: { type: string; status: string; message?: string }[] })
      ?.conditions;
    const current = conditions?.find((c) => c.type === 'PodScheduled');
    events.record(pod, 'Warning', 'FailedScheduling', message);
    if (current?.status === 'False' && current.message === message) return;
    await client.patch(
      resources.pods,
      pod.metadata.namespace,
      pod.metadata.name ?? '',
      'strategic',
      {
        status: {
          conditions: [
            {
              type: 'PodScheduled',
              status: 'False',
              reason: 'Unschedulable',
              message,
              lastProbeTime: null,
              lastTransitionTime: clock
                .now()
                .toISOString()
                .replace(/\.\d{3}Z$/, 'Z'),
            },
          ],
        },
      },
      { subresource: 'status' },
    );
  }

  async function bind(pod: KubeObject, node: string): Promise<void> {
    const key = podKey(pod);
    const namespace = pod.metadata.namespace;
    const name = pod.metadata.name ?? '';
    try {
      await client.create(
        resources.pods,
        {
          apiVersion: 'v1',
          kind: 'Binding',
          metadata: { name, namespace, uid: pod.metadata.uid },
          target: { apiVersion: 'v1', kind: 'Node', name: node },
        },
        { subresource: 'binding', name },
      );
      bound++;
      events.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${namespace}/${name} to ${node}`);
    } catch (err) {
      // The assumption did not hold: give the resources back and look again (unless the pod is gone).
      cache.unplace(key);
      const latest = pods.get(namespace, name);
      if (latest) onPod(latest);
      const reason = (err as { reason?: string }).reason;
      if (reason !== 'NotFound' && reason !== 'Conflict') log(`scheduler: binding ${key}: ${String(err)}`);
    } finally {
      inFlight.delete(key);
    }
  }

  const drainBinds = () => {
    while (binding < maxBinds && bindQueue.length > 0) {
      const next = bindQueue.shift() as { pod: KubeObject; node: string };
      binding++;
      void bind(next.pod, next.node).finally(() => {
        binding--;
        drainBinds();
      });
    }
  };

  function pump(fromTurn: boolean): void {
    if (fromTurn) pumpScheduled = false;
    lastPump = performance.now();
    if (stopped) return;
    let budget = 200; // decisions per turn, so the event loop keeps serving requests
    for (const key of active) {
      if (budget-- <= 0) break;
      active.delete(key);
      const [namespace, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
      const pod = pods.get(namespace, name);
      if (!pod || !wantsScheduling(pod) || inFlight.has(key)) continue;
      const decision = decide(pod, cache, random);
      if ('node' in decision) {
        inFlight.add(key);
        cache.place(pod, decision.node);
        bindQueue.push({ pod, node: decision.node });
      } else {
        unschedulable.add(key);
        markUnschedulable(pod, decision.unschedulable).catch(() => {});
      }
    }
    drainBinds();
    if (active.size > 0 && !pumpScheduled) schedulePump();
  }

  await informers.start();
  schedulePump();
  return {
    cache,
    idle: () => active.size === 0 && inFlight.size === 0 && bindQueue.length === 0 && !retryCancel,
    unschedulableCount: () => unschedulable.size,
    boundCount: () => bound,
    stats: () => ({
      active: active.size,
      unschedulable: unschedulable.size,
      inFlight: inFlight.size,
      bindQueue: bindQueue.length,
      binding,
    }),
    stop() {
      stopped = true;
      retryCancel?.();
      informers.stop();
    },
  };
}
