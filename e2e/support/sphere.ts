/**
 * @module e2e/support/sphere
 * Starts a real `sphere start` (embedded cluster with simulated nodes, platform API and console on one
 * port) in a temporary data directory, reads the console URL and kubeconfig path from what it prints,
 * and stops it again. One instance per test file.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The repository root (two levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface SphereInstance {
  /** Console and platform API, e.g. `http://127.0.0.1:41005`. */
  url: string;
  /** Admin kubeconfig of the embedded cluster (for assertions with kubectl). */
  kubeconfig: string;
  /** Everything the process printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
}

export interface StartSphereOptions {
  /** Initial admin password; without it the admin must change `P@88w0rd` at first login. */
  adminPassword?: string;
  nodes?: number;
  /** Seconds between metric scrapes (`--scrape-interval`; the platform's default is 10). */
  scrapeInterval?: number;
  /** How long to wait for the banner (the first start may build the console). */
  startTimeoutMs?: number;
}

const CONSOLE_LINE = /Sphere console:\s+(http\S+)/;
const KUBECTL_LINE = /kubectl --kubeconfig (\S+) get nodes/;

/** Pure: the console URL and kubeconfig path from the start banner, once both lines have appeared. */
export function parseBanner(text: string): { url: string; kubeconfig: string } | null {
  const url = CONSOLE_LINE.exec(text)?.[1];
  const kubeconfig = KUBECTL_LINE.exec(text)?.[1];
  return url && kubeconfig ? { url: url.replace(/\/$/, ''), kubeconfig } : null;
}

/** Spawns `sphere start --port 0 --kube-port 0 --simulation fast` and waits for its banner. */
export async function startSphere(opts: StartSphereOptions = {}): Promise<SphereInstance> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sphere-e2e-'));
  const args = [
    join(REPO_ROOT, 'packages/cli/bin/sphere.js'),
    'start',
    '--data-dir',
    dataDir,
    '--port',
    '0',
    '--kube-port',
    '0',
    '--nodes',
    String(opts.nodes ?? 3),
    '--simulation',
    'fast',
    ...(opts.adminPassword ? ['--admin-password', opts.adminPassword] : []),
    ...(opts.scrapeInterval ? ['--scrape-interval', String(opts.scrapeInterval)] : []),
  ];
  const env = { ...process.env };
  delete env.SPHERE_ADMIN_PASSWORD; // the test decides, not the caller's shell
  delete env.SPHERE_SCRAPE_INTERVAL;
  const child: ChildProcess = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((res) => child.once('exit', () => res()));

  const banner = await new Promise<{ url: string; kubeconfig: string }>((res, rej) => {
    const deadline = Date.now() + (opts.startTimeoutMs ?? 100_000);
    const timer = setInterval(() => {
      const found = parseBanner(output);
      if (found) {
        clearInterval(timer);
        res(found);
      } else if (Date.now() > deadline) {
        // Never leave a half-started server behind: the caller has nothing to stop yet.
        clearInterval(timer);
        child.kill('SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
        rej(new Error(`sphere start printed no banner in time:\n${output}`));
      }
    }, 100);
    void exited.then(() => {
      clearInterval(timer);
      rej(new Error(`sphere start exited before it was ready:\n${output}`));
    });
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { ...banner, output: () => output, stop };
}

/** Runs kubectl against the instance's cluster and returns stdout. */
export async function kubectl(sphere: SphereInstance, ...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('kubectl', ['--kubeconfig', sphere.kubeconfig, ...args], {
    timeout: 20_000,
  });
  return stdout;
}

/** `kubectl apply` of one object (arranging state that is not under test). */
export async function applyObject(sphere: SphereInstance, obj: object): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sphere-e2e-apply-'));
  const file = join(dir, 'object.json');
  writeFileSync(file, JSON.stringify(obj));
  try {
    return await kubectl(sphere, 'apply', '-f', file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Polls `check` every 300 ms until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}
