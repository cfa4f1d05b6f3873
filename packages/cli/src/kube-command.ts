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
}

export async function runKube(opts: KubeOptions): Promise<void> {
  const dataDir = resolve(opts.dataDir);
  const cluster = await startCluster({
    dataDir,
    port: opts.port,
    address: opts.address,
    nodes: opts.nodes,
    simulation: opts.simulation,
    log: (line) => console.log(line),
  });
  console.log(`Kubernetes API: ${cluster.url}`);
  console.log(`kubeconfig:     ${cluster.kubeconfigPath}`);
  console.log(`try:            kubectl --kubeconfig ${cluster.kubeconfigPath} get nodes`);
  const shutdown = async () => {
    await cluster.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
