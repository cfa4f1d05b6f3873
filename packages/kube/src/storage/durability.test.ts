import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from './sqlite-store';
import { tempDir } from './test-helpers';

const repoRoot = resolve(import.meta.dirname, '../../../..');
const writer = join(import.meta.dirname, 'testdata', 'crash-writer.ts');

/** Runs the crash writer until it acknowledged at least `acks` writes, then kills it with SIGKILL. */
function runAndKill(path: string, acks: number): Promise<string[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, path], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const names: string[] = [];
    let partial = '';
    let stderr = '';
    let killed = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      names.push(...lines);
      if (!killed && names.length >= acks) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.on('error', fail);
    child.on('close', (code, signal) => {
      if (signal === 'SIGKILL') done(names);
      else fail(new Error(`crash writer exited (${code}) before being killed: ${stderr}`));
    });
  });
}

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('durability', () => {
  it.each([{ acks: 300 }, { acks: 1700 }])(
    'keeps every acknowledged write after kill -9 ($acks acks)',
    async ({ acks }) => {
      const { path, cleanup } = tempDir();
      cleanups.push(cleanup);
      const acknowledged = await runAndKill(path, acks);
      expect(acknowledged.length).toBeGreaterThanOrEqual(acks);

      const store = createSqliteStore({ path, compaction: { intervalMs: 0 } });
      try {
        for (const [i, name] of acknowledged.entries()) {
          const obj = store.get('/configmaps', `ns-${i % 7}`, name);
          expect(obj?.data, name).toMatchObject({ index: String(i) });
        }
        // Revisions are contiguous from 1: nothing acknowledged was skipped or reordered.
        expect(store.revision()).toBeGreaterThanOrEqual(acknowledged.length);
        expect(store.count('/configmaps')).toBe(store.revision());
        const events: number[] = [];
        store.watch('/configmaps', 0, (e) => events.push(e.revision)).stop();
        expect(events).toEqual(Array.from({ length: store.revision() }, (_, i) => i + 1));
        // And the store keeps working after recovery.
        const next = store.create('/configmaps', { metadata: { name: 'after-crash', namespace: 'ns' } });
        expect(next.metadata.resourceVersion).toBe(String(store.revision()));
      } finally {
        store.close();
      }
      const reopened = createSqliteStore({ path, compaction: { intervalMs: 0 } });
      expect(reopened.get('/configmaps', 'ns', 'after-crash')).toBeDefined();
      reopened.close();
    },
  );
});
