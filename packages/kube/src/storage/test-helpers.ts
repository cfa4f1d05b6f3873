/**
 * @module storage/test-helpers
 * Small builders shared by the storage tests (not used by production code).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubeObject } from '@sphere/shared';

/** A ConfigMap-like object in `namespace` ('' = cluster-scoped). */
export function object(namespace: string, name: string, data: Record<string, string> = {}): KubeObject {
  const metadata: KubeObject['metadata'] = { name };
  if (namespace) metadata.namespace = namespace;
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata, data };
}

/** A fresh directory for a database file, and a function that removes it. */
export function tempDir(): { dir: string; path: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sphere-storage-test-'));
  return { dir, path: join(dir, 'cluster.db'), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Names of objects, in order. */
export function names(objects: readonly KubeObject[]): string[] {
  return objects.map((o) => o.metadata.name ?? '');
}
