/**
 * @module monitoring/promtext
 * A parser for the Prometheus text exposition format (version 0.0.4), what kubelet serves on
 * `/metrics/cadvisor` and `/metrics/resource`: `name{label="value",...} value [timestamp_ms]` lines,
 * `#` comments (HELP/TYPE are not needed here), escaped label values (`\\`, `\"`, `\n`).
 */

export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
  /** Milliseconds, when the line carries one. */
  timestamp?: number;
}

function parseValue(s: string): number {
  switch (s) {
    case '+Inf':
    case 'Inf':
      return Infinity;
    case '-Inf':
      return -Infinity;
    case 'NaN':
      return NaN;
    default:
      return Number(s);
  }
}

/** Parses an exposition; malformed lines are skipped (and counted in `errors`). */
export function parsePromText(text: string): { samples: PromSample[]; errors: number } {
  const samples: PromSample[] = [];
  let errors = 0;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#')) continue;
    const s = parseLine(line);
    if (s) samples.push(s);
    else errors++;
  }
  return { samples, errors };
}

function parseLine(line: string): PromSample | undefined {
  let i = 0;
  while (i < line.length && line[i] !== '{' && line[i] !== ' ' && line[i] !== '\t') i++;
  const name = line.slice(0, i);
  if (!/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name)) return undefined;
  const labels: Record<string, string> = {};
  if (line[i] === '{') {
    i++;
    while (true) {
      while (line[i] === ' ' || line[i] === ',') i++;
      if (line[i] === '}') {
        i++;
        break;
      }
      const eq = line.indexOf('=', i);
      if (eq < 0) return undefined;
      const key = line.slice(i, eq).trim();
      i = eq + 1;
      while (line[i] === ' ') i++;
      if (line[i] !== '"') return undefined;
      i++;
      let value = '';
      while (i < line.length && line[i] !== '"') {
        if (line[i] === '\\' && i + 1 < line.length) {
          const n = line[i + 1];
          value += n === 'n' ? '\n' : n;
          i += 2;
        } else value += line[i++];
      }
      if (line[i] !== '"') return undefined;
      i++;
      labels[key] = value;
    }
  }
  const rest = line.slice(i).trim().split(/\s+/);
  if (rest.length < 1 || rest[0] === '') return undefined;
  const value = parseValue(rest[0]);
  if (Number.isNaN(value) && rest[0] !== 'NaN') return undefined;
  const sample: PromSample = { name, labels, value };
  if (rest[1] !== undefined) {
    const ts = Number(rest[1]);
    if (!Number.isFinite(ts)) return undefined;
    sample.timestamp = ts;
  }
  return sample;
}
