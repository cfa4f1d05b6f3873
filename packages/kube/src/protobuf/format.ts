/**
 * @module protobuf/format
 * How Go's JSON encoder prints the apimachinery value types that protobuf carries as small messages:
 * meta/v1 Time (RFC 3339, seconds), MicroTime (RFC 3339, microseconds) and Duration (Go duration string).
 */
import { WireError } from './wire';

const NANOS_PER_SECOND = 1_000_000_000n;

/** Normalises (seconds, nanos) like Go's time.Unix and returns the ISO date-time without fraction. */
function isoSeconds(seconds: bigint, nanos: bigint): { base: string; nanos: bigint } {
  let s = seconds + nanos / NANOS_PER_SECOND;
  let n = nanos % NANOS_PER_SECOND;
  if (n < 0n) {
    n += NANOS_PER_SECOND;
    s -= 1n;
  }
  // Go refuses to marshal years outside [0, 9999]; so do we (-62167219200 is 0000-01-01T00:00:00Z).
  if (s < -62_167_219_200n || s > 253_402_300_799n) {
    throw new WireError(`timestamp ${seconds}s is outside the years 0000-9999`);
  }
  const iso = new Date(Number(s) * 1000).toISOString();
  // toISOString writes years 0000-9999 as four digits, which is what RFC 3339 wants.
  return { base: iso.slice(0, 19), nanos: n };
}

/** meta/v1 Time → `2024-01-01T00:00:00Z` (Go drops the fraction when marshalling Time to JSON). */
export function formatTime(seconds: bigint, nanos: bigint): string {
  return `${isoSeconds(seconds, nanos).base}Z`;
}

/** meta/v1 MicroTime → `2024-01-01T00:00:00.123456Z` (always six fractional digits). */
export function formatMicroTime(seconds: bigint, nanos: bigint): string {
  const { base, nanos: n } = isoSeconds(seconds, nanos);
  return `${base}.${(n / 1000n).toString().padStart(6, '0')}Z`;
}

/** Prints `value / 10^digits` with trailing fractional zeros (and a bare dot) removed. */
function fixed(value: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const whole = value / scale;
  const fraction = (value % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

/**
 * Go `time.Duration.String()` for a count of nanoseconds: `0s`, `1.5µs`, `300ms`, `1m30s`, `1h0m0s`.
 * Durations under a second use the largest unit that keeps the integer part non-zero; longer ones are
 * written as hours, minutes and (fractional) seconds, omitting leading zero units.
 */
export function formatDuration(nanoseconds: bigint): string {
  if (nanoseconds === 0n) return '0s';
  const sign = nanoseconds < 0n ? '-' : '';
  const ns = nanoseconds < 0n ? -nanoseconds : nanoseconds;
  if (ns < 1000n) return `${sign}${ns}ns`;
  if (ns < 1_000_000n) return `${sign}${fixed(ns, 3)}µs`;
  if (ns < NANOS_PER_SECOND) return `${sign}${fixed(ns, 6)}ms`;
  const totalSeconds = ns / NANOS_PER_SECOND;
  const seconds = fixed((totalSeconds % 60n) * NANOS_PER_SECOND + (ns % NANOS_PER_SECOND), 9);
  const minutes = (totalSeconds / 60n) % 60n;
  const hours = totalSeconds / 3600n;
  if (hours > 0n) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0n) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}
