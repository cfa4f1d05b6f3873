/**
 * @module cli/start-command
 * `sphere start`: the embedded cluster (unless --kubeconfig points at another one), then the platform
 * API and the web console on one port.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startCluster } from '@sphere/kube/cluster/start';
import { startPlatform } from '@sphere/platform';
import { ensureConsoleBuild } from './console-build';

export interface StartOptions {
  dataDir: string;
  port: number;
  address: string;
  kubePort: number;
  kubeconfig?: string;
  nodes: number;
  adminPassword?: string;
  simulation?: 'fast' | 'realistic';
  /** The simulated data plane (default on; `--no-dataplane` turns it off). */
  dataplane?: boolean;
  /** Port of the simulated cluster ingress controller (default 18080). */
  ingressPort?: number;
  prometheusUrl?: string;
  /** Seconds between scrapes and alert evaluations (default 10; SPHERE_SCRAPE_INTERVAL when not given). */
  scrapeInterval?: number;
}

/** The scrape interval in ms from the flag, else SPHERE_SCRAPE_INTERVAL (seconds), else the default. */
export function scrapeIntervalMs(flag: number | undefined, env: string | undefined): number | undefined {
  if (flag !== undefined) return flag * 1000;
  if (env === undefined || env === '') return undefined;
  const n = Number(env.replace(/s$/, ''));
  if (!Number.isInteger(n) || n < 1 || n > 3600)
    throw new Error(
      `SPHERE_SCRAPE_INTERVAL must be a whole number of seconds between 1 and 3600, not ${env}`,
    );
  return n * 1000;
}

export async function runStart(opts: StartOptions): Promise<void> {
  const dataDir = resolve(opts.dataDir);
  const intervalMs = scrapeIntervalMs(opts.scrapeInterval, process.env.SPHERE_SCRAPE_INTERVAL);
  const log = (line: string) => console.log(line);
  let stopCluster = async () => {};
  let kubeconfigPath: string;
  let dataPlaneLine = '';
  if (opts.kubeconfig) {
    kubeconfigPath = resolve(opts.kubeconfig);
    if (!existsSync(kubeconfigPath)) throw new Error(`kubeconfig not found: ${kubeconfigPath}`);
    log(`managing the cluster of ${kubeconfigPath}`);
  } else {
    const cluster = await startCluster({
      dataDir,
      port: opts.kubePort,
      nodes: opts.nodes,
      simulation: opts.simulation,
      dataplane: opts.dataplane === false ? false : { ingressPort: opts.ingressPort },
      log,
    });
    kubeconfigPath = cluster.kubeconfigPath;
    if (cluster.dataPlane)
      dataPlaneLine = `Data plane:      NodePort services on ${cluster.dataPlane.publishedIP}:<nodePort>, Ingresses on ${cluster.dataPlane.publishedIP}:${opts.ingressPort ?? 18080}`;
    stopCluster = () => cluster.stop();
  }
  const staticDir = await ensureConsoleBuild(log);
  const platform = await startPlatform({
    kubeconfigPath,
    port: opts.port,
    address: opts.address,
    adminPassword: opts.adminPassword ?? process.env.SPHERE_ADMIN_PASSWORD,
    staticDir,
    // Scraped metrics are kept under <data-dir>/monitoring, so charts survive restarts.
    monitoring: { dataDir, prometheusUrl: opts.prometheusUrl, intervalMs },
    log: (line) => log(`[platform] ${line}`),
  });
  console.log('');
  console.log(`Sphere console:  ${platform.url}`);
  console.log(
    `Log in as:       admin / ${opts.adminPassword || process.env.SPHERE_ADMIN_PASSWORD ? '(the password you gave)' : 'P@88w0rd (you will be asked to change it)'}`,
  );
  console.log(`kubectl:         kubectl --kubeconfig ${kubeconfigPath} get nodes`);
  if (dataPlaneLine) console.log(dataPlaneLine);
  const shutdown = async () => {
    await platform.stop();
    await stopCluster();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
