/**
 * @module kube/transport
 * The platform's only door to the cluster: HTTP(S) requests built from one kubeconfig with
 * @kubernetes/client-node's KubeConfig (server URL, CA, client certificates, bearer token). One keep-alive
 * agent is shared by every request so lists and proxied calls do not pay a TLS handshake each time.
 */
import http from 'node:http';
import https from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';

/** Everything needed to open a request to the cluster (also used by the reverse proxy). */
export interface KubeTransport {
  /** `https://127.0.0.1:6443` (no trailing slash). */
  readonly server: URL;
  /** Opens a request; the caller writes the body and ends it. */
  open(method: string, path: string, headers?: http.OutgoingHttpHeaders): http.ClientRequest;
  /** Closes pooled connections. */
  close(): void;
}

interface TlsOptions {
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  rejectUnauthorized?: boolean;
  servername?: string;
}

/** Loads a kubeconfig file and returns a transport for its current context. */
export async function transportFromKubeconfig(kubeconfigPath: string): Promise<KubeTransport> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  return transportFromKubeConfig(kc);
}

/** Builds a transport from an already loaded KubeConfig. */
export async function transportFromKubeConfig(kc: KubeConfig): Promise<KubeTransport> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig has no current cluster');
  // applyToHTTPSOptions resolves CA/cert/key files and the Authorization header (token or auth plugin).
  const opts: https.RequestOptions & { headers: http.OutgoingHttpHeaders } = { headers: {} };
  await kc.applyToHTTPSOptions(opts);
  const server = new URL(cluster.server.replace(/\/+$/, ''));
  const secure = server.protocol === 'https:';
  const tls: TlsOptions = {
    ca: opts.ca as string | Buffer | undefined,
    cert: opts.cert as string | Buffer | undefined,
    key: opts.key as string | Buffer | undefined,
  };
  if (cluster.skipTLSVerify) tls.rejectUnauthorized = false;
  if (cluster.tlsServerName) tls.servername = cluster.tlsServerName;
  const agent = secure
    ? new https.Agent({ keepAlive: true, maxSockets: 64, ...tls })
    : new http.Agent({ keepAlive: true, maxSockets: 64 });
  const baseHeaders: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(opts.headers ?? {})) if (v !== undefined) baseHeaders[k] = v;
  const basicAuth = opts.auth;
  return {
    server,
    open(method, path, headers = {}) {
      const options: https.RequestOptions = {
        protocol: server.protocol,
        hostname: server.hostname,
        port: server.port || (secure ? 443 : 80),
        method,
        path: (server.pathname === '/' ? '' : server.pathname) + path,
        headers: { ...headers, ...baseHeaders },
        agent,
      };
      if (basicAuth) options.auth = basicAuth;
      return secure ? https.request(options) : http.request(options);
    },
    close() {
      agent.destroy();
    },
  };
}
