#!/usr/bin/env node
// Runs the benchmarks in bench/ one after another (or the ones named on the command line) and prints
// their figures. Benchmarks assert nothing and are not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const wanted = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();
for (const file of files) {
  console.log(`\n== bench/${file}`);
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `bench/${file}`], {
    stdio: 'inherit',
  });
  if (run.status !== 0) console.log(`(bench/${file} exited with ${run.status})`);
}
