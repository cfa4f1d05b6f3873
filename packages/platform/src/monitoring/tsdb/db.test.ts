import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Tsdb } from './db';

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
    expect(avg.vs[0]).toBe(Math.fround((12 * 491) / 30)); // averages are kept in single precision
    b.close();
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
