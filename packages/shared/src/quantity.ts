/**
 * @module quantity
 * Kubernetes resource quantities (`500m`, `1Gi`, `1e3`). Parsing is exact (BigInt nano-units, rounded up
 * beyond 1n as the apiserver does) so that canonical forms match Kubernetes: `1.5Gi` → `1536Mi`,
 * `0.5` → `500m`, `1000` → `1k`.
 */
import { errors } from './status';

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

/** The apiserver's message for a malformed quantity. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const BINARY_SUFFIXES: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DECIMAL_SUFFIXES: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([s, e]) => [e, s]));
const BINARY_BY_POWER = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const SHAPE = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/;
/** Exponents beyond this are refused rather than building gigantic integers. */
const MAX_EXPONENT = 1000;
const NANO = 1_000_000_000n;

interface ExactQuantity {
  /** Value in units of 1e-9, rounded away from zero. */
  nanos: bigint;
  format: QuantityFormat;
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Divides rounding away from zero (the apiserver rounds sub-nano precision up). */
function divAwayFromZero(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b === 0n ? q : q + (a < 0n ? -1n : 1n);
}

function parseExact(input: string): ExactQuantity {
  const m = SHAPE.exec(input);
  if (!input || !m) throw errors.badRequest(QUANTITY_FORMAT_ERROR);
  const [, sign, whole, frac = '', suffix] = m;
  if (whole.length + frac.length === 0) throw errors.badRequest(QUANTITY_FORMAT_ERROR);
  let exponent10 = -frac.length;
  let binaryPower = 0;
  let format: QuantityFormat;
  if (suffix in BINARY_SUFFIXES) {
    binaryPower = BINARY_SUFFIXES[suffix];
    format = 'BinarySI';
  } else if (suffix in DECIMAL_SUFFIXES) {
    exponent10 += DECIMAL_SUFFIXES[suffix];
    format = 'DecimalSI';
  } else if (/^[eE][+-]?\d+$/.test(suffix)) {
    const e = Number(suffix.slice(1));
    if (Math.abs(e) > MAX_EXPONENT) throw errors.badRequest('unable to parse numeric part of quantity');
    exponent10 += e;
    format = 'DecimalExponent';
  } else if (/^[eEinumkKMGTP]*[-+]?\d*$/.test(suffix)) {
    throw errors.badRequest("unable to parse quantity's suffix");
  } else {
    throw errors.badRequest(QUANTITY_FORMAT_ERROR);
  }
  let mantissa = BigInt(`${whole}${frac}` || '0') * 1024n ** BigInt(binaryPower);
  if (sign === '-') mantissa = -mantissa;
  const shift = exponent10 + 9;
  const nanos = shift >= 0 ? mantissa * pow10(shift) : divAwayFromZero(mantissa, pow10(-shift));
  return { nanos, format };
}

function formatExact(nanos: bigint, format: QuantityFormat): string {
  if (nanos === 0n) return '0';
  if (format === 'BinarySI') {
    const small = nanos > -1024n * NANO && nanos < 1024n * NANO;
    if (!small && nanos % NANO === 0n) {
      let value = nanos / NANO;
      let power = 0;
      while (power < 6 && value % 1024n === 0n) {
        value /= 1024n;
        power++;
      }
      return `${value}${BINARY_BY_POWER[power]}`;
    }
    // Values below 1Ki or with fractions are shown in decimal, as Kubernetes does.
    format = 'DecimalSI';
  }
  let mantissa = nanos;
  let exponent = -9;
  while (mantissa % 10n === 0n) {
    mantissa /= 10n;
    exponent++;
  }
  const excess = ((exponent % 3) + 3) % 3;
  mantissa *= pow10(excess);
  exponent -= excess;
  if (format === 'DecimalExponent') return exponent === 0 ? `${mantissa}` : `${mantissa}e${exponent}`;
  const suffix = DECIMAL_BY_EXPONENT.get(exponent);
  return suffix !== undefined ? `${mantissa}${suffix}` : `${mantissa}e${exponent}`;
}

/**
 * Parsed strings, because the same few quantities (`100m`, `1Gi`) recur across thousands of pods and
 * BigInt parsing dominates validation time. Bounded: cleared when full. Entries are never mutated.
 */
const parsed = new Map<string, ExactQuantity>();
const PARSED_LIMIT = 4096;

function toExact(s: string | number): ExactQuantity {
  if (typeof s === 'number') {
    if (!Number.isFinite(s)) throw errors.badRequest(QUANTITY_FORMAT_ERROR);
    // String(number) is the shortest exact decimal form (`0.3`, `1e+25`), which the parser accepts.
    return { nanos: toExact(String(s)).nanos, format: 'DecimalSI' };
  }
  const hit = parsed.get(s);
  if (hit) return hit;
  const exact = parseExact(s.trim() === s ? s : '\u0000');
  if (parsed.size >= PARSED_LIMIT) parsed.clear();
  parsed.set(s, exact);
  return exact;
}

/**
 * Parses a quantity into base units as a number (`500m` → 0.5, `1Gi` → 1073741824, `1e3` → 1000).
 * Numbers pass through. Throws a 400 StatusError with the apiserver's message when malformed.
 */
export function parseQuantity(s: string | number): number {
  const { nanos } = toExact(s);
  const whole = nanos / NANO;
  const rest = nanos % NANO;
  return Number(whole) + Number(rest) / 1e9;
}

/** True when `s` is a well-formed quantity. */
export function isValidQuantity(s: unknown): boolean {
  if (typeof s !== 'string' && typeof s !== 'number') return false;
  try {
    toExact(s);
    return true;
  } catch {
    return false;
  }
}

/** Formats a value in base units canonically (`0.5` → `500m`, 1073741824 → `1Gi` in BinarySI). */
export function formatQuantity(value: number, format: QuantityFormat = 'DecimalSI'): string {
  return formatExact(toExact(value).nanos, format);
}

/** Canonical forms of recently seen strings (same reasoning as `parsed`). */
const canonical = new Map<string, string>();

/** The canonical form Kubernetes stores and returns for a quantity (`1.5Gi` → `1536Mi`, `1000m` → `1`). */
export function canonicalizeQuantity(s: string | number): string {
  const exact = toExact(s);
  if (typeof s === 'number') return formatExact(exact.nanos, exact.format);
  let text = canonical.get(s);
  if (text === undefined) {
    text = formatExact(exact.nanos, exact.format);
    if (canonical.size >= PARSED_LIMIT) canonical.clear();
    canonical.set(s, text);
  }
  return text;
}

/** Exact comparison of two quantities: -1, 0 or 1. */
export function compareQuantities(a: string | number, b: string | number): -1 | 0 | 1 {
  const x = toExact(a).nanos;
  const y = toExact(b).nanos;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The value in thousandths, rounded up (`MilliValue`, e.g. CPU millicores). */
export function quantityMilliValue(s: string | number): number {
  return Number(divAwayFromZero(toExact(s).nanos, 1_000_000n));
}

/**
 * The sum of quantities, canonical in the format of the first one (`['500m', '1.5']` → `2`,
 * `['1Gi', '512Mi']` → `1536Mi`). An empty list sums to `0`.
 */
export function sumQuantities(values: (string | number)[]): string {
  let total = 0n;
  let format: QuantityFormat = 'DecimalSI';
  values.forEach((v, i) => {
    const exact = toExact(v);
    if (i === 0) format = exact.format;
    total += exact.nanos;
  });
  return formatExact(total, format);
}
