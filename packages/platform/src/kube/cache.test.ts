import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeApiServer, type FakeApiServer } from '../../test/fake-apiserver';
import { KubeClient } from './client';
import { WatchCache, isNewer } from './cache';
import { transportFromKubeconfig } from './transport';
import { types } from './resources';

describe('isNewer', () => {
  it.each([
    ['10', '9', true],
    ['9', '10', false],
    ['10', '10', false],
    ['abc', 'abd', true],
    ['5', undefined, true],
    [undefined, '5', false],
  ])('%s newer than %s → %s', (a, b, want) => expect(isNewer(a, b)).toBe(want));
});

describe('WatchCache against an API server', () => {
  let fake: FakeApiServer;
  let client: KubeClient;
  beforeAll(async () => {
    fake = await startFakeApiServer(fs.mkdtempSync(path.join(os.tmpdir(), 'cache-')));
    client = new KubeClient(await transportFromKubeconfig(fake.kubeconfigPath));
  });
  afterAll(async () => {
    client.transport.close();
    await fake.stop();
  });

  it('lists, then follows creates, updates and deletes', async () => {
    await client.create(types.namespaces, { metadata: { name: 'a' } });
    const cache = new WatchCache(client, types.namespaces);
    await cache.start();
    expect(cache.get('a')).toBeDefined();
    const seen: string[] = [];
    cache.onChange((t, o) => seen.push(`${t} ${o.metadata.name}`));
    await client.create(types.namespaces, { metadata: { name: 'b' } });
    await client.mergePatch(types.namespaces, 'b', { metadata: { labels: { x: '1' } } });
    await client.delete(types.namespaces, 'a');
    await expect.poll(() => seen).toEqual(['ADDED b', 'MODIFIED b', 'DELETED a']);
    expect(cache.get('b')?.metadata.labels).toEqual({ x: '1' });
    cache.stop();
  });

  it('a conditional update with a stale resourceVersion is a 409 Conflict', async () => {
    const ns = await client.create(types.namespaces, { metadata: { name: 'c' } });
    await client.mergePatch(types.namespaces, 'c', { metadata: { labels: { y: '1' } } });
    await expect(client.update(types.namespaces, ns)).rejects.toMatchObject({
      code: 409,
      reason: 'Conflict',
    });
  });
});
