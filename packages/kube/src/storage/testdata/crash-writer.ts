/**
 * Child process for the kill -9 durability test: opens the store at argv[2] and creates objects as fast
 * as it can, printing each name only after create() returned (the acknowledgement). Every 50 writes it
 * yields to the event loop so that some batches reach SQLite and others stay in the journal.
 * Run: node --import tsx packages/kube/src/storage/testdata/crash-writer.ts <path>
 */
import { writeSync } from 'node:fs';
import { createSqliteStore } from '../sqlite-store';

const path = process.argv[2];
if (!path) throw new Error('usage: crash-writer.ts <database path>');
const store = createSqliteStore({ path, compaction: { intervalMs: 0 } });
const payload = 'x'.repeat(2000);
const pause = new Int32Array(new SharedArrayBuffer(4));

/** Writes all of `text` to stdout synchronously; a full pipe (EAGAIN) is waited out, not fatal. */
function writeLine(text: string): void {
  const buf = Buffer.from(text);
  for (let off = 0; off < buf.length;) {
    try {
      off += writeSync(1, buf, off);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(pause, 0, 0, 1);
    }
  }
}

for (let i = 0; ; i++) {
  const name = `obj-${i}`;
  store.create('/configmaps', {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: `ns-${i % 7}` },
    data: { payload, index: String(i) },
  });
  // Synchronous write to the pipe: the parent sees exactly the acknowledged names, in order.
  writeLine(`${name}\n`);
  if (i % 50 === 49) await new Promise((resolve) => setImmediate(resolve));
}
