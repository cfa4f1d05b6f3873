/**
 * @module @sphere/platform
 * `startPlatform`: the platform server (what KubeSphere's ks-apiserver and ks-controller-manager do). It
 * reaches the cluster only through the Kubernetes HTTP API with one kubeconfig, keeps all of its state in the
 * cluster (custom resources, one Secret), and may run as several replicas against the same cluster.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { StatusError } from '@sphere/shared';
import { AuditLog } from './audit/audit';
import { ClusterAuditStore } from './audit/store';
import { auditRoutes } from './audit/routes';
import { componentRoutes } from './components/routes';
import { authenticateToken, bearerToken } from './auth/authenticate';
import { loadSigningKey, tokenIssuer } from './auth/tokens';
import { requestAttributes } from './authz/requestinfo';
import { bootstrap } from './bootstrap';
import { Caches, Platform, resolveConfig, type PlatformConfig } from './context';
import { startControllers } from './controllers';
import { installCrds } from './crds/install';
import { gatewayRoutes } from './gateway/routes';
import { membershipRoutes } from './iam/members';
import { roleRoutes } from './iam/roles';
import { rulesRoutes } from './iam/rules';
import { userRoutes } from './iam/users';
import { KubeClient } from './kube/client';
import { transportFromKubeconfig } from './kube/transport';
import { apiDocsHtml } from './openapi/page';
import { openApiDocument } from './openapi/spec';
import { proxyRequest, proxyUpgrade } from './proxy/proxy';
import type { RunningMonitoring } from './monitoring';
import { registryRoutes } from './registry/verify';
import { resourceRoutes } from './resources/handler';
import { Router } from './router';
import { createHandler } from './server';
import { namespaceRoutes } from './tenant/namespaces';
import { quotaRoutes } from './tenant/quotas';
import { workspaceRoutes } from './tenant/workspaces';

export type { PlatformConfig } from './context';

export interface RunningPlatform {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Internals for tests and the CLI's diagnostics. */
  platform: Platform;
  /** Resolves when the controllers have nothing queued (tests). */
  settled(): Promise<void>;
}

/** Starts the platform: CRDs, bootstrap objects, caches, controllers, then the HTTP server. */
export async function startPlatform(config: PlatformConfig): Promise<RunningPlatform> {
  const cfg = resolveConfig(config);
  const startedAt = cfg.now();
  const transport = await transportFromKubeconfig(cfg.kubeconfigPath);
  const client = new KubeClient(transport);
  await installCrds(client);
  const key = await loadSigningKey(client);
  const caches = new Caches(client, cfg.log);
  const auditStore = new ClusterAuditStore(client, cfg.log);
  const p = new Platform(client, caches, tokenIssuer(key, cfg.now), cfg, new AuditLog(10_000, auditStore));
  await caches.start();
  await bootstrap(p, cfg.adminPassword);
  const controllers = cfg.controllers ? startControllers(p) : undefined;

  // Monitoring is optional: if it cannot start, the platform still serves everything else.
  let monitoring: RunningMonitoring | undefined;
  let monitoringError: string | undefined;
  if (cfg.monitoring !== false) {
    try {
      // Loaded on demand so that a problem in the monitoring module cannot keep the platform from starting.
      const { startMonitoring } = await import('./monitoring');
      monitoring = await startMonitoring({
        kube: client,
        ...(cfg.monitoring ?? {}),
        now: cfg.now,
        log: (line) => cfg.log(`[monitoring] ${line}`),
      });
    } catch (err) {
      monitoringError = (err as Error).message;
      cfg.log(`monitoring disabled: ${monitoringError}`);
    }
  }

  const router = new Router();
  router.addAll([
    ...userRoutes(p),
    ...rulesRoutes(p),
    ...roleRoutes(p),
    ...membershipRoutes(p),
    ...workspaceRoutes(p),
    ...namespaceRoutes(p),
    ...quotaRoutes(p),
    // Before the v1alpha3 resource routes, whose `/{resources}` would otherwise take `/components`.
    ...componentRoutes(p, {
      startedAt,
      monitoring: () =>
        monitoring
          ? { state: 'on' }
          : monitoringError
            ? { state: 'error', message: `failed to start: ${monitoringError}` }
            : { state: 'off' },
    }),
    ...resourceRoutes(p),
    ...registryRoutes(),
    ...gatewayRoutes(p),
    ...auditRoutes(p),
    ...(monitoring?.routes ?? []),
  ]);
  const publicRoutes = new Router();
  publicRoutes.add({
    method: 'GET',
    pattern: '/kapis/openapi/v3',
    handler: async () => openApiDocument(router.routes),
  });
  publicRoutes.add({
    method: 'GET',
    pattern: '/kapis/version',
    handler: async () => ({ gitVersion: 'v0.1.0', kubernetes: 'via kubeconfig' }),
  });
  const docs = async (ctx: { res: http.ServerResponse }) => {
    ctx.res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    ctx.res.end(apiDocsHtml);
  };
  publicRoutes.add({ method: 'GET', pattern: '/api-docs', handler: docs as never });

  const server = http.createServer(createHandler(p, router, proxyRequest, publicRoutes));
  // Upgraded connections leave the HTTP server's bookkeeping: track them so stop() can close them.
  const upgraded = new Set<import('node:stream').Duplex>();
  server.on('upgrade', (req, socket, head) => {
    upgraded.add(socket);
    socket.on('close', () => upgraded.delete(socket));
    void (async () => {
      try {
        const url = new URL(req.url ?? '/', 'http://platform');
        const token = bearerToken(req, url);
        if (!token) throw new StatusError(401, 'Unauthorized', 'authentication required');
        const who = await authenticateToken(p, token, 'access_token');
        const attrs = requestAttributes(req.method ?? 'GET', url.pathname, url.searchParams);
        if (!attrs.kubernetesRequest)
          throw new StatusError(404, 'NotFound', 'the server could not find the requested resource');
        proxyUpgrade(p, who, attrs, req, socket, head, url);
      } catch (err) {
        const e = err instanceof StatusError ? err : new StatusError(500, 'InternalError', 'upgrade failed');
        const body = JSON.stringify(e.toStatus());
        socket.end(
          `HTTP/1.1 ${e.code} ${http.STATUS_CODES[e.code]}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
      }
    })();
  });
  const address = cfg.address ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(cfg.port, address, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  cfg.log(`platform listening on ${url}`);
  return {
    url,
    port,
    platform: p,
    settled: async () => {
      await controllers?.idle();
    },
    async stop() {
      controllers?.stop();
      await monitoring?.stop();
      caches.stop();
      await auditStore.stop();
      for (const s of upgraded) s.destroy();
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      transport.close();
    },
  };
}
