/**
 * @module cluster/start
 * Assembles the embedded cluster: SQLite store, registry, request pipeline, HTTPS API server with its
 * own CA and an admin bearer token, bootstrap objects, and custom resource serving. Writes
 * `<data-dir>/kubeconfig`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import { createHandler, rbacSourceOf } from './handler-factory';
import { authorize, rulesFor } from '../auth/rbac';
import { setAccessReviewer, setRulesReviewer } from '../registry/authorization';
import { createSqliteStore } from '../storage';
import { ResourceRegistry } from '../registry/resource-registry';
import { createPipeline } from '../pipeline/pipeline';
import type { PipelineDeps } from '../pipeline/deps';
import type { ApiPipeline, RequestContext } from '../pipeline/types';
import { createSchemaRegistry } from '../schema/registry';
import { createPatchEngine, createSchemaEngine } from './engines';
import { ensurePki } from './pki';
import { metricsDescriptors } from './metrics-api';
import { serviceAllocationAdmission } from '../registry/core/service-allocation';
import { defaultStorageClass } from './admission/default-storage-class';
import { limitRangeAdmission } from './admission/limit-range';
import { resourceQuotaAdmission } from './admission/resource-quota';
import { kubeconfigYaml } from './kubeconfig';
import { bootstrapObjects } from './bootstrap';
import { serveCustomResources } from './crd-serving';
import type { StaticToken } from '../api/auth';
import type { ResourceDescriptor, UserInfo } from '../registry/types';
import { createInProcessClient } from '../client/in-process';
import { allControllers } from '../controllers';
import {
  startControllers,
  type ControllerModule,
  type RunningControllers,
  type ServedResource,
} from '../controllers/manager';
import { verbsOf } from '../pipeline/resolve';
import { realClock, type Clock } from '../controllers/runtime/clock';
import { startNodeSimulation, type RunningNodeSimulation } from '../nodes';
import { holdLeaderLeases } from './leader-leases';
import { startDataPlane, type RunningDataPlane } from '../dataplane';

export interface ClusterConfig {
  dataDir: string;
  /** HTTPS port; 0 picks a free one. */
  port: number;
  /** Address to bind (default 127.0.0.1). */
  address?: string;
  log?: (line: string) => void;
  now?: () => Date;
  /** Simulated nodes to run (the node simulator honours it). */
  nodes?: number;
  /** Interval between watch bookmarks (tests shorten it). */
  bookmarkIntervalMs?: number;
  /** Clock for controllers and simulated nodes (tests inject a fake one). */
  clock?: Clock;
  /** Controllers to run (default: all of them; [] runs the API server alone). */
  controllers?: ControllerModule[];
  /** Served kinds (default: every built-in kind). */
  descriptors?: ResourceDescriptor[];
  /** Pod stage timings of the simulated nodes: 'fast' (tests) or 'realistic' (default). */
  simulation?: 'fast' | 'realistic';
  /**
   * The simulated data plane (NodePort/LoadBalancer Services and Ingresses answering on the bind address;
   * see dataplane/README.md). On by default; `false` turns it off. `ingressPort`: the cluster ingress
   * controller's port (default 18080, 0 = any free port, null = none).
   */
  dataplane?: false | { ingressPort?: number | null };
  /** Store compaction window. */
  compaction?: { minRetainedEvents?: number; maxAgeMs?: number; intervalMs?: number };
}

export interface RunningCluster {
  url: string;
  port: number;
  kubeconfigPath: string;
  token: string;
  caCert: string;
  store: ReturnType<typeof createSqliteStore>;
  pipeline: ApiPipeline;
  registry: ResourceRegistry;
  deps: PipelineDeps;
  controllers: RunningControllers;
  /** Scheduler and simulated nodes (absent when the cluster runs without controllers or nodes). */
  nodeSimulation?: RunningNodeSimulation;
  /** The simulated data plane (absent when turned off or when no controllers run). */
  dataPlane?: RunningDataPlane;
  /** Identity for in-process components (controllers, nodes). */
  systemContext(component: string): RequestContext;
  stop(): Promise<void>;
}

/**
 * SelfSubjectAccessReview, SubjectAccessReview and SelfSubjectRulesReview answer with the same RBAC
 * evaluation that authorizes requests. (The review hooks are module-level: the last cluster started in a
 * process answers them, which only matters to tests that run several clusters at once.)
 */
function installAccessReviewers(deps: PipelineDeps): void {
  const source = rbacSourceOf(deps);
  setAccessReviewer((user, a) =>
    authorize(source, user, {
      verb: a.verb,
      group: a.group ?? '',
      resource: a.resource ?? '',
      subresource: a.subresource ?? '',
      namespace: a.namespace ?? '',
      name: a.name ?? '',
      path: a.resourceRequest ? undefined : a.path,
    }),
  );
  setRulesReviewer((user, namespace) => {
    const rules = rulesFor(source, user, namespace);
    return {
      resourceRules: rules
        .filter((r) => !r.nonResourceURLs)
        .map(({ verbs, apiGroups, resources, resourceNames }) => ({
          verbs,
          apiGroups,
          resources,
          resourceNames,
        })),
      nonResourceRules: rules
        .filter((r) => r.nonResourceURLs)
        .map(({ verbs, nonResourceURLs }) => ({ verbs, nonResourceURLs })),
      incomplete: false,
    };
  });
}

/** Storage versions of every served resource, for controllers that enumerate resources. */
function servedResources(registry: ResourceRegistry): ServedResource[] {
  return registry
    .all()
    .filter((d) => d.storageVersion !== false && !d.virtual)
    .map((d) => ({
      ref: { group: d.group, version: d.version, resource: d.plural },
      apiVersion: d.group ? `${d.group}/${d.version}` : d.version,
      kind: d.kind,
      namespaced: d.namespaced,
      verbs: verbsOf(d),
    }));
}

export const adminUser: UserInfo = { username: 'admin', uid: 'sphere-admin', groups: ['system:masters'] };

function loadTokens(dataDir: string): StaticToken[] {
  const path = join(dataDir, 'tokens.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as StaticToken[];
  const tokens: StaticToken[] = [{ token: randomBytes(24).toString('base64url'), user: adminUser }];
  writeFileSync(path, JSON.stringify(tokens, null, 2), { mode: 0o600 });
  return tokens;
}

export async function startCluster(config: ClusterConfig): Promise<RunningCluster> {
  const log = config.log ?? (() => {});
  const clock = config.clock ?? realClock;
  const now = config.now ?? (() => clock.now());
  mkdirSync(config.dataDir, { recursive: true });
  const address = config.address ?? '127.0.0.1';
  const store = createSqliteStore({
    path: join(config.dataDir, 'cluster.db'),
    compaction: config.compaction,
  });
  const descriptors = config.descriptors ?? (await import('../registry/builtin')).builtinDescriptors();
  const registry = new ResourceRegistry(descriptors);
  const schemas = createSchemaRegistry();
  const schema = createSchemaEngine(schemas);
  const deps: PipelineDeps = {
    store,
    registry,
    schema,
    patch: createPatchEngine(schema),
    // LimitRanger first, so the defaults it fills are counted by ResourceQuota.
    admission: [
      serviceAllocationAdmission(store),
      defaultStorageClass(store),
      limitRangeAdmission(store),
      resourceQuotaAdmission(store),
    ],
    now,
    bookmarkIntervalMs: config.bookmarkIntervalMs,
  };
  const pipeline = createPipeline(deps);
  installAccessReviewers(deps);
  const stopCrds = serveCustomResources({ store, registry, schemas, now, log });
  const tokens = loadTokens(config.dataDir);
  const pki = ensurePki(join(config.dataDir, 'pki'), [address]);

  const handlerRef: { port: number } = { port: config.port };
  let nodeSimulation: RunningNodeSimulation | undefined;
  const server: Server = createServer(
    { cert: pki.serverCert, key: pki.serverKey },
    createHandler({
      deps,
      pipeline,
      registry,
      schemas,
      tokens,
      now,
      log,
      serverAddress: () => `${address}:${handlerRef.port}`,
      podStreams: () => nodeSimulation?.podStreams,
      kubeletMetrics: (node, endpoint) => nodeSimulation?.usage.prometheusMetrics(node, endpoint),
    }),
  );
  // Watches may last for hours: no request timeout, keep connections alive.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, address, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  handlerRef.port = port;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `https://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const systemContext = (component: string): RequestContext => ({
    user: { username: `system:${component}`, groups: ['system:masters'] },
    userAgent: `${component}/v1.32.4 (linux/amd64) sphere`,
  });
  await bootstrapObjects(pipeline, systemContext('apiserver'), port);
  const controllers = await startControllers({
    client: createInProcessClient(pipeline, systemContext('kube-controller-manager')),
    servedResources: () => servedResources(registry),
    clock,
    modules: config.controllers ?? allControllers,
    log,
  });
  // The controller manager's and scheduler's leader-election Leases, as a real control plane keeps them.
  const leaderLeases =
    config.controllers === undefined || config.controllers.length > 0
      ? holdLeaderLeases(
          createInProcessClient(pipeline, systemContext('kube-controller-manager')),
          clock,
          log,
        )
      : undefined;
  // --- Scheduler and simulated nodes (packages/kube/src/nodes, scheduler) -------------------------------
  // Started after the controllers; skipped when the cluster runs the API server alone (controllers: []).
  // WebSocket upgrades (kubectl exec) go through the same API handler (authentication, authorization),
  // which hands them to the pod stream handler.
  if ((config.nodes ?? 3) > 0 && (config.controllers === undefined || config.controllers.length > 0)) {
    nodeSimulation = await startNodeSimulation({
      schedulerClient: createInProcessClient(pipeline, systemContext('kube-scheduler')),
      nodeClient: createInProcessClient(pipeline, systemContext('kubelet')),
      clock,
      nodes: config.nodes ?? 3,
      speed: config.simulation ?? 'realistic',
      log,
    });
    registry.setDynamic('metrics.k8s.io', metricsDescriptors(nodeSimulation.usage));
  }
  const requestListener = server.listeners('request')[0] as (
    req: IncomingMessage,
    res: ServerResponse,
  ) => void;
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (head.length > 0) socket.unshift(head);
    const res = new ServerResponse(req);
    res.assignSocket(socket as Socket);
    res.on('finish', () => socket.end());
    requestListener(req, res);
  });
  // --- end of scheduler and simulated nodes -----------------------------------------------------------
  // The data plane reads EndpointSlices, so it only runs with the controllers.
  let dataPlane: RunningDataPlane | undefined;
  if (config.dataplane !== false && (config.controllers === undefined || config.controllers.length > 0)) {
    dataPlane = await startDataPlane({
      client: createInProcessClient(pipeline, systemContext('kube-proxy')),
      informers: controllers.informers,
      clock,
      address,
      ingressPort: config.dataplane?.ingressPort,
      log,
    });
  }
  const kubeconfigPath = join(config.dataDir, 'kubeconfig');
  // Written to a temporary file and renamed, so a client polling for the file never reads it half-written.
  writeFileSync(
    `${kubeconfigPath}.tmp`,
    kubeconfigYaml({ server: url, caCert: pki.caCert, token: tokens[0].token }),
    { mode: 0o600 },
  );
  renameSync(`${kubeconfigPath}.tmp`, kubeconfigPath);
  log(`embedded cluster listening on ${url}`);
  return {
    url,
    port,
    kubeconfigPath,
    token: tokens[0].token,
    caCert: pki.caCert,
    store,
    pipeline,
    registry,
    deps,
    controllers,
    nodeSimulation,
    dataPlane,
    systemContext,
    async stop() {
      await dataPlane?.stop();
      leaderLeases?.stop();
      nodeSimulation?.stop();
      controllers.stop();
      stopCrds();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      store.close();
    },
  };
}
