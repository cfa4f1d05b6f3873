/**
 * @module nodes/pod-runner
 * The pod half of the simulated kubelets: for every pod bound to a simulated node, picks its next stage,
 * waits the stage's delay on the injected clock, and writes the result (status through the status
 * subresource, kubelet events, or the final delete). Also hands out pod IPs from each node's range.
 */
import type { KubeObject } from '@sphere/shared';
import { resources, type KubeClient } from '../client/in-process';
import type { Clock } from '../controllers/runtime/clock';
import { createEventRecorder, type EventRecorder } from '../controllers/runtime/events';
import type { Informer } from '../controllers/runtime/informer';
import { nodeIndex, nodeInternalIP, nodePodCIDR } from './node-template';
import { specOf, statusOf } from './pod-view';
import { applyStage, secondMs, selectStage, type SimulationSpeed, type Stage } from './stages';

interface Pending {
  stage: string;
  cancel: () => void;
}

/** Sequential IP allocation inside a node's /24 (.2 to .254), skipping addresses in use. */
class IpPool {
  private readonly used = new Set<number>();
  private next = 2;
  constructor(private readonly prefix: string) {}
  take(ip?: string): string | undefined {
    if (ip) {
      this.used.add(Number(ip.split('.')[3]));
      return ip;
    }
    for (let i = 0; i < 253; i++) {
      const candidate = this.next;
      this.next = this.next >= 254 ? 2 : this.next + 1;
      if (!this.used.has(candidate)) {
        this.used.add(candidate);
        return `${this.prefix}.${candidate}`;
      }
    }
    return undefined;
  }
  release(ip: string): void {
    if (ip.startsWith(`${this.prefix}.`)) this.used.delete(Number(ip.split('.')[3]));
  }
}

export interface PodRunnerOptions {
  client: KubeClient;
  clock: Clock;
  speed: SimulationSpeed;
  pods: Informer;
  /** Whether the simulator runs the kubelet of this node (and the node's kubelet is alive). */
  runsNode(name: string): boolean;
  random?: () => number;
  stages?: Stage[];
  log?: (line: string) => void;
}

export class PodRunner {
  private readonly pending = new Map<string, Pending>();
  private readonly pools = new Map<string, IpPool>();
  private readonly podIPs = new Map<string, string>();
  private readonly recorders = new Map<string, EventRecorder>();
  /** Clock time each running container instance was first seen (key `container/restartCount`). */
  private readonly starts = new Map<string, Map<string, number>>();
  private stopped = false;

  constructor(private readonly o: PodRunnerOptions) {
    o.pods.on({
      add: (pod) => this.consider(pod),
      update: (_old, pod) => this.consider(pod),
      delete: (pod) => this.forget(pod),
    });
  }

  /** True when no stage is waiting to fire. */
  idle(): boolean {
    return this.pending.size === 0;
  }

  /** Re-evaluates every pod on `node` (its kubelet came back, or was added). */
  resync(node?: string): void {
    for (const pod of this.o.pods.list()) if (!node || specOf(pod).nodeName === node) this.consider(pod);
  }

  stop(): void {
    this.stopped = true;
    for (const p of this.pending.values()) p.cancel();
    this.pending.clear();
  }

  private key(pod: KubeObject): string {
    return `${pod.metadata.namespace ?? ''}/${pod.metadata.name}`;
  }

  private pool(node: string): IpPool {
    let pool = this.pools.get(node);
    if (!pool) {
      pool = new IpPool(nodePodCIDR(nodeIndex(node)).replace(/\.0\/24$/, ''));
      this.pools.set(node, pool);
    }
    return pool;
  }

  private recorder(node: string): EventRecorder {
    let r = this.recorders.get(node);
    if (!r) {
      r = createEventRecorder(this.o.client, 'kubelet', this.o.clock, node);
      this.recorders.set(node, r);
    }
    return r;
  }

  private forget(pod: KubeObject): void {
    const key = this.key(pod);
    this.pending.get(key)?.cancel();
    this.pending.delete(key);
    const ip = this.podIPs.get(key);
    const node = specOf(pod).nodeName;
    if (ip && node) this.pool(node).release(ip);
    this.podIPs.delete(key);
    this.starts.delete(key);
  }

  /**
   * Seconds (simulated: fast mode's seconds are 10 ms) since each container's current instance started,
   * from when this kubelet first saw it running; after a restart of the process, from its startedAt.
   */
  private elapsed(pod: KubeObject): (container: string) => number {
    const key = this.key(pod);
    const now = this.o.clock.now().getTime();
    let seen = this.starts.get(key);
    const statuses = statusOf(pod).containerStatuses ?? [];
    for (const s of statuses) {
      const startedAt = s.state.running?.startedAt as string | undefined;
      if (!startedAt) continue;
      seen ??= new Map();
      const id = `${s.name}/${s.restartCount}`;
      if (!seen.has(id))
        seen.set(id, this.o.speed === 'realistic' ? Math.min(now, Date.parse(startedAt)) : now);
    }
    if (seen) this.starts.set(key, seen);
    const second = secondMs(this.o.speed);
    return (container) => {
      const s = statuses.find((x) => x.name === container);
      const at = s && seen?.get(`${container}/${s.restartCount}`);
      return at === undefined ? 0 : (now - at) / second;
    };
  }

  private consider(pod: KubeObject): void {
    if (this.stopped) return;
    const node = specOf(pod).nodeName;
    const key = this.key(pod);
    if (!node || !this.o.runsNode(node)) {
      this.pending.get(key)?.cancel();
      this.pending.delete(key);
      return;
    }
    const ip = statusOf(pod).podIP;
    if (ip && !this.podIPs.has(key)) this.podIPs.set(key, this.pool(node).take(ip) as string);
    const next = selectStage(pod, this.o.speed, this.o.random, this.o.stages, {
      elapsed: this.elapsed(pod),
    });
    const current = this.pending.get(key);
    if (current && current.stage === next?.stage.name) return;
    current?.cancel();
    this.pending.delete(key);
    if (!next) return;
    const cancel = this.o.clock.setTimeout(() => {
      this.pending.delete(key);
      void this.fire(key, next.stage.name).catch((err: unknown) => {
        const reason = (err as { reason?: string }).reason;
        if (reason !== 'NotFound' && reason !== 'Conflict') this.o.log?.(`kubelet: ${key}: ${String(err)}`);
        // Try again shortly unless the pod moved on (its update re-schedules anyway).
        const again = this.o.pods.get(...splitKey(key));
        if (again && reason !== 'NotFound') this.o.clock.setTimeout(() => this.consider(again), 100);
      });
    }, next.delayMs);
    this.pending.set(key, { stage: next.stage.name, cancel });
  }

  private async fire(key: string, stageName: string): Promise<void> {
    const pod = this.o.pods.get(...splitKey(key));
    if (!pod || this.stopped) return;
    const node = specOf(pod).nodeName as string;
    if (!this.o.runsNode(node)) return;
    const elapsed = this.elapsed(pod);
    const chosen = selectStage(pod, this.o.speed, this.o.random, this.o.stages, { elapsed });
    if (!chosen || chosen.stage.name !== stageName) {
      this.consider(pod);
      return;
    }
    let podIP = statusOf(pod).podIP;
    if (!podIP && chosen.stage.status && chosen.stage.status !== 'creating') {
      podIP = this.pool(node).take();
      if (podIP) this.podIPs.set(key, podIP);
    }
    const effect = applyStage(chosen.stage, pod, {
      now: this.o.clock.now(),
      hostIP: nodeInternalIP(nodeIndex(node)),
      podIP,
      elapsed,
    });
    const recorder = this.recorder(node);
    for (const e of effect.events) recorder.record(pod, e.type, e.reason, e.message, e.fieldPath);
    const { namespace, uid } = pod.metadata;
    const name = pod.metadata.name ?? '';
    if (effect.delete) {
      await this.o.client.delete(resources.pods, namespace, name, {
        gracePeriodSeconds: 0,
        preconditions: { uid },
      });
      return;
    }
    if (effect.status) {
      await this.o.client.patch(
        resources.pods,
        namespace,
        name,
        'merge',
        { status: effect.status },
        { subresource: 'status' },
      );
    }
  }
}

export function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
