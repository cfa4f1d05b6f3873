import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Tsdb } from './db';
import { ChunkEncoder } from './gorilla';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdb-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Appends a value every 10 s for `minutes`, value = f(i). */
function fill(db: Tsdb, id: number, start: number, minutes: number, f: (i: number) => number) {
  for (let i = 0; i < minutes * 6; i++) db.append(id, start + i * 10_000, f(i));
}

describe('Tsdb', () => {
  it('reads back raw samples across sealed chunks and the head', () => {
    const db = new Tsdb({ now: () => T0 + 60 * MIN, chunkSamples: 50 });
    const id = db.ref({ __name__: 'm', pod: 'a' });
    fill(db, id, T0, 60, (i) => i);
    const { ts, vs } = db.read(id, T0 + 10 * MIN, T0 + 20 * MIN);
    expect(ts.length).toBe(61);
    expect(vs[0]).toBe(60);
    expect(vs[60]).toBe(120);
  });

  it('knows the newest raw sample without decoding while this process wrote it', () => {
    const dir = tmp();
    const db = new Tsdb({ dir, now: () => T0 + 60 * MIN, chunkSamples: 30 });
    const id = db.ref({ __name__: 'm', pod: 'a' });
    expect(db.newest(id)).toBeUndefined();
    fill(db, id, T0, 4, (i) => i / 10);
    // 24 samples in the head.
    expect(db.newest(id)).toEqual({ t: T0 + 23 * 10_000, v: 2.3 });
    fill(db, id, T0 + 4 * MIN, 1, (i) => 10 + i);
    // The 30th sample sealed the head: the newest is the sealed chunk's last.
    expect(db.newest(id)).toEqual({ t: T0 + 29 * 10_000, v: 15 });
    db.close();
    // Chunks read back from disk do not carry it (the query path decodes them instead).
    const again = new Tsdb({ dir, now: () => T0 + 60 * MIN, chunkSamples: 30 });
    expect(again.newest(id)).toBeUndefined();
    again.append(id, T0 + 30 * 10_000, 7);
    expect(again.newest(id)).toEqual({ t: T0 + 30 * 10_000, v: 7 });
    again.close();
  });

  it('refuses out-of-order samples', () => {
    const db = new Tsdb();
    const id = db.ref({ __name__: 'm' });
    expect(db.append(id, T0 + 10, 1)).toBe(true);
    expect(db.append(id, T0 + 10, 2)).toBe(false);
    expect(db.append(id, T0 + 5, 2)).toBe(false);
  });

  it('selects series by metric name and labels', () => {
    const db = new Tsdb();
    db.ref({ __name__: 'cpu', namespace: 'a', pod: 'p1' });
    db.ref({ __name__: 'cpu', namespace: 'b', pod: 'p2' });
    db.ref({ __name__: 'mem', namespace: 'a', pod: 'p1' });
    expect(db.selectMetric('cpu', (l) => l.namespace === 'a').map((id) => db.labels(id).pod)).toEqual(['p1']);
    expect(db.ref({ pod: 'p1', namespace: 'a', __name__: 'cpu' })).toBe(db.selectMetric('cpu')[0]);
  });

  it('downsamples into 5-minute average and maximum buckets', () => {
    let now = T0;
    const db = new Tsdb({ now: () => now });
    const id = db.ref({ __name__: 'm' });
    fill(db, id, T0, 20, (i) => i % 30); // each 5-min bucket holds 0..29
    now = T0 + 30 * MIN;
    db.compact();
    const avg = db.read(id, T0, now, 'avg');
    const max = db.read(id, T0, now, 'max');
    expect(Array.from(avg.ts)).toEqual([0, 5, 10, 15].map((m) => T0 + m * MIN));
    expect(Array.from(avg.vs)).toEqual([14.5, 14.5, 14.5, 14.5]);
    expect(Array.from(max.vs)).toEqual([29, 29, 29, 29]);
  });

  it('drops raw data after a day and downsampled data after 14 days', () => {
    let now = T0;
    const db = new Tsdb({ now: () => now, chunkSamples: 30, downsampledChunkSamples: 4 });
    const id = db.ref({ __name__: 'm' });
    fill(db, id, T0, 120, () => 1);
    now = T0 + 27 * 60 * MIN;
    db.compact();
    expect(db.read(id, T0, now).ts.length).toBe(0);
    expect(db.read(id, T0, now, 'avg').ts.length).toBe(24);
    now = T0 + 15 * 24 * 60 * MIN;
    db.compact();
    expect(db.read(id, T0, now, 'avg').ts.length).toBe(0);
    expect(db.stats().series).toBe(0);
  });

  it('survives a restart: sealed chunks, checkpointed heads and open buckets', () => {
    const dir = tmp();
    const now = T0 + 60 * MIN;
    const a = new Tsdb({ dir, now: () => now, chunkSamples: 100 });
    const id = a.ref({ __name__: 'm', pod: 'x' });
    fill(a, id, T0, 42, (i) => i * 2);
    a.close();
    const b = new Tsdb({ dir, now: () => now, chunkSamples: 100 });
    const again = b.ref({ __name__: 'm', pod: 'x' });
    expect(again).toBe(id);
    const { vs } = b.read(again, T0, now);
    expect(vs.length).toBe(252);
    expect(vs[251]).toBe(502);
    // The open bucket (40-45 min) continues where it was.
    fill(b, again, T0 + 42 * MIN, 18, () => 0);
    b.compact();
    const avg = b.read(again, T0 + 40 * MIN, T0 + 40 * MIN, 'avg');
    // 12 samples 480..502 before the restart, 18 zeros after.
    expect(avg.vs[0]).toBe((12 * 491) / 30); // exact: the bucket keeps sum and count
    b.close();
  });

  it('survives a restart with sealed and open 5-minute chunks, and keeps retention working after it', () => {
    const dir = tmp();
    let now = T0 + 3 * 24 * 60 * MIN;
    const opts = () => ({ dir, now: () => now, downsampledChunkSamples: 50 });
    const a = new Tsdb(opts());
    const id = a.ref({ __name__: 'm' });
    // Three days at one sample a minute: 864 buckets, 17 sealed chunks of 50, a head and an open bucket.
    for (let i = 0; i < 3 * 24 * 60; i++) a.append(id, T0 + i * MIN, Math.round(i * 0.37) / 100);
    a.compact();
    const before = a.read(id, T0, now, 'avg');
    const beforeMax = a.read(id, T0, now, 'max');
    a.close();
    expect(fs.readFileSync(path.join(dir, 'VERSION'), 'utf8').trim()).toBe('2');
    const b = new Tsdb(opts());
    expect(Array.from(b.read(id, T0, now, 'avg').vs)).toEqual(Array.from(before.vs));
    expect(Array.from(b.read(id, T0, now, 'max').vs)).toEqual(Array.from(beforeMax.vs));
    expect(b.read(id, T0, now, 'avg').ts.length).toBe(863); // the last bucket is still open
    now = T0 + 16 * 24 * 60 * MIN; // past the 14 days of the 5-minute tier for the first two days
    b.compact();
    expect(b.read(id, T0, now, 'avg').ts[0]).toBeGreaterThan(T0 + 24 * 60 * MIN);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('5m-')).length).toBeLessThan(4);
    b.close();
  });

  it('migrates format 1 (Gorilla average and maximum tiers, checkpoint without magic)', () => {
    const dir = tmp();
    const enc = (samples: [number, number][]) => {
      const e = new ChunkEncoder();
      for (const [t, v] of samples) e.append(t, v);
      return e;
    };
    const record = (id: number, e: ChunkEncoder) => {
      const bytes = e.bytes();
      const rec = Buffer.alloc(28 + bytes.length);
      rec.writeUInt32LE(id, 0);
      rec.writeDoubleLE(e.minT, 4);
      rec.writeDoubleLE(e.maxT, 12);
      rec.writeUInt32LE(e.count, 20);
      rec.writeUInt32LE(bytes.length, 24);
      rec.set(bytes, 28);
      return rec;
    };
    const buckets = (from: number, n: number, f: (i: number) => number) =>
      Array.from({ length: n }, (_, i) => [T0 + (from + i) * 5 * MIN, f(from + i)] as [number, number]);
    fs.writeFileSync(path.join(dir, 'series.log'), `1\t${JSON.stringify({ __name__: 'm' })}\n`);
    fs.writeFileSync(
      path.join(dir, `avg-${T0}.seg`),
      record(1, enc(buckets(0, 96, (i) => Math.fround(i / 3)))),
    );
    fs.writeFileSync(path.join(dir, `max-${T0}.seg`), record(1, enc(buckets(0, 96, (i) => i))));
    fs.writeFileSync(path.join(dir, `raw-${T0}.seg`), record(1, enc([[T0 + 490 * MIN, 5]])));
    // Legacy checkpoint: 2 heads (avg, max: buckets 96..99), 1 open bucket.
    const heads = [
      [1, enc(buckets(96, 4, (i) => i + 0.5))],
      [2, enc(buckets(96, 4, (i) => i + 1))],
    ] as const;
    const parts: Buffer[] = [Buffer.alloc(8)];
    parts[0].writeUInt32LE(2, 0);
    parts[0].writeUInt32LE(1, 4);
    for (const [code, e] of heads) {
      const h = Buffer.alloc(13);
      h.writeUInt32LE(1, 0);
      h.writeUInt8(code, 4);
      h.writeUInt32LE(e.count, 5);
      h.writeUInt32LE(e.bytes().length, 9);
      parts.push(h, Buffer.from(e.bytes()));
    }
    const open = Buffer.alloc(36);
    open.writeUInt32LE(1, 0);
    open.writeDoubleLE(T0 + 100 * 5 * MIN, 4);
    open.writeDoubleLE(12, 12);
    open.writeDoubleLE(3, 20);
    open.writeDoubleLE(5, 28);
    parts.push(open);
    fs.writeFileSync(path.join(dir, 'head.ckpt'), Buffer.concat(parts));

    let now = T0 + 101 * 5 * MIN;
    const db = new Tsdb({ dir, now: () => now });
    const id = db.ref({ __name__: 'm' });
    expect(id).toBe(1);
    const avg = db.read(id, T0, now, 'avg');
    expect(avg.ts.length).toBe(100);
    expect(avg.vs[3]).toBe(Math.fround(1));
    expect(avg.vs[97]).toBe(97.5);
    expect(db.read(id, T0, now, 'max').vs[99]).toBe(100);
    expect(db.read(id, T0, now, 'raw').vs[0]).toBe(5);
    expect(fs.readdirSync(dir).filter((f) => /^(avg|max)-/.test(f))).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'VERSION'), 'utf8').trim()).toBe('2');
    now += 10 * MIN;
    db.compact(); // closes the open bucket carried over: 12 / 3
    expect(db.read(id, T0 + 100 * 5 * MIN, now, 'avg').vs[0]).toBe(4);
    db.close();
    const again = new Tsdb({ dir, now: () => now });
    expect(again.read(id, T0, now, 'avg').ts.length).toBe(101);
    again.close();
  });

  it('keeps chunks sealed after the last checkpoint when the process dies', () => {
    const dir = tmp();
    const a = new Tsdb({ dir, now: () => T0, chunkSamples: 10 });
    const id = a.ref({ __name__: 'm' });
    fill(a, id, T0, 1, (i) => i);
    a.checkpoint();
    fill(a, id, T0 + MIN, 4, (i) => 100 + i); // seals more chunks, no checkpoint ("kill -9")
    const b = new Tsdb({ dir, now: () => T0 });
    const { vs } = b.read(id, T0, T0 + 10 * MIN);
    // 30 samples; the last sealed chunk ends at sample 30 (3 chunks of 10)
    expect(vs.length).toBe(30);
    expect(new Set(vs).size).toBe(30);
  });

  it('bounds the chunk files on disk', () => {
    const dir = tmp();
    let now = T0;
    const db = new Tsdb({ dir, now: () => now, chunkSamples: 20, maxBytes: 300_000 });
    const ids = Array.from({ length: 20 }, (_, i) => db.ref({ __name__: 'm', pod: `p${i}` }));
    for (let i = 0; i < 6 * 60 * 8; i++) {
      for (const id of ids) db.append(id, T0 + i * 10_000, Math.random());
      now = T0 + i * 10_000;
      if (i % 60 === 0) db.compact();
    }
    db.compact();
    expect(db.stats().diskBytes).toBeLessThanOrEqual(300_000);
    expect(db.stats().diskBytes).toBeGreaterThan(0);
    db.close();
  });
});
