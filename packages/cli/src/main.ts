/**
 * @module cli/main
 * The `sphere` command: `sphere start` runs the embedded cluster, the platform and the console;
 * `sphere kube` runs only the embedded cluster.
 */
import { Command, InvalidArgumentError } from 'commander';
import { runKube } from './kube-command';
import { runStart } from './start-command';

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('must be a port number (0-65535)');
  return n;
}

function simulation(value: string): 'fast' | 'realistic' {
  if (value !== 'fast' && value !== 'realistic') throw new InvalidArgumentError('must be fast or realistic');
  return value;
}

function count(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 5000)
    throw new InvalidArgumentError('must be an integer between 0 and 5000');
  return n;
}

function seconds(value: string): number {
  const n = Number(value.replace(/s$/, ''));
  if (!Number.isInteger(n) || n < 1 || n > 3600)
    throw new InvalidArgumentError('must be a whole number of seconds between 1 and 3600');
  return n;
}

const program = new Command('sphere').description('Sphere: a multi-tenant container platform for Kubernetes');

program
  .command('kube')
  .description('run only the embedded Kubernetes cluster')
  .option('--data-dir <dir>', 'where the cluster keeps its state', '.sphere')
  .option('--port <port>', 'HTTPS port of the Kubernetes API (0 = any free port)', port, 6443)
  .option('--address <address>', 'address to bind', '127.0.0.1')
  .option('--nodes <n>', 'number of simulated nodes', count, 3)
  .option(
    '--simulation <speed>',
    'pod lifecycle timings of the simulated nodes: realistic or fast',
    simulation,
    'realistic',
  )
  .option('--no-dataplane', 'do not serve NodePort/LoadBalancer Services and Ingresses on the bind address')
  .option(
    '--ingress-port <port>',
    'port of the simulated cluster ingress controller (0 = any free port)',
    port,
    18080,
  )
  .action(
    async (opts: {
      dataDir: string;
      port: number;
      address: string;
      nodes: number;
      simulation: 'fast' | 'realistic';
      dataplane: boolean;
      ingressPort: number;
    }) => {
      await runKube(opts);
    },
  );

program
  .command('start')
  .description('run the embedded cluster, the platform API and the web console')
  .option('--data-dir <dir>', 'where state is kept', '.sphere')
  .option('--port <port>', 'port of the console and platform API', port, 30880)
  .option('--address <address>', 'address to bind the console and platform API', '127.0.0.1')
  .option('--kube-port <port>', 'HTTPS port of the embedded Kubernetes API', port, 6443)
  .option('--kubeconfig <path>', 'manage this cluster instead of starting the embedded one')
  .option('--nodes <n>', 'number of simulated nodes of the embedded cluster', count, 3)
  .option(
    '--simulation <speed>',
    'pod lifecycle timings of the simulated nodes: realistic or fast',
    simulation,
    'realistic',
  )
  .option('--no-dataplane', 'do not serve NodePort/LoadBalancer Services and Ingresses on the bind address')
  .option(
    '--ingress-port <port>',
    'port of the simulated cluster ingress controller (0 = any free port)',
    port,
    18080,
  )
  .option('--admin-password <password>', 'initial admin password (or SPHERE_ADMIN_PASSWORD)')
  .option('--prometheus-url <url>', 'read metrics from this Prometheus instead of scraping the kubelets')
  .option(
    '--scrape-interval <seconds>',
    'seconds between metric scrapes and alert evaluations (or SPHERE_SCRAPE_INTERVAL)',
    seconds,
  )
  .action(async (opts) => {
    await runStart(opts);
  });

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(`sphere: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
