/**
 * @module monitoring/scrape/scraper
 * The scrape loop of source (a): every interval, for each node, GET the kubelet's
 * `/api/v1/nodes/<node>/proxy/metrics/cadvisor` and `/metrics/resource` through the API server, derive the
 * base series, add the object-derived series, and append everything at the tick's scheduled time (so
 * timestamps are perfectly regular and cost one bit each in the chunks).
 */
import { parsePromText, type PromSample } from '../promtext';
import type { Tsdb } from '../tsdb/db';
import { podOwner, type InventoryView } from '../inventory';
import { deriveNodeSamples, type BaseSample, type CounterState } from './derive';
import { objectSamples } from './objects';

export interface ScraperDeps {
  inventory: InventoryView;
  /** A GET through the API server (the platform's kube client). */
  get(path: string): Promise<{ status: number; text: string }>;
  tsdb: Tsdb;
  now: () => number;
  intervalMs?: number;
  log?: (line: string) => void;
  /** Nodes scraped at once (default 8). */
  concurrency?: number;
  /** Called after each tick with what was appended (alerting evaluates then). */
  onTick?: (t: number) => void | Promise<void>;
}

export interface TickReport {
  t: number;
  nodes: number;
  failures: number;
  samples: number;
}

export class Scraper {
  private readonly counters: CounterState = new Map();
  private timer?: NodeJS.Timeout;
  private running?: Promise<TickReport>;
  private readonly failing = new Set<string>();
  readonly intervalMs: number;

  constructor(private readonly deps: ScraperDeps) {
    this.intervalMs = deps.intervalMs ?? 10_000;
  }

  /** Scrapes every node once and appends at `at` (default: the current tick boundary). */
  async tick(at?: number): Promise<TickReport> {
    const { inventory, tsdb } = this.deps;
    const t = at ?? Math.floor(this.deps.now() / this.intervalMs) * this.intervalMs;
    const nodes = inventory.nodes().map((n) => n.metadata.name!);
    const samples: BaseSample[] = objectSamples(inventory);
    let failures = 0;
    const podInfo = (namespace: string, pod: string) => {
      const p = inventory.pod(namespace, pod);
      return (p && podOwner(inventory, p)) || {};
    };
    const queue = [...nodes];
    const worker = async () => {
      for (let node = queue.shift(); node !== undefined; node = queue.shift()) {
        const [cadvisor, resource] = await Promise.all([
          this.fetchMetrics(node, 'cadvisor'),
          this.fetchMetrics(node, 'resource'),
        ]);
        if (!cadvisor && !resource) {
          failures++;
          continue;
        }
        samples.push(...deriveNodeSamples(node, cadvisor ?? [], resource ?? [], this.counters, t, podInfo));
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.concurrency ?? 8, nodes.length) }, worker));
    let appended = 0;
    for (const s of samples) if (tsdb.add(s.labels, t, s.value)) appended++;
    tsdb.compact();
    await this.deps.onTick?.(t);
    return { t, nodes: nodes.length, failures, samples: appended };
  }

  private async fetchMetrics(
    node: string,
    endpoint: 'cadvisor' | 'resource',
  ): Promise<PromSample[] | undefined> {
    const path = `/api/v1/nodes/${encodeURIComponent(node)}/proxy/metrics/${endpoint}`;
    const key = `${node}/${endpoint}`;
    try {
      const res = await this.deps.get(path);
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
      const parsed = parsePromText(res.text);
      if (parsed.samples.length === 0 && parsed.errors > 0)
        throw new Error('the answer is not in Prometheus text format');
      if (this.failing.delete(key)) this.deps.log?.(`monitoring: ${path} answers again`);
      return parsed.samples;
    } catch (err) {
      // Log once per failing endpoint, not every 10 s.
      if (!this.failing.has(key)) {
        this.failing.add(key);
        this.deps.log?.(
          `monitoring: scrape ${path} failed: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      return undefined;
    }
  }

  /** Starts the periodic loop (a tick still running makes the next one skip). */
  start(): void {
    const loop = () => {
      if (!this.running) {
        this.running = this.tick().finally(() => (this.running = undefined));
        this.running.catch((err: unknown) => this.deps.log?.(`monitoring: tick failed: ${String(err)}`));
      }
      const now = this.deps.now();
      this.timer = setTimeout(loop, this.intervalMs - (now % this.intervalMs) + 5);
    };
    loop();
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
