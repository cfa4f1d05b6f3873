/**
 * Test harness for platform API tests: a cluster (the in-memory fake, or the embedded cluster started as a
 * separate process with `sphere kube`), a platform server pointed at it by kubeconfig, and small HTTP
 * helpers (log in, call with a token, expect a status).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startPlatform, type RunningPlatform } from '../src/index';
import { startFakeApiServer } from './fake-apiserver';

export type Backend = 'fake' | 'embedded';

export const repoRoot = path.resolve(import.meta.dirname, '../../..');

export interface Cluster {
  kubeconfigPath: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Starts `sphere kube` as a child process and waits for its kubeconfig and API. */
export async function startEmbeddedCluster(dir: string, timeoutMs = 60_000): Promise<Cluster> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    // The data plane stays off: parallel suites would contend for node ports.
    [
      'packages/cli/bin/sphere.js',
      'kube',
      '--data-dir',
      dir,
      '--port',
      String(port),
      '--nodes',
      '1',
      '--no-dataplane',
    ],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const kubeconfigPath = path.join(dir, 'kubeconfig');
  const deadline = Date.now() + timeoutMs;
  while (true) {
    if (child.exitCode !== null)
      throw new Error(`sphere kube exited with ${child.exitCode}: ${output.slice(-2000)}`);
    if (fs.existsSync(kubeconfigPath)) {
      const ok = await new Promise<boolean>((resolve) => {
        const s = net.connect(port, '127.0.0.1', () => {
          s.end();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      });
      if (ok) break;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`sphere kube did not come up in ${timeoutMs} ms: ${output.slice(-2000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    kubeconfigPath,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function startCluster(backend: Backend): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sphere-platform-${backend}-`));
  if (backend === 'fake') {
    const fake = await startFakeApiServer(dir);
    return { kubeconfigPath: fake.kubeconfigPath, stop: () => fake.stop() };
  }
  return startEmbeddedCluster(dir);
}

/**
 * Which backends the integration suites run against: the in-memory fake and the embedded cluster started as
 * a separate process (`sphere kube`, reached only through its kubeconfig). SPHERE_PLATFORM_BACKENDS=fake
 * (or =embedded) narrows it.
 */
export function backends(): Backend[] {
  const env = process.env.SPHERE_PLATFORM_BACKENDS;
  if (env) return env.split(',').map((s) => s.trim()) as Backend[];
  return ['fake', 'embedded'];
}

export const ADMIN_PASSWORD = 'Adm1nPassw0rd';

export interface Env {
  cluster: Cluster;
  platform: RunningPlatform;
  url: string;
  stop(): Promise<void>;
}

export async function startEnv(
  backend: Backend,
  extra: Partial<Parameters<typeof startPlatform>[0]> = {},
): Promise<Env> {
  const cluster = await startCluster(backend);
  const platform = await startPlatform({
    kubeconfigPath: cluster.kubeconfigPath,
    port: 0,
    adminPassword: ADMIN_PASSWORD,
    bcryptCost: 4,
    log: () => {},
    // Monitoring has its own tests; here it would only add scrape traffic.
    monitoring: false,
    ...extra,
  });
  return {
    cluster,
    platform,
    url: platform.url,
    stop: async () => {
      await platform.stop();
      await cluster.stop();
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A tiny API client bound to a base URL and (optionally) a token. */
export class Api {
  constructor(
    readonly base: string,
    readonly token?: string,
  ) {}

  async call<T = unknown>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Reply<T>> {
    const h: Record<string, string> = { ...headers };
    if (this.token) h.authorization = `Bearer ${this.token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    const res = await fetch(this.base + path, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = unknown>(path: string) {
    return this.call<T>('GET', path);
  }
  post<T = unknown>(path: string, body: unknown) {
    return this.call<T>('POST', path, body);
  }
  put<T = unknown>(path: string, body: unknown) {
    return this.call<T>('PUT', path, body);
  }
  delete<T = unknown>(path: string) {
    return this.call<T>('DELETE', path);
  }
  as(token: string): Api {
    return new Api(this.base, token);
  }
}

export interface TokenReply {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
  uninitialized?: boolean;
}

/** Password grant; returns the raw reply. */
export async function login(
  base: string,
  username: string,
  password: string,
): Promise<Reply<TokenReply & { error?: string; error_description?: string }>> {
  const res = await fetch(`${base}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username, password }).toString(),
  });
  return { status: res.status, body: (await res.json()) as TokenReply, headers: res.headers };
}

/** Logs in and returns an Api bound to the access token (fails the test on a non-200). */
export async function session(base: string, username: string, password: string): Promise<Api> {
  const r = await login(base, username, password);
  if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return new Api(base, r.body.access_token);
}

export const IAM = '/kapis/iam.kubesphere.io/v1alpha2';
export const TENANT = '/kapis/tenant.kubesphere.io/v1alpha2';
export const RES = '/kapis/resources.kubesphere.io/v1alpha3';

/** The body of a new user. */
export function newUser(name: string, globalRole?: string, password = 'Passw0rd!x') {
  return {
    apiVersion: 'iam.kubesphere.io/v1alpha2',
    kind: 'User',
    metadata: { name, annotations: globalRole ? { 'iam.kubesphere.io/globalrole': globalRole } : {} },
    spec: { email: `${name}@example.com`, password },
  };
}
