/**
 * Test harness: an embedded cluster on a free port in a temporary data directory, and the real kubectl
 * pointed at it (with its own discovery cache, so runs never see each other's).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type ClusterConfig, type RunningCluster } from '../src/cluster/start';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface TestCluster {
  cluster: RunningCluster;
  dataDir: string;
  kubectl(
    args: string[],
    options?: { input?: string; env?: Record<string, string>; timeoutMs?: number },
  ): Promise<KubectlResult>;
  /** kubectl that must succeed; returns stdout. */
  k(args: string[], options?: { input?: string; env?: Record<string, string> }): Promise<string>;
  /** Writes a file into the test's temp dir and returns its path. */
  file(name: string, content: string): string;
  stop(): Promise<void>;
}

export async function startTestCluster(config: Partial<ClusterConfig> = {}): Promise<TestCluster> {
  const dataDir = config.dataDir ?? mkdtempSync(join(tmpdir(), 'sphere-test-'));
  // Fast pod timings unless a test asks otherwise: tests wait for states, not for realism. The data plane
  // (sockets on nodePorts) is off unless a test asks for it: parallel suites would contend for ports.
  const cluster = await startCluster({ port: 0, simulation: 'fast', dataplane: false, ...config, dataDir });
  const env = {
    ...process.env,
    KUBECONFIG: cluster.kubeconfigPath,
    KUBECACHEDIR: join(dataDir, 'kubectl-cache'),
    HOME: dataDir,
  };
  const kubectl: TestCluster['kubectl'] = (args, options = {}) =>
    new Promise((resolve) => {
      const child = execFile(
        'kubectl',
        args,
        {
          env: { ...env, ...options.env },
          timeout: options.timeoutMs ?? 30_000,
          maxBuffer: 64 * 1024 * 1024,
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
          resolve({ stdout, stderr, code });
        },
      );
      if (options.input !== undefined) child.stdin?.end(options.input);
      else child.stdin?.end();
    });
  return {
    cluster,
    dataDir,
    kubectl,
    async k(args, options) {
      const r = await kubectl(args, options);
      if (r.code !== 0)
        throw new Error(`kubectl ${args.join(' ')} failed (${r.code}): ${r.stderr || r.stdout}`);
      return r.stdout;
    },
    file(name, content) {
      const path = join(dataDir, name);
      writeFileSync(path, content);
      return path;
    },
    async stop() {
      await cluster.stop();
      if (!config.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
