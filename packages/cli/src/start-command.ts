/**
 * @module cli/start-command
 * `sphere start`: the embedded cluster (unless --kubeconfig), then the platform and console on top of it.
 */
import { runKube } from './kube-command';

export interface StartOptions {
  dataDir: string;
  port: number;
  address: string;
  kubePort: number;
  kubeconfig?: string;
  nodes: number;
  adminPassword?: string;
}

export async function runStart(opts: StartOptions): Promise<void> {
  // The platform is not wired yet: start the embedded cluster so `npm start` is useful meanwhile.
  await runKube({ dataDir: opts.dataDir, port: opts.kubePort, address: '127.0.0.1', nodes: opts.nodes });
}
