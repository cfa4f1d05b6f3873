/**
 * @module monitoring/api/json
 * Writing a large answer as JSON bytes in one pass. A 7-day range of 1,000 pods is 169,000 `[t, "v"]`
 * points: as objects plus `JSON.stringify` that is 169,000 arrays and strings (about 4 MB of text built
 * twice), and number-to-string conversion dominates. `JsonWriter` appends bytes to one growing buffer and
 * `writeValue` prints a value's digits straight into it, with exactly the text `formatValue` returns (see
 * respond.ts; tests compare the two on random values).
 */

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);
const TWO31 = 2 ** 31;

/** An append-only byte buffer for JSON text. */
export class JsonWriter {
  buf: Buffer;
  pos = 0;

  constructor(sizeHint = 4096) {
    this.buf = Buffer.allocUnsafe(Math.max(64, sizeHint));
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** A string known to be ASCII (punctuation, keys, numbers), as is. */
  ascii(s: string): void {
    this.reserve(s.length);
    const b = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** Any string, UTF-8 encoded, as is (callers pass JSON text). */
  text(s: string): void {
    this.reserve(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** Bytes copied as they are. */
  raw(bytes: Uint8Array, from: number, to: number): void {
    this.reserve(to - from);
    const b = this.buf;
    let p = this.pos;
    for (let i = from; i < to; i++) b[p++] = bytes[i];
    this.pos = p;
  }

  /** The text written so far (a view of the buffer). */
  bytes(): Buffer {
    return this.buf.subarray(0, this.pos);
  }
}

/** Scratch for the 12 significant digits of a value. */
const digits = new Uint8Array(12);

/** Writes the decimal digits of an integer 0 ≤ u < 2^31. */
function writeInt(w: JsonWriter, u: number): void {
  let len = 1;
  while (len < 10 && u >= POW10[len]) len++;
  w.reserve(len);
  const b = w.buf;
  let p = w.pos + len;
  w.pos = p;
  do {
    const q = (u / 10) | 0;
    b[--p] = 48 + u - q * 10;
    u = q;
  } while (u > 0);
}

/** 10^(11-e)·a or a / 10^(e-11): `a` scaled to twelve integer digits (one rounding at most). */
function scaled(a: number, e: number): number {
  return e <= 11 ? a * POW10[11 - e] : a / POW10[e - 11];
}

/**
 * Writes `formatValue(v)` (without quotes) for a finite `v`: the shortest decimal of `v` rounded to 12
 * significant digits, as JavaScript prints numbers. Values outside 10⁻⁶ ≤ |v| < 10¹⁵ (where JavaScript
 * switches to exponents) and values within 10⁻³ of a rounding tie at the 12th digit (where the scaled
 * float's rounding error could matter) go through `fallback`; everything else is computed from integers.
 *
 * Why this is exact: scaling by a power of ten ≤ 10²² (exact) is one correctly rounded operation, so the
 * scaled value m ∈ [10¹¹, 10¹²) is within 2⁻¹³ of the true product and `round(m)` is the true 12-digit
 * rounding unless the fraction is that close to ½. The double nearest to a decimal of ≤ 12 digits prints
 * as that decimal (doubles carry 15.9 digits), so its text is the digits with trailing zeros removed.
 */
export function writeValue(w: JsonWriter, v: number, fallback: (v: number) => string): void {
  const a = v < 0 ? -v : v;
  if (!(a >= 1e-6 && a < 1e15)) {
    w.ascii(fallback(v));
    return;
  }
  if (a < TWO31 && Math.floor(a) === a) {
    if (v < 0) w.ascii('-');
    writeInt(w, a);
    return;
  }
  let e = Math.floor(Math.log10(a));
  let m = scaled(a, e);
  if (m < 1e11) m = scaled(a, --e);
  else if (m >= 1e12) m = scaled(a, ++e);
  let r = Math.floor(m);
  const f = m - r;
  if (f > 0.499 && f < 0.501) {
    w.ascii(fallback(v));
    return;
  }
  if (f > 0.5) r++;
  if (r >= 1e12) {
    r = 1e11;
    e++;
  }
  // Twelve digits from two six-digit halves (small integers: fast arithmetic).
  let hi = Math.floor(r / 1e6);
  let lo = r - hi * 1e6;
  if (lo < 0) {
    hi--;
    lo += 1e6;
  } else if (lo >= 1e6) {
    hi++;
    lo -= 1e6;
  }
  for (let j = 11; j >= 6; j--) {
    const q = (lo / 10) | 0;
    digits[j] = 48 + lo - q * 10;
    lo = q;
  }
  for (let j = 5; j >= 0; j--) {
    const q = (hi / 10) | 0;
    digits[j] = 48 + hi - q * 10;
    hi = q;
  }
  let k = 12;
  while (digits[k - 1] === 48) k--;
  const n = e + 1; // digits before the decimal point
  w.reserve(24);
  const b = w.buf;
  let p = w.pos;
  if (v < 0) b[p++] = 45; // -
  if (n >= k) {
    for (let j = 0; j < 12 && j < n; j++) b[p++] = digits[j];
    for (let j = 12; j < n; j++) b[p++] = 48;
  } else if (n > 0) {
    for (let j = 0; j < n; j++) b[p++] = digits[j];
    b[p++] = 46; // .
    for (let j = n; j < k; j++) b[p++] = digits[j];
  } else {
    b[p++] = 48;
    b[p++] = 46;
    for (let j = n; j < 0; j++) b[p++] = 48;
    for (let j = 0; j < k; j++) b[p++] = digits[j];
  }
  w.pos = p;
}
