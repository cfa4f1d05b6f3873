/**
 * @module monitoring
 * `startMonitoring`: the platform's monitoring (what KubeSphere's monitoring API does over Prometheus).
 * Source (a), the default: a scraper reading every node's kubelet metrics through the API server proxy
 * into an embedded TSDB under `<dataDir>/monitoring/` (in memory without `dataDir`). Source (b): an
 * existing Prometheus (`prometheusUrl`). Either way the v1alpha3 routes, the alerting and the console
 * read the same KubeSphere metric names.
 */
import path from 'node:path';
import type { KubeObject } from '@sphere/shared';
import { KubeClient } from '../kube/client';
import { transportFromKubeconfig } from '../kube/transport';
import type { Route } from '../router';
import { alertingRoutes } from './alerting/routes';
import { AlertManager } from './alerting/manager';
import { monitoringRoutes } from './api/routes';
import { Inventory, inventoryEnricher, type InventoryView } from './inventory';
import { LocalSource } from './query/local';
import { PrometheusSource } from './query/prometheus';
import type { MetricsSource } from './query/types';
import { Scraper } from './scrape/scraper';
import { Tsdb } from './tsdb/db';
import { warmUp } from './warmup';

export { MONITORING_PREFIX } from './api/routes';
export { ALERTING_PREFIX } from './alerting/routes';

export interface MonitoringConfig {
  /** The platform's kube client, or a kubeconfig path. */
  kube: KubeClient | string;
  /** `<dataDir>/monitoring/` holds the TSDB and alert policies; without it everything is in memory. */
  dataDir?: string;
  /** Use this Prometheus instead of scraping (source b). */
  prometheusUrl?: string;
  now?: () => Date;
  log?: (line: string) => void;
  /** Scrape and alert evaluation interval (default 10 s). */
  intervalMs?: number;
  /** Chunk files bound (default 2 GiB). */
  maxDiskBytes?: number;
  /** Replaces the source (tests). */
  source?: MetricsSource;
  /** Replaces the watch-cache inventory (tests). */
  inventory?: InventoryView;
  /** Delivers webhook notifications (default: global fetch). */
  post?: (url: string, body: unknown) => Promise<number>;
  /**
   * Compile the query path at start-up on synthetic data (warmup.ts; default true with the embedded TSDB),
   * so that the first range query after a start is not several times slower than the next ones.
   */
  warmUp?: boolean;
}

export interface RunningMonitoring {
  routes: Route[];
  /** Resolves when the inventory has listed once. */
  ready: Promise<void>;
  tsdb?: Tsdb;
  scraper?: Scraper;
  alerts: AlertManager;
  stop(): Promise<void>;
}

/** Starts inventory, scraper (source a) and alert evaluation; returns the routes to mount. */
export async function startMonitoring(config: MonitoringConfig): Promise<RunningMonitoring> {
  const log = config.log ?? ((line: string) => process.stderr.write(`[monitoring] ${line}\n`));
  const nowDate = config.now ?? (() => new Date());
  const now = () => nowDate().getTime();
  let transportToClose: { close(): void } | undefined;
  let client: KubeClient;
  if (typeof config.kube === 'string') {
    const transport = await transportFromKubeconfig(config.kube);
    transportToClose = transport;
    client = new KubeClient(transport);
  } else client = config.kube;

  let inventory: Inventory | undefined;
  const inv: InventoryView = config.inventory ?? (inventory = new Inventory(client, log));
  const ready = inventory ? inventory.start() : Promise.resolve();
  const dir = config.dataDir ? path.join(config.dataDir, 'monitoring') : undefined;

  const intervalMs = config.intervalMs ?? 10_000;
  let tsdb: Tsdb | undefined;
  let scraper: Scraper | undefined;
  let source: MetricsSource;
  if (config.source) source = config.source;
  else if (config.prometheusUrl) source = new PrometheusSource(config.prometheusUrl);
  else {
    tsdb = new Tsdb({
      dir: dir ? path.join(dir, 'tsdb') : undefined,
      now,
      maxBytes: config.maxDiskBytes ?? 2 ** 31,
    });
    // A point may look back over a few missed scrapes, never less than one interval.
    source = new LocalSource(tsdb, { rawLookbackMs: Math.max(60_000, 2 * intervalMs + 1) });
  }
  const enrich = inventoryEnricher(inv);
  const alerts = new AlertManager({
    source,
    enrich,
    now,
    log,
    file: dir ? path.join(dir, 'alerting.json') : undefined,
    post: config.post,
  });
  let checkpointTimer: NodeJS.Timeout | undefined;
  let alertTimer: NodeJS.Timeout | undefined;
  let warmTimer: NodeJS.Timeout | undefined;
  if (tsdb) {
    const db = tsdb;
    scraper = new Scraper({
      inventory: inv,
      tsdb: db,
      now,
      intervalMs,
      log,
      get: async (p) => {
        const res = await client.raw('GET', p);
        return { status: res.status, text: res.body.toString('utf8') };
      },
      onTick: () => alerts.evaluate(),
    });
    void ready.then(() => scraper?.start());
    checkpointTimer = setInterval(() => db.checkpoint(), 60_000);
    checkpointTimer.unref();
    if (config.warmUp ?? true) {
      // In the background, after start-up: a few hundred milliseconds of CPU, once.
      warmTimer = setTimeout(() => {
        warmUp()
          .then((ms) => log(`query path compiled on synthetic data in ${Math.round(ms)} ms of CPU`))
          .catch((err: unknown) => log(`warm-up failed: ${String(err)}`));
      }, 1000);
      warmTimer.unref();
    }
  } else {
    // With Prometheus, nothing ticks locally: evaluate alerts on our own timer.
    alertTimer = setInterval(() => void alerts.evaluate(), intervalMs);
    alertTimer.unref();
  }

  const platformCounts = async () => {
    const count = async (p: string) => {
      try {
        return ((await client.request<{ items: KubeObject[] }>('GET', p)).items ?? []).length;
      } catch {
        return 0;
      }
    };
    return {
      kubesphere_workspace_count: await count('/apis/tenant.kubesphere.io/v1alpha1/workspaces'),
      kubesphere_user_count: await count('/apis/iam.kubesphere.io/v1alpha2/users'),
      kubesphere_cluser_count: 1,
      kubesphere_app_template_count: 0,
    };
  };

  const routes = [
    ...monitoringRoutes({ source: () => source, enrich, now, platformCounts }),
    ...alertingRoutes(alerts),
  ];
  return {
    routes,
    ready,
    tsdb,
    scraper,
    alerts,
    async stop() {
      if (checkpointTimer) clearInterval(checkpointTimer);
      if (alertTimer) clearInterval(alertTimer);
      if (warmTimer) clearTimeout(warmTimer);
      await scraper?.stop();
      inventory?.stop();
      tsdb?.close();
      alerts.close();
      transportToClose?.close();
    },
  };
}
