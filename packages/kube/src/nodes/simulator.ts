/**
 * @module nodes/simulator
 * Simulated nodes (kwok-style): registers Node objects and their Leases, renews Leases and posts node
 * status at a modest rate, runs the node lifecycle controller (stale Lease → conditions Unknown +
 * unreachable taints; NoExecute taints → pod eviction after tolerationSeconds), and drives pod lifecycle
 * stages on its nodes. Offers an API to add, cordon, drain, stop and remove nodes.
 */
import type { KubeObject } from '@sphere/shared';
import { resources, type KubeClient } from '../client/in-process';
import type { Clock } from '../controllers/runtime/clock';
import { createEventRecorder } from '../controllers/runtime/events';
import { InformerFactory } from '../controllers/runtime/informer-factory';
import type { Informer } from '../controllers/runtime/informer';
import { podTolerations, type Taint } from '../scheduler/model';
import { desiredTaints, evictionTime, isStale, taintsEqual } from './lifecycle';
import {
  healthyConditions,
  leaseObject,
  nodeObject,
  SIMULATED_ANNOTATION,
  ts,
  unknownConditions,
  type NodeShape,
} from './node-template';
import { PodRunner } from './pod-runner';
import { specOf } from './pod-view';
import type { SimulationSpeed } from './stages';

/** Heartbeat and lifecycle timings per speed (realistic ones follow kubelet / kube-controller-manager). */
export const timings = {
  fast: { leaseMs: 200, statusMs: 1000, graceMs: 1500, monitorMs: 100, secondMs: 10 },
  realistic: { leaseMs: 10_000, statusMs: 60_000, graceMs: 40_000, monitorMs: 5000, secondMs: 1000 },
} as const;

export interface NodeSimulatorOptions {
  client: KubeClient;
  clock: Clock;
  speed?: SimulationSpeed;
  /** Nodes node-1..node-N to make sure exist at start. */
  nodes?: number;
  shape?: NodeShape;
  random?: () => number;
  log?: (line: string) => void;
}

const isSimulated = (node: KubeObject) => node.metadata.annotations?.[SIMULATED_ANNOTATION] === 'true';

export class NodeSimulator {
  readonly speed: SimulationSpeed;
  private readonly informers: InformerFactory;
  readonly pods: Informer;
  readonly nodes: Informer;
  private readonly runner: PodRunner;
  /** Nodes whose kubelet is "down" (no heartbeats, no pod work). */
  private readonly stopped = new Set<string>();
  private readonly lastRenew = new Map<string, Date>();
  private readonly timers = new Map<string, (() => void)[]>();
  /** Pending taint evictions: pod key → node and cancel. */
  private readonly evictions = new Map<string, { node: string; cancel: () => void }>();
  private monitorCancel?: () => void;
  private running = false;
  private readonly random: () => number;
  private readonly log: (line: string) => void;

  constructor(private readonly o: NodeSimulatorOptions) {
    this.speed = o.speed ?? 'realistic';
    this.random = o.random ?? Math.random;
    this.log = o.log ?? (() => {});
    this.informers = new InformerFactory(o.client);
    this.pods = this.informers.for(resources.pods);
    this.nodes = this.informers.for(resources.nodes);
    this.runner = new PodRunner({
      client: o.client,
      clock: o.clock,
      speed: this.speed,
      pods: this.pods,
      random: this.random,
      log: this.log,
      runsNode: (name) => this.isAlive(name),
    });
    this.nodes.on({
      add: (node) => this.adopt(node),
      delete: (node) => this.release(node.metadata.name ?? ''),
    });
  }

  /**
   * Timings in use. Fast heartbeats stretch with the number of nodes (×1 up to 10 nodes) so that large
   * fast clusters keep heartbeat writes near 50/s instead of growing without bound.
   */
  private get t() {
    const base = timings[this.speed];
    if (this.speed !== 'fast') return base;
    const k = Math.max(1, this.timers.size / 10);
    return { ...base, leaseMs: base.leaseMs * k, statusMs: base.statusMs * k, graceMs: base.graceMs * k };
  }

  /** Whether this simulator runs the node's kubelet and the kubelet is up. */
  isAlive(name: string): boolean {
    const node = this.nodes.get(undefined, name);
    return !!node && isSimulated(node) && !this.stopped.has(name);
  }

  async start(): Promise<void> {
    this.running = true;
    await this.informers.start();
    for (let i = 1; i <= (this.o.nodes ?? 0); i++) {
      if (!this.nodes.get(undefined, `node-${i}`)) await this.addNode(`node-${i}`);
    }
    this.scheduleMonitor();
  }

  stop(): void {
    this.running = false;
    this.monitorCancel?.();
    for (const cancels of this.timers.values()) for (const c of cancels) c();
    for (const e of this.evictions.values()) e.cancel();
    this.runner.stop();
    this.informers.stop();
  }

  /** True when no pod stage is pending (heartbeats never count). */
  idle(): boolean {
    return this.runner.idle();
  }

  nodeNames(): string[] {
    return this.nodes.list().map((n) => n.metadata.name ?? '');
  }

  /** Registers a simulated node (kubelet start-up events included). */
  async addNode(name: string): Promise<KubeObject> {
    const created = await this.o.client.create(
      resources.nodes,
      nodeObject(name, this.o.clock.now(), this.o.shape),
    );
    const events = createEventRecorder(this.o.client, 'kubelet', this.o.clock, name);
    const ref = { ...created, metadata: { ...created.metadata, uid: name, namespace: undefined } };
    events.record(ref, 'Normal', 'Starting', 'Starting kubelet.');
    events.record(
      ref,
      'Normal',
      'NodeHasSufficientMemory',
      `Node ${name} status is now: NodeHasSufficientMemory`,
    );
    events.record(ref, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`);
    createEventRecorder(this.o.client, 'node-controller', this.o.clock).record(
      ref,
      'Normal',
      'RegisteredNode',
      `Node ${name} event: Registered Node ${name} in Controller`,
    );
    return created;
  }

  /** Deletes the node; pods bound to it are removed as the pod garbage collector does. */
  async removeNode(name: string): Promise<void> {
    await this.o.client.delete(resources.nodes, undefined, name);
    for (const pod of this.pods.list()) {
      if (specOf(pod).nodeName !== name) continue;
      await this.o.client
        .delete(resources.pods, pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0 })
        .catch(() => {});
    }
  }

  async cordon(name: string, unschedulable = true): Promise<void> {
    await this.o.client.patch(resources.nodes, undefined, name, 'merge', {
      spec: { unschedulable: unschedulable || null },
    });
  }

  /** Cordons the node and evicts its pods (DaemonSet pods excepted), as `kubectl drain` does. */
  async drain(name: string): Promise<void> {
    await this.cordon(name);
    for (const pod of this.pods.list()) {
      if (specOf(pod).nodeName !== name || pod.metadata.deletionTimestamp) continue;
      if ((pod.metadata.ownerReferences ?? []).some((r) => r.kind === 'DaemonSet')) continue;
      await this.o.client
        .create(
          resources.pods,
          {
            apiVersion: 'policy/v1',
            kind: 'Eviction',
            metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace },
          },
          { subresource: 'eviction', name: pod.metadata.name },
        )
        .catch(() => {});
    }
  }

  /** Stops (false) or restarts (true) a node's kubelet: a stopped node goes Unknown after the grace period. */
  setKubeletRunning(name: string, up: boolean): void {
    if (up) {
      this.stopped.delete(name);
      void this.renewLease(name);
      void this.postStatus(name);
      this.runner.resync(name);
    } else this.stopped.add(name);
  }

  private adopt(node: KubeObject): void {
    const name = node.metadata.name ?? '';
    if (!isSimulated(node) || this.timers.has(name)) return;
    const jitter = () => this.random() * this.t.leaseMs * 0.2;
    // Intervals are read at every tick: in fast mode they stretch as more nodes join.
    const every = (ms: () => number, fn: () => Promise<void>, first: number) => {
      const tick = () => {
        if (!this.running || !this.timers.has(name)) return;
        void fn().catch(() => {});
        slot[0] = this.o.clock.setTimeout(tick, ms() + jitter());
      };
      const slot = [this.o.clock.setTimeout(tick, first)];
      return () => slot[0]();
    };
    this.timers.set(name, []);
    this.timers.set(name, [
      every(
        () => this.t.leaseMs,
        () => this.renewLease(name),
        0,
      ),
      every(
        () => this.t.statusMs,
        () => this.postStatus(name),
        this.random() * this.t.statusMs,
      ),
    ]);
    this.lastRenew.set(name, this.o.clock.now());
    this.runner.resync(name);
  }

  private release(name: string): void {
    for (const c of this.timers.get(name) ?? []) c();
    this.timers.delete(name);
    this.lastRenew.delete(name);
    this.stopped.delete(name);
  }

  private async renewLease(name: string): Promise<void> {
    if (this.stopped.has(name)) return;
    const node = this.nodes.get(undefined, name);
    if (!node) return;
    const now = this.o.clock.now();
    const lease = leaseObject(node, now);
    this.lastRenew.set(name, now);
    try {
      await this.o.client.patch(resources.leases, 'kube-node-lease', name, 'merge', { spec: lease.spec });
    } catch (err) {
      if ((err as { reason?: string }).reason !== 'NotFound') throw err;
      await this.o.client.create(resources.leases, lease);
    }
  }

  private async postStatus(name: string): Promise<void> {
    if (this.stopped.has(name)) return;
    const node = this.nodes.get(undefined, name);
    if (!node) return;
    const now = this.o.clock.now();
    const prior =
      (node.status as { conditions?: { type: string; status: string; lastTransitionTime: string }[] })
        ?.conditions ?? [];
    const conditions = healthyConditions(now).map((c) => {
      const old = prior.find((p) => p.type === c.type);
      return old && old.status === c.status ? { ...c, lastTransitionTime: old.lastTransitionTime } : c;
    });
    await this.o.client.patch(
      resources.nodes,
      undefined,
      name,
      'merge',
      { status: { conditions } },
      { subresource: 'status' },
    );
  }

  private scheduleMonitor(): void {
    if (!this.running) return;
    this.monitorCancel = this.o.clock.setTimeout(() => {
      void this.monitor()
        .catch((err: unknown) => this.log(`node-lifecycle: ${String(err)}`))
        .finally(() => this.scheduleMonitor());
    }, this.t.monitorMs);
  }

  /** One pass of the node lifecycle controller over every node. */
  async monitor(): Promise<void> {
    const now = this.o.clock.now();
    const toEvict: [string, Taint[]][] = [];
    for (const node of this.nodes.list()) {
      const name = node.metadata.name ?? '';
      const renew = this.lastRenew.get(name) ?? heartbeatOf(node);
      const stale = isStale(renew, now, this.t.graceMs);
      const conditions =
        (node.status as { conditions?: Parameters<typeof unknownConditions>[0] })?.conditions ?? [];
      const ready = conditions.find((c) => c.type === 'Ready')?.status;
      if (stale && ready !== 'Unknown' && conditions.length > 0) {
        await this.o.client.patch(
          resources.nodes,
          undefined,
          name,
          'merge',
          { status: { conditions: unknownConditions(conditions, now) } },
          { subresource: 'status' },
        );
        createEventRecorder(this.o.client, 'node-controller', this.o.clock).record(
          { ...node, metadata: { ...node.metadata, uid: name } },
          'Normal',
          'NodeNotReady',
          `Node ${name} status is now: NodeNotReady`,
        );
        continue; // the taints follow on the next pass, from the updated conditions
      }
      const current = ((node.spec as { taints?: Taint[] })?.taints ?? []) as Taint[];
      const want = desiredTaints(node, stale, now);
      if (!taintsEqual(current, want)) {
        await this.o.client.patch(resources.nodes, undefined, name, 'merge', {
          spec: { taints: want.length ? want : null },
        });
        continue;
      }
      const pendingHere = [...this.evictions.values()].some((e) => e.node === name);
      if (want.some((t) => t.effect === 'NoExecute') || pendingHere) toEvict.push([name, want]);
    }
    if (toEvict.length === 0) return;
    // Index pods by node once per pass (only when some node needs the taint manager).
    const byNode = new Map<string, KubeObject[]>();
    for (const pod of this.pods.list()) {
      const n = specOf(pod).nodeName;
      if (n) byNode.set(n, [...(byNode.get(n) ?? []), pod]);
    }
    for (const [name, taints] of toEvict) this.evictFrom(name, byNode.get(name) ?? [], taints, now);
  }

  /** The taint manager: schedules deletion of pods that do not tolerate the node's NoExecute taints. */
  private evictFrom(node: string, pods: KubeObject[], taints: Taint[], now: Date): void {
    const hasNoExecute = taints.some((t) => t.effect === 'NoExecute');
    for (const e of [...this.evictions]) {
      if (e[1].node === node && !pods.some((p) => `${p.metadata.namespace}/${p.metadata.name}` === e[0])) {
        e[1].cancel();
        this.evictions.delete(e[0]);
      }
    }
    for (const pod of pods) {
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (!hasNoExecute || pod.metadata.deletionTimestamp) {
        this.evictions.get(key)?.cancel();
        this.evictions.delete(key);
        continue;
      }
      if (this.evictions.has(key)) continue;
      const at = evictionTime(podTolerations(pod), taints, now, this.t.secondMs);
      if (!at) continue;
      const cancel = this.o.clock.setTimeout(() => {
        this.evictions.delete(key);
        createEventRecorder(this.o.client, 'taint-eviction-controller', this.o.clock).record(
          pod,
          'Normal',
          'TaintManagerEviction',
          `Marking for deletion Pod ${key}`,
        );
        void this.o.client
          .delete(resources.pods, pod.metadata.namespace, pod.metadata.name ?? '')
          .catch(() => {});
      }, at.getTime() - now.getTime());
      this.evictions.set(key, { node, cancel });
    }
  }
}

function heartbeatOf(node: KubeObject): Date | undefined {
  const conditions = (node.status as { conditions?: { type: string; lastHeartbeatTime?: string }[] })
    ?.conditions;
  const hb = conditions?.find((c) => c.type === 'Ready')?.lastHeartbeatTime;
  return hb ? new Date(hb) : undefined;
}

export { ts };
