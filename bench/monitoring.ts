/**
 * Monitoring TSDB benchmark (run: `npx tsx bench/monitoring.ts`). Prints figures; asserts nothing.
 * 1. Ingest: samples/s appended to 20,000 series (by series id, as after the first scrape, and by label
 *    set, as the scraper appends) — target ≥ 200,000/s.
 * 2. Fill 7 days of 1,000 pods (CPU, memory) at 10 s for the last day and 1 min before (the 5-minute tier
 *    only needs a few samples per bucket), on disk, then: a 7-day range query (step 1 h and 10 min) of
 *    `namespace_cpu_usage` (sum over 1,000 pods) and of `pod_cpu_usage` (1,000 series) — target p99 < 100 ms.
 *    A query is timed from the parameters to the response's JSON bytes, which is what the route hands to
 *    the socket (`respondJson`; sources without it: `JSON.stringify(respond(...))`, what the router did).
 *    The first query of each kind is reported on its own (compilation, first touch of the chunks), then
 *    p50/p99 over MON_BENCH_RUNS further queries (default 100; 30 for the 1-million-point query).
 *    Before the queries the bench runs the server's start-up warm-up (warmup.ts) unless MON_BENCH_WARMUP=0.
 * 3. Bytes per sample of the chunk files after compaction — target < 2.
 * Wall-clock figures suffer when the machine is shared; CPU-time figures (process.cpuUsage) show the cost
 * of the work itself; the load average is printed at the start and the end. MON_BENCH_PODS changes the pod
 * count; MON_BENCH_SRC points at another copy of the monitoring sources (to measure an older commit).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as ParamsModule from '../packages/platform/src/monitoring/api/params';
import type * as RespondModule from '../packages/platform/src/monitoring/api/respond';
import type * as EngineModule from '../packages/platform/src/monitoring/query/engine';
import type * as LocalModule from '../packages/platform/src/monitoring/query/local';
import type * as DbModule from '../packages/platform/src/monitoring/tsdb/db';

const SRC = path.resolve(
  process.env.MON_BENCH_SRC ?? path.join(import.meta.dirname, '../packages/platform/src/monitoring'),
);
const load = <T>(rel: string) => import(path.join(SRC, rel)) as Promise<T>;
const { parseParams } = await load<typeof ParamsModule>('api/params.ts');
const { respond, respondJson } = await load<Partial<typeof RespondModule> & typeof RespondModule>(
  'api/respond.ts',
);
const { Evaluation } = await load<typeof EngineModule>('query/engine.ts');
const { LocalSource } = await load<typeof LocalModule>('query/local.ts');
const { Tsdb } = await load<typeof DbModule>('tsdb/db.ts');
const warmUp = fs.existsSync(path.join(SRC, 'warmup.ts'))
  ? (await load<typeof import('../packages/platform/src/monitoring/warmup')>('warmup.ts')).warmUp
  : undefined;

const PODS = Number(process.env.MON_BENCH_PODS ?? 1000);
const DAY = 86_400_000;
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
/** Nearest-rank percentile: p99 of 100 runs is the 99th smallest. */
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)];
const loadAvg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(`sources: ${SRC}; load average at start: ${loadAvg()} (${os.cpus().length} CPUs)`);

/** A deterministic random walk per series: CPU in 0.1 millicore steps, memory in 4 KiB pages. */
function walker(seed: number) {
  let s = seed * 2654435761;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let cpu = 0.05 + rnd() * 0.5;
  let mem = Math.floor(64 + rnd() * 512) * 2 ** 20;
  return {
    // Loads change now and then, not every scrape: a steady pod repeats its value.
    cpu: () =>
      rnd() < 0.3 ? (cpu = Math.max(0, Math.round((cpu + (rnd() - 0.5) * 0.01) * 1e4) / 1e4)) : cpu,
    mem: () => (rnd() < 0.3 ? (mem = Math.max(4096, mem + Math.round((rnd() - 0.5) * 64) * 4096)) : mem),
  };
}

// 1. Ingest
{
  const db = new Tsdb({ now: () => Date.now() });
  const N = 20_000;
  const ids = Array.from({ length: N }, (_, i) =>
    db.ref({ __name__: 'pod_cpu_usage', namespace: `ns${i % 50}`, pod: `p${i}` }),
  );
  const walkers = ids.map((_, i) => walker(i));
  const t0 = Date.UTC(2026, 0, 1);
  const ticks = 60;
  const cpuMs = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  let start = performance.now();
  let c0 = process.cpuUsage();
  for (let k = 0; k < ticks; k++)
    for (let i = 0; i < N; i++) db.append(ids[i], t0 + k * 10_000, walkers[i].cpu());
  let ms = performance.now() - start;
  let cms = cpuMs(process.cpuUsage(c0));
  console.log(
    `ingest by id:      ${fmt((N * ticks) / (ms / 1000))} samples/s wall, ${fmt((N * ticks) / (cms / 1000))} samples/s of CPU time (${N} series × ${ticks} scrapes)`,
  );
  const labels = ids.map((id) => db.labels(id));
  start = performance.now();
  c0 = process.cpuUsage();
  for (let k = ticks; k < 2 * ticks; k++)
    for (let i = 0; i < N; i++) db.add(labels[i], t0 + k * 10_000, walkers[i].cpu());
  ms = performance.now() - start;
  cms = cpuMs(process.cpuUsage(c0));
  console.log(
    `ingest by labels:  ${fmt((N * ticks) / (ms / 1000))} samples/s wall, ${fmt((N * ticks) / (cms / 1000))} samples/s of CPU time`,
  );
}

// 2 + 3. Seven days of 1,000 pods on disk
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sphere-mon-bench-'));
const end = Math.floor(Date.now() / 10_000) * 10_000;
let now = end - 7 * DAY;
const db = new Tsdb({ dir, now: () => now });
const cpuIds: number[] = [];
const memIds: number[] = [];
for (let i = 0; i < PODS; i++) {
  const l = { namespace: `ns${i % 20}`, pod: `pod-${i}`, node: `node-${i % 10}` };
  cpuIds.push(db.ref({ __name__: 'pod_cpu_usage', ...l }));
  memIds.push(db.ref({ __name__: 'pod_memory_usage_wo_cache', ...l }));
}
const walkers = cpuIds.map((_, i) => walker(i));
let appended = 0;
const fillStart = performance.now();
for (let t = now; t <= end;) {
  for (let i = 0; i < PODS; i++) {
    db.append(cpuIds[i], t, walkers[i].cpu());
    db.append(memIds[i], t, walkers[i].mem());
  }
  appended += 2 * PODS;
  t += t < end - DAY ? 60_000 : 10_000;
  if (t % 3_600_000 < (t < end - DAY ? 60_000 : 10_000)) {
    now = t;
    db.compact();
  }
}
now = end;
db.compact();
db.checkpoint();
const fillMs = performance.now() - fillStart;
console.log(
  `fill 7 days × ${PODS} pods × 2 metrics: ${fmt(appended)} samples in ${(fillMs / 1000).toFixed(1)} s (${fmt(appended / (fillMs / 1000))}/s, with compaction and disk writes)`,
);

const st = db.stats();
const segBytes = st.diskBytes;
const ckpt = fs.statSync(path.join(dir, 'head.ckpt')).size;
const tierBytes = { raw: 0, '5m': 0 };
for (const f of fs.readdirSync(path.join(dir))) {
  const m = /^(raw|5m)-/.exec(f);
  if (m) tierBytes[m[1] as 'raw'] += fs.statSync(path.join(dir, f)).size;
}
console.log(
  `stored: ${fmt(st.rawSamples)} raw samples + ${fmt(st.buckets)} 5-minute buckets (each an average and a maximum) in ${st.series} series`,
);
console.log(
  `disk: raw segments ${fmt(tierBytes.raw)} B, 5m segments ${fmt(tierBytes['5m'])} B, head checkpoint ${fmt(ckpt)} B`,
);
console.log(
  `bytes/sample raw tier (segment files incl. 28-byte chunk headers / sealed samples): ${(tierBytes.raw / st.rawSealed).toFixed(3)}`,
);
const sealedB = st.bucketsSealed;
console.log(
  `5-minute tier (segment files incl. headers): ${(tierBytes['5m'] / sealedB).toFixed(3)} bytes/bucket = ${(tierBytes['5m'] / (2 * sealedB)).toFixed(3)} bytes per downsampled sample (average, maximum)`,
);
console.log(
  `bytes/sample all tiers (segments + checkpoint / (raw samples + 2 × buckets)): ${((segBytes + ckpt) / (st.rawSamples + 2 * st.buckets)).toFixed(3)}`,
);

const source = new LocalSource(db);
if (warmUp && process.env.MON_BENCH_WARMUP !== '0')
  console.log(`start-up warm-up (warmup.ts): ${(await warmUp()).toFixed(0)} ms of CPU`);
else console.log('no warm-up: the first queries are cold');
const RUNS = Number(process.env.MON_BENCH_RUNS ?? 100);
const cpuNow = () => {
  const c = process.cpuUsage();
  return (c.user + c.system) / 1000;
};

/** One request as the route serves it: parameters → evaluation → JSON bytes. */
async function serve(qs: string, scope: Parameters<typeof respond>[1]): Promise<Buffer> {
  const p = parseParams(new URLSearchParams(qs), end);
  const ev = new Evaluation(source, p.grid);
  if (respondJson) return respondJson(ev, scope, p);
  return Buffer.from(JSON.stringify(await respond(ev, scope, p)));
}

async function timeQuery(label: string, qs: string, scope: Parameters<typeof respond>[1], runs = RUNS) {
  const times: number[] = [];
  const cpu: number[] = [];
  let body: Buffer = Buffer.alloc(0);
  for (let r = 0; r <= runs; r++) {
    const t = performance.now();
    const c0 = cpuNow();
    body = await serve(qs, scope);
    times.push(performance.now() - t);
    cpu.push(cpuNow() - c0);
  }
  const [firstWall] = times.splice(0, 1);
  const [firstCpu] = cpu.splice(0, 1);
  const p = new URLSearchParams(qs);
  const verify = await respond(new Evaluation(source, parseParams(p, end).grid), scope, parseParams(p, end));
  const points = (verify.results[0].data.result ?? []).reduce((a, x) => a + (x.values?.length ?? 0), 0);
  // The bytes sent must be those of the reference path (objects + JSON.stringify).
  const same = body.equals(Buffer.from(JSON.stringify(verify)));
  console.log(
    `${label}: CPU p50 ${pct(cpu, 50).toFixed(1)} / p99 ${pct(cpu, 99).toFixed(1)} ms, wall p50 ${pct(times, 50).toFixed(1)} / p99 ${pct(times, 99).toFixed(1)} ms over ${runs} runs; first ${firstCpu.toFixed(1)} ms CPU / ${firstWall.toFixed(1)} ms wall (${fmt(points)} points, ${fmt(body.length)} bytes of JSON, ${same ? 'identical to' : 'DIFFERENT FROM'} JSON.stringify(respond))`,
  );
}
const s = end / 1000 - 7 * 86400;
const e = end / 1000;
await timeQuery(
  `7-day namespace_cpu_usage over all namespaces (sum of ${PODS} pods), step 1h`,
  `metrics_filter=^namespace_cpu_usage$&start=${s}&end=${e}&step=1h`,
  { level: 'namespace', eq: {} },
);
await timeQuery(
  `7-day namespace_cpu_usage, step 10m`,
  `metrics_filter=^namespace_cpu_usage$&start=${s}&end=${e}&step=10m`,
  { level: 'namespace', eq: {} },
);
await timeQuery(
  `7-day pod_cpu_usage of ${PODS} pods (${PODS} series), step 1h`,
  `metrics_filter=^pod_cpu_usage$&start=${s}&end=${e}&step=1h`,
  { level: 'pod', eq: {} },
);
await timeQuery(
  `7-day pod_cpu_usage of ${PODS} pods, step 10m`,
  `metrics_filter=^pod_cpu_usage$&start=${s}&end=${e}&step=10m`,
  { level: 'pod', eq: {} },
  Math.min(RUNS, 30),
);
await timeQuery(
  `1-hour pod_cpu_usage of ${PODS} pods, step 1m (raw tier)`,
  `metrics_filter=^pod_cpu_usage$&start=${e - 3600}&end=${e}&step=1m`,
  { level: 'pod', eq: {} },
);

const reopenStart = performance.now();
db.close();
const again = new Tsdb({ dir, now: () => end });
console.log(
  `restart: reopened ${fmt(again.stats().series)} series in ${(performance.now() - reopenStart).toFixed(0)} ms`,
);
console.log(`load average at the end: ${loadAvg()}`);
again.close();
fs.rmSync(dir, { recursive: true, force: true });
