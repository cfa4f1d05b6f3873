/**
 * @module nodes/pi
 * Digits of π with BigInt (Machin's formula, π = 16·atan(1/5) − 4·atan(1/239)), for the Kubernetes
 * documentation's example Job (`perl -Mbignum=bpi -wle 'print bpi(2000)'`).
 */

function arctanInverse(x: bigint, unity: bigint): bigint {
  // atan(1/x) = 1/x − 1/(3x³) + 1/(5x⁵) − … scaled by `unity`.
  let sum = 0n;
  let power = unity / x;
  const x2 = x * x;
  for (let n = 1n, sign = 1n; power !== 0n; n += 2n, sign = -sign) {
    sum += (sign * power) / n;
    power /= x2;
  }
  return sum;
}

/** π with `digits` significant digits, truncated as perl's bpi prints it ("3.14159…"). */
export function piDigits(digits: number): string {
  if (digits < 1) return '';
  const guard = 10;
  const unity = 10n ** BigInt(digits + guard);
  const pi = 16n * arctanInverse(5n, unity) - 4n * arctanInverse(239n, unity);
  const text = (pi / 10n ** BigInt(guard + 1)).toString(); // digits − 1 decimals, leading "3"
  return digits === 1 ? '3' : `${text[0]}.${text.slice(1, digits)}`;
}
