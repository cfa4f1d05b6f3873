/**
 * `sphere kube` as users run it: a separate process (real Node ESM loading, no test transforms), its
 * kubeconfig used by kubectl, and durability of acknowledged writes across `kill -9`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = resolve(__dirname, '../bin/sphere.js');
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function startKube(dataDir: string): Promise<ChildProcess> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [bin, 'kube', '--data-dir', dataDir, '--port', '0', '--nodes', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let out = '';
    // Generous: a cold start compiles every module once, and CI machines are busy.
    const timer = setTimeout(() => reject(new Error(`sphere kube did not start: ${out}`)), 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('kubeconfig:')) {
        clearTimeout(timer);
        resolvePromise(child);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => reject(new Error(`sphere kube exited with ${code}: ${out}`)));
  });
}

function kubectl(dataDir: string, args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((res) => {
    execFile(
      'kubectl',
      args,
      {
        env: {
          ...process.env,
          KUBECONFIG: join(dataDir, 'kubeconfig'),
          KUBECACHEDIR: join(dataDir, 'cache'),
          HOME: dataDir,
        },
      },
      (err, stdout, stderr) => res({ stdout, stderr, code: err ? 1 : 0 }),
    );
  });
}

describe('sphere kube', { timeout: 300_000 }, () => {
  it('starts, writes a kubeconfig kubectl can use, and keeps objects across restarts', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sphere-cli-'));
    dirs.push(dataDir);
    const first = await startKube(dataDir);
    expect(existsSync(join(dataDir, 'kubeconfig'))).toBe(true);
    expect((await kubectl(dataDir, ['create', 'configmap', 'keep', '--from-literal=a=b'])).code).toBe(0);
    first.kill('SIGTERM');
    await new Promise((r) => first.once('exit', r));
    await startKube(dataDir);
    expect((await kubectl(dataDir, ['get', 'cm', 'keep', '-o', 'jsonpath={.data.a}'])).stdout).toBe('b');
  });

  it('loses no acknowledged write when killed with SIGKILL during a burst', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sphere-kill-'));
    dirs.push(dataDir);
    const child = await startKube(dataDir);
    const k8s = await import('@kubernetes/client-node');
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(join(dataDir, 'kubeconfig'));
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const acknowledged: string[] = [];
    let stop = false;
    const writers = Array.from({ length: 8 }, async (_, w) => {
      for (let i = 0; !stop; i++) {
        const name = `burst-${w}-${i}`;
        try {
          await core.createNamespacedConfigMap({
            namespace: 'default',
            body: { metadata: { name }, data: { i: String(i) } },
          });
          acknowledged.push(name);
        } catch {
          return;
        }
      }
    });
    while (acknowledged.length < 300) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    await startKube(dataDir);
    const list = await core.listNamespacedConfigMap({ namespace: 'default' }).catch(async () => {
      kc.loadFromFile(join(dataDir, 'kubeconfig'));
      return kc.makeApiClient(k8s.CoreV1Api).listNamespacedConfigMap({ namespace: 'default' });
    });
    const stored = new Set(list.items.map((i) => i.metadata!.name!));
    const lost = acknowledged.filter((n) => !stored.has(n));
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);
    expect(lost).toEqual([]);
  });
});
