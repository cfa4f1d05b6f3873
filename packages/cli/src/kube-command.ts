/**
 * @module cli/kube-command
 * `sphere kube`: the embedded cluster alone, until interrupted.
 */
import { resolve } from 'node:path';
import { startCluster } from '@sphere/kube/cluster/start';

export interface KubeOptions {
  dataDir: string;
  port: number;
  address: string;
  nodes: number;
  simulation?: 'fast' | 'realistic';
  /** The simulated data plane (default on; `--no-dataplane` turns it off). */
  dataplane?: boolean;
  /** Port of the simulated cluster ingress controller (default 18080). */
  ingressPort?: number;
}

export async function runKube(opts: KubeOptions): Promise<void> {
  const dataDir = resolve(opts.dataDir);
  const cluster = await startCluster({
    dataDir,
    port: opts.port,
    address: opts.address,
    nodes: opts.nodes,
    simulation: opts.simulation,
    dataplane: opts.dataplane === false ? false : { ingressPort: opts.ingressPort },
    log: (line) => console.log(line),
  });
  console.log(`Kubernetes API: ${cluster.url}`);
  console.log(`kubeconfig:     ${cluster.kubeconfigPath}`);
  console.log(`try:            kubectl --kubeconfig ${cluster.kubeconfigPath} get nodes`);
  if (cluster.dataPlane)
    console.log(
      `data plane:     NodePort services on ${cluster.dataPlane.publishedIP}:<nodePort>, Ingresses on ${cluster.dataPlane.publishedIP}:${opts.ingressPort ?? 18080} (Host header routing)`,
    );
  const shutdown = async () => {
    await cluster.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
