import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCluster, type TestCluster } from '../harness';

let t: TestCluster;
beforeAll(async () => {
  t = await startTestCluster({ bookmarkIntervalMs: 200 });
  await t.k(['create', 'namespace', 'w']);
});
afterAll(async () => t?.stop());

function waitFor(pred: () => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const tick = () => {
      if (pred()) return resolve();
      if (Date.now() - start > timeoutMs) return reject(new Error('timed out'));
      setTimeout(tick, 50);
    };
    tick();
  });
}

describe('kubectl get -w', () => {
  it('streams additions and changes as table rows', async () => {
    await t.k(['create', 'configmap', 'w1', '-n', 'w', '--from-literal=a=1']);
    const child = spawn('kubectl', ['get', 'cm', '-n', 'w', '-w', '--output-watch-events'], {
      env: {
        ...process.env,
        KUBECONFIG: t.cluster.kubeconfigPath,
        KUBECACHEDIR: `${t.dataDir}/kubectl-cache`,
        HOME: t.dataDir,
      },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await waitFor(() => out.includes('w1'));
      await t.k(['create', 'configmap', 'w2', '-n', 'w', '--from-literal=a=1']);
      await waitFor(() => /ADDED\s+w2/.test(out));
      await t.k(['label', 'cm', 'w1', '-n', 'w', 'x=y']);
      await waitFor(() => /MODIFIED\s+w1/.test(out));
      await t.k(['delete', 'cm', 'w2', '-n', 'w']);
      await waitFor(() => /DELETED\s+w2/.test(out));
    } finally {
      child.kill();
    }
  });
});

describe('watch over HTTP', () => {
  const request = async (path: string, onLine: (line: Record<string, unknown>) => boolean) => {
    const https = await import('node:https');
    return new Promise<number>((resolve, reject) => {
      const req = https.request(
        `${t.cluster.url}${path}`,
        { ca: t.cluster.caCert, headers: { Authorization: `Bearer ${t.cluster.token}` } },
        (res) => {
          let buf = '';
          res.on('data', (d: Buffer) => {
            buf += d.toString();
            let nl: number;
            while ((nl = buf.indexOf('\n')) >= 0) {
              const line = buf.slice(0, nl);
              buf = buf.slice(nl + 1);
              if (line && onLine(JSON.parse(line))) {
                req.destroy();
                resolve(res.statusCode ?? 0);
              }
            }
          });
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', (e) => (e.message.includes('socket hang up') ? undefined : reject(e)));
      req.end();
    });
  };

  it('sends synthetic ADDED events without resourceVersion and resumes after one', async () => {
    const list = JSON.parse(await t.k(['get', 'cm', '-n', 'w', '-o', 'json']));
    const seen: string[] = [];
    await request('/api/v1/namespaces/w/configmaps?watch=true&timeoutSeconds=1', (e) => {
      seen.push(`${e.type}`);
      return false;
    });
    expect(seen.filter((s) => s === 'ADDED').length).toBe(list.items.length);
    const rv = list.metadata.resourceVersion;
    await t.k(['create', 'configmap', 'after', '-n', 'w']);
    const types: string[] = [];
    await request(`/api/v1/namespaces/w/configmaps?watch=true&resourceVersion=${rv}`, (e) => {
      types.push(`${e.type}:${(e.object as { metadata: { name: string } }).metadata.name}`);
      return true;
    });
    expect(types).toEqual(['ADDED:after']);
  });

  it('sends BOOKMARKs when asked', async () => {
    const list = JSON.parse(await t.k(['get', 'cm', '-n', 'w', '-o', 'json']));
    let bookmark: Record<string, unknown> | undefined;
    await request(
      `/api/v1/namespaces/w/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion=${list.metadata.resourceVersion}`,
      (e) => {
        if (e.type === 'BOOKMARK') bookmark = e;
        return e.type === 'BOOKMARK';
      },
    );
    expect(bookmark?.object).toMatchObject({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { resourceVersion: expect.any(String) },
    });
  });

  it('applies label selectors to events (leaving the selector is a DELETED)', async () => {
    await t.k(['create', 'configmap', 'sel', '-n', 'w']);
    await t.k(['label', 'cm', 'sel', '-n', 'w', 'pick=yes']);
    const rv = JSON.parse(await t.k(['get', 'cm', 'sel', '-n', 'w', '-o', 'json'])).metadata.resourceVersion;
    const events: string[] = [];
    const done = request(
      `/api/v1/namespaces/w/configmaps?watch=true&labelSelector=pick%3Dyes&resourceVersion=${rv}`,
      (e) => {
        events.push(String(e.type));
        return e.type === 'DELETED';
      },
    );
    await new Promise((r) => setTimeout(r, 100));
    await t.k(['label', 'cm', 'sel', '-n', 'w', 'pick=no', '--overwrite']);
    await done;
    expect(events).toEqual(['DELETED']);
  });
});
