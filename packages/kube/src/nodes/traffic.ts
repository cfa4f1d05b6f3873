/**
 * @module nodes/traffic
 * Simulated traffic between pods, the load of the HPA quick start: a running pod whose command or args
 * loop (`while`, `for`, `until`) over `wget`/`curl` of `http://<service>[.<namespace>[.svc[.cluster.local]]]`
 * is a load generator. Each generator loop asks `LOOP_CPU` cores of work of that Service, spread evenly
 * over its ready endpoints (pods matching its selector, Running and Ready, not terminating), and moves
 * `LOOP_RPS` requests a second of network traffic. Deleting the generator (or the Service) ends the load.
 * Counters (CPU seconds and bytes due to load) are integrated exactly, piece by piece, as load changes.
 */
import type { KubeObject } from '@sphere/shared';
import type { Clock } from '../controllers/runtime/clock';
import { containersOf, statusOf, type ContainerSpec } from './pod-view';

/** Cores of work one generator loop asks of the Service it calls. */
export const LOOP_CPU = 0.7;
/** Requests a second one generator loop sends. */
export const LOOP_RPS = 200;
/** Bytes of one request and of one response on the wire. */
export const REQUEST_BYTES = 160;
export const RESPONSE_BYTES = 240;

export interface LoadTarget {
  namespace: string;
  service: string;
}

/** Where the model reads pods and services (an informer cache); `on` lets it know when to recompute. */
export interface WatchedSource {
  list(namespace?: string): KubeObject[];
  on?(handlers: {
    add?(o: KubeObject): void;
    update?(a: KubeObject, b: KubeObject): void;
    delete?(o: KubeObject): void;
  }): void;
}

const script = (c: ContainerSpec) => [...(c.command ?? []), ...(c.args ?? [])].join(' ');

/** The Services a pod's containers call in a loop (pure; namespace-relative names resolve in its own). */
export function loadTargets(pod: KubeObject): LoadTarget[] {
  const out: LoadTarget[] = [];
  for (const c of containersOf(pod)) {
    const text = script(c);
    if (!/\b(wget|curl)\b/.test(text) || !/\b(while|for|until)\b/.test(text)) continue;
    for (const m of text.matchAll(/https?:\/\/([a-z0-9][-a-z0-9.]*)/gi)) {
      const parts = m[1].toLowerCase().replace(/\.$/, '').split('.');
      const [service, namespace = pod.metadata.namespace ?? 'default', ...rest] = parts;
      const suffix = rest.join('.');
      if (rest.length && suffix !== 'svc' && suffix !== 'svc.cluster.local') continue;
      if (!out.some((t) => t.service === service && t.namespace === namespace))
        out.push({ namespace, service });
    }
  }
  return out;
}

const isReady = (p: KubeObject) =>
  statusOf(p).phase === 'Running' &&
  !p.metadata.deletionTimestamp &&
  !!statusOf(p).conditions?.some((c) => c.type === 'Ready' && c.status === 'True');

const selects = (selector: Record<string, string>, labels: Record<string, string> | undefined) =>
  Object.entries(selector).every(([k, v]) => labels?.[k] === v);

interface Flow {
  /** Loops served (as a backend) and generated (as a client). */
  served: number;
  generated: number;
  /** Cores of load served (what `cpuOf` says the pod's container can take of it). */
  cpu: number;
  since: number;
  /** Accumulated totals up to `since`. */
  rx: number;
  tx: number;
  cpuSeconds: number;
}

export interface FlowTotals {
  rx: number;
  tx: number;
  /** Core-seconds of load served. */
  cpuSeconds: number;
}

/** Bytes a second received and transmitted for a flow. */
const rates = (f: Pick<Flow, 'served' | 'generated'>) => ({
  rx: LOOP_RPS * (f.served * REQUEST_BYTES + f.generated * RESPONSE_BYTES),
  tx: LOOP_RPS * (f.served * RESPONSE_BYTES + f.generated * REQUEST_BYTES),
});

/** A flow's totals at `at`: what it accumulated, plus its current rates since. */
function integrate(f: Flow, at: number): FlowTotals {
  const dt = Math.max(0, (at - f.since) / 1000);
  const r = rates(f);
  return { rx: f.rx + r.rx * dt, tx: f.tx + r.tx * dt, cpuSeconds: f.cpuSeconds + f.cpu * dt };
}

export class TrafficModel {
  private readonly flows = new Map<string, Flow>();
  private readonly targets = new Map<string, LoadTarget[]>();
  private dirty = true;
  private computedAt = -Infinity;

  constructor(
    private readonly o: {
      clock: Clock;
      pods: WatchedSource;
      services: WatchedSource;
      /** Least real time between recomputations while things change (default 1 s; 0 in tests). */
      minRecomputeMs?: number;
      /** Cores of load a backend pod takes on when it serves `loops` (default `loops × LOOP_CPU`). */
      cpuOf?: (pod: KubeObject, loops: number) => number;
    },
  ) {
    const mark = { add: () => this.touch(), update: () => this.touch(), delete: () => this.touch() };
    o.pods.on?.(mark);
    o.services.on?.(mark);
  }

  private touch(): void {
    this.dirty = true;
  }

  /** Loops of load a pod serves (as one of a Service's endpoints), 0 for most pods. */
  served(pod: KubeObject): number {
    this.refresh();
    return this.flows.get(pod.metadata.uid ?? '')?.served ?? 0;
  }

  /** Load-driven totals of a pod at `at`: bytes received/transmitted and core-seconds served. */
  totals(pod: KubeObject, at: number): FlowTotals {
    this.refresh();
    const f = this.flows.get(pod.metadata.uid ?? '');
    return f ? integrate(f, at) : { rx: 0, tx: 0, cpuSeconds: 0 };
  }

  private refresh(): void {
    const watched = !!this.o.pods.on;
    if (watched && !this.dirty) return;
    const wall = Date.now();
    if (watched && wall - this.computedAt < (this.o.minRecomputeMs ?? 1000)) return;
    this.dirty = false;
    this.computedAt = wall;
    this.recompute(this.o.clock.now().getTime());
  }

  private recompute(now: number): void {
    const served = new Map<string, number>();
    const servers = new Map<string, KubeObject>();
    const generated = new Map<string, number>();
    const live = new Set<string>();
    const backends = new Map<string, KubeObject[]>();
    for (const pod of this.o.pods.list()) {
      const uid = pod.metadata.uid ?? '';
      live.add(uid);
      if (statusOf(pod).phase !== 'Running' || pod.metadata.deletionTimestamp) continue;
      let targets = this.targets.get(uid);
      if (!targets) this.targets.set(uid, (targets = loadTargets(pod)));
      for (const t of targets) {
        const key = `${t.namespace}/${t.service}`;
        let ready = backends.get(key);
        if (!ready) backends.set(key, (ready = this.endpoints(t)));
        if (ready.length === 0) continue;
        generated.set(uid, (generated.get(uid) ?? 0) + 1);
        for (const b of ready) {
          const id = b.metadata.uid ?? '';
          served.set(id, (served.get(id) ?? 0) + 1 / ready.length);
          servers.set(id, b);
        }
      }
    }
    for (const uid of this.targets.keys()) if (!live.has(uid)) this.targets.delete(uid);
    for (const [uid, f] of this.flows) {
      if (!live.has(uid)) {
        this.flows.delete(uid);
        continue;
      }
      Object.assign(f, integrate(f, now), { since: now, ...this.flowRates(uid, served, generated, servers) });
    }
    for (const uid of new Set([...served.keys(), ...generated.keys()])) {
      if (this.flows.has(uid)) continue;
      const r = this.flowRates(uid, served, generated, servers);
      this.flows.set(uid, { ...r, since: now, rx: 0, tx: 0, cpuSeconds: 0 });
    }
  }

  private flowRates(
    uid: string,
    served: Map<string, number>,
    generated: Map<string, number>,
    servers: Map<string, KubeObject>,
  ): Pick<Flow, 'served' | 'generated' | 'cpu'> {
    const loops = served.get(uid) ?? 0;
    const pod = servers.get(uid);
    const cpu = pod && loops > 0 ? (this.o.cpuOf?.(pod, loops) ?? loops * LOOP_CPU) : 0;
    return { served: loops, generated: generated.get(uid) ?? 0, cpu };
  }

  private endpoints(t: LoadTarget): KubeObject[] {
    const svc = this.o.services.list(t.namespace).find((s) => s.metadata.name === t.service);
    const selector = (svc?.spec as { selector?: Record<string, string> } | undefined)?.selector;
    if (!selector || Object.keys(selector).length === 0) return [];
    return this.o.pods.list(t.namespace).filter((p) => isReady(p) && selects(selector, p.metadata.labels));
  }
}
