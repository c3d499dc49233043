/**
 * Exact fractions (BigInt numerator over BigInt denominator) for the money engine. Why: Zoho
 * rounds at a few chosen points (a line's amount, each tax, a converted rate) and nowhere else;
 * binary floating point rounds at every step, so 1.005 × 100 or 8.25 % of 0.60 can land on the
 * wrong side of a half cent. Every input (a decimal quantity, a percentage, an exchange rate) is
 * read from its shortest decimal spelling, the arithmetic in between is exact, and `roundHalfAway`
 * is the only way back to a whole number of minor units.
 */

export interface Ratio {
  readonly n: bigint;
  /** Always > 0. */
  readonly d: bigint;
}

const ZERO: Ratio = { n: 0n, d: 1n };

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x || 1n;
}

/** Fractions are reduced only once they grow past 64 bits: a cart re-prices on every keystroke. */
const SMALL = 1n << 64n;

function make(n: bigint, d: bigint): Ratio {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  if (d === 1n || (d < SMALL && n < SMALL && n > -SMALL)) return { n, d };
  const g = gcd(n, d);
  return g === 1n ? { n, d } : { n: n / g, d: d / g };
}

/** Decimals seen before (tax rates, discounts, quantities repeat across a cart): parsing them is the costly part. */
const parsed = new Map<number, Ratio>();

/** A JS number as the decimal it is written as (0.1 is 1/10, not the double nearest to it). */
export function ratio(value: number): Ratio {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  if (Number.isInteger(value)) return { n: BigInt(value), d: 1n };
  let r = parsed.get(value);
  if (!r) {
    if (parsed.size >= 4096) parsed.clear();
    r = parseDecimal(value);
    parsed.set(value, r);
  }
  return r;
}

function parseDecimal(value: number): Ratio {
  const text = value.toExponential(); // shortest round-trip digits, e.g. "1.0825e+0"
  const [mantissa, exp] = text.split('e') as [string, string];
  const negative = mantissa.startsWith('-');
  const [whole, frac = ''] = mantissa.replace('-', '').split('.') as [string, string?];
  const digits = BigInt(whole + frac);
  const scale = Number(exp) - frac.length;
  const n = negative ? -digits : digits;
  return scale >= 0 ? make(n * 10n ** BigInt(scale), 1n) : make(n, 10n ** BigInt(-scale));
}

export const zero = (): Ratio => ZERO;
export const add = (a: Ratio, b: Ratio): Ratio => (a.d === b.d ? make(a.n + b.n, a.d) : make(a.n * b.d + b.n * a.d, a.d * b.d));
export const sub = (a: Ratio, b: Ratio): Ratio => (a.d === b.d ? make(a.n - b.n, a.d) : make(a.n * b.d - b.n * a.d, a.d * b.d));
export const mul = (a: Ratio, b: Ratio): Ratio => make(a.n * b.n, a.d * b.d);
export const div = (a: Ratio, b: Ratio): Ratio => make(a.n * b.d, a.d * b.n);
export const sum = (xs: readonly Ratio[]): Ratio => xs.reduce(add, ZERO);
export const isZero = (a: Ratio): boolean => a.n === 0n;

/** `p` percent as a fraction (8.25 → 33/400). */
export const percent = (p: number): Ratio => div(ratio(p), { n: 100n, d: 1n });

/**
 * To a whole number, half away from zero: 0.5 → 1, -0.5 → -1 (Zoho's examples round 12.345 to
 * 12.35 and 5.455 to 5.46; see rounding.ts). Never -0.
 */
export function roundHalfAway(a: Ratio): number {
  const negative = a.n < 0n;
  const abs = negative ? -a.n : a.n;
  const q = (2n * abs + a.d) / (2n * a.d); // floor(abs/d + 1/2)
  const out = Number(negative ? -q : q);
  return out === 0 ? 0 : out;
}
