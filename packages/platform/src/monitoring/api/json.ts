/**
 * @module monitoring/api/json
 * Values as text, and a large answer written as JSON bytes in one pass. A 7-day range of 1,000 pods is
 * 169,000 `[t, "v"]` points: as objects plus `JSON.stringify` that is 169,000 arrays and strings (4 MB of
 * text built twice), and number-to-string conversion dominates. `JsonWriter` appends to one growing buffer
 * and `putValue` prints a value's digits straight into it, with exactly the text `formatValue` returns
 * (tests compare the two on random values).
 */

// Number-to-string is costly, and monitoring values repeat (steady loads, counts), so recent conversions
// are memoized; the memo is simply dropped when it fills up.
const formatted = new Map<number, string>();

/** Values as Prometheus prints them, without float noise (0.30000000000000004 → "0.3"). */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN';
  let s = formatted.get(v);
  if (s !== undefined) return s;
  const plain = String(v);
  // Short forms (integers, rounded rates) are already exact; only long ones carry noise.
  s = plain.length <= 12 ? plain : String(Number(v.toPrecision(12)));
  if (formatted.size >= 50_000) formatted.clear();
  formatted.set(v, s);
  return s;
}

/** An append-only byte buffer for JSON text. */
export class JsonWriter {
  buf: Buffer;
  pos = 0;

  constructor(sizeHint = 4096) {
    this.buf = Buffer.allocUnsafe(Math.max(64, sizeHint));
  }

  /** Makes room for `n` more bytes (then `buf` may be written directly up to `pos + n`). */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** A string known to be ASCII (punctuation, keys, numbers), as is. */
  ascii(s: string): void {
    this.reserve(s.length);
    this.pos = putAscii(this.buf, this.pos, s);
  }

  /** Any string, UTF-8 encoded, as is (callers pass JSON text). */
  text(s: string): void {
    this.reserve(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** The text written so far (a view of the buffer). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

function putAscii(b: Uint8Array, p: number, s: string): number {
  for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
  return p;
}

/** Longest text `putValue` writes: `formatValue` of any double ("-2.22507385851e-308" is 19). */
export const MAX_VALUE_BYTES = 24;

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const LOG10_2 = Math.log10(2);
const TWO31 = 2 ** 31;
/** "00" … "99" as character codes. */
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = 48 + Math.floor(i / 10);
  PAIRS[2 * i + 1] = 48 + (i % 10);
}
/** Scratch: the 12 significant digits of a value. */
const digits = new Uint8Array(12);
const f64 = new Float64Array(1);
const hiWord = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: high word second

/** Six digits of an integer 0 ≤ x < 10⁶ into d[at…at+5]. */
function six(d: Uint8Array, at: number, x: number): void {
  const a = (x / 10000) | 0;
  const r = x - a * 10000;
  const c = (r / 100) | 0;
  const e = r - c * 100;
  d[at] = PAIRS[2 * a];
  d[at + 1] = PAIRS[2 * a + 1];
  d[at + 2] = PAIRS[2 * c];
  d[at + 3] = PAIRS[2 * c + 1];
  d[at + 4] = PAIRS[2 * e];
  d[at + 5] = PAIRS[2 * e + 1];
}

/**
 * The rare cases, through `formatValue`. They take the array and index, not the value: a double passed to
 * a call is boxed, and the compiler would box every value of the hot path for the sake of this call.
 */
function putFormatted(b: Uint8Array, p: number, vs: Float64Array, i: number): number {
  return putAscii(b, p, formatValue(vs[i]));
}

/** Digits of an integer 1 ≤ u < 2^31 at b[p…]; returns the position after them. */
function putInt(b: Uint8Array, p: number, u: number): number {
  let len = 1;
  while (len < 10 && u >= POW10[len]) len++;
  const end = p + len;
  let q = end;
  while (u >= 10) {
    const t = (u / 100) | 0;
    const r = u - t * 100;
    b[--q] = PAIRS[2 * r + 1];
    b[--q] = PAIRS[2 * r];
    u = t;
  }
  if (q > p) b[--q] = 48 + u;
  return end;
}

/**
 * Writes `formatValue(vs[i])` at b[p…] (room for MAX_VALUE_BYTES needed) and returns the position after it:
 * the shortest decimal of `v` rounded to 12 significant digits, as JavaScript prints numbers. Values
 * outside 10⁻⁶ ≤ |v| < 10¹⁵ (where JavaScript prints exponents), NaN and infinities, and values within
 * 10⁻³ of a rounding tie at the 12th digit go through `formatValue`; everything else is integer work.
 *
 * Why this is exact: scaling by a power of ten up to 10²² (exact) is one correctly rounded operation, so
 * the scaled value m ∈ [10¹¹, 10¹²) is within 2⁻¹³ of the true product and `floor(m + ½)` is the true
 * 12-digit rounding unless m's fraction is that close to ½. `toPrecision(12)` yields that decimal, and the
 * double nearest to a decimal of at most 12 digits prints as that decimal (doubles carry 15.9 digits), so
 * the text is the digits with trailing zeros removed and the point placed as `String(number)` places it.
 */
export function putValue(b: Uint8Array, p: number, vs: Float64Array, i: number): number {
  // The value is read here, not passed: a double argument to a call that is not inlined is boxed.
  const v = vs[i];
  const a = v < 0 ? -v : v;
  if (!(a >= 1e-6 && a < 1e15)) return putFormatted(b, p, vs, i);
  if (a < TWO31 && Math.floor(a) === a) {
    if (v < 0) b[p++] = 45; // -
    return putInt(b, p, a | 0);
  }
  // Decimal exponent from the binary one (may be one too small; corrected below).
  f64[0] = a;
  let e = Math.floor(((hiWord[HI] >>> 20) - 1023) * LOG10_2);
  // `a` scaled to twelve integer digits, one correctly rounded operation (written out three times: a
  // helper returning a double is not always inlined, and then boxes its result on every call).
  let m = e <= 11 ? a * POW10[11 - e] : a / POW10[e - 11];
  if (m < 1e11) {
    e--;
    m = e <= 11 ? a * POW10[11 - e] : a / POW10[e - 11];
  }
  while (m >= 1e12) {
    e++;
    m = e <= 11 ? a * POW10[11 - e] : a / POW10[e - 11];
  }
  let r = Math.floor(m);
  const f = m - r;
  if (f > 0.499 && f < 0.501) return putFormatted(b, p, vs, i);
  if (f > 0.5) r++;
  if (r >= 1e12) {
    r = 1e11;
    e++;
  }
  let hi = Math.floor(r / 1e6);
  let lo = r - hi * 1e6;
  if (lo < 0) {
    hi--;
    lo += 1e6;
  } else if (lo >= 1e6) {
    hi++;
    lo -= 1e6;
  }
  six(digits, 0, hi | 0);
  six(digits, 6, lo | 0);
  const n = e + 1; // digits before the decimal point
  if (v < 0) b[p++] = 45;
  if (n >= 12) {
    for (let j = 0; j < 12; j++) b[p++] = digits[j];
    for (let j = 12; j < n; j++) b[p++] = 48;
    return p;
  }
  if (n > 0) {
    for (let j = 0; j < n; j++) b[p++] = digits[j];
    const dot = p;
    b[p++] = 46; // .
    for (let j = n; j < 12; j++) b[p++] = digits[j];
    while (b[p - 1] === 48) p--;
    return p - 1 === dot ? dot : p;
  }
  b[p++] = 48;
  b[p++] = 46;
  for (let j = n; j < 0; j++) b[p++] = 48;
  for (let j = 0; j < 12; j++) b[p++] = digits[j];
  while (b[p - 1] === 48) p--;
  return p;
}
