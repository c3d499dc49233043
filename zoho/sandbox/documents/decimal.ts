/**
 * Decimal arithmetic for the sandbox's money, in Zoho's own units (dollars, not cents): a value is
 * a BigInt count of 10^-60 units. Why not JavaScript numbers: Zoho's figures are decimals rounded
 * at chosen points (a rate to the price precision, a tax to two places), and binary floating point
 * rounds at every step, so 2.675 or 8.25 % of 0.60 can round the wrong way. A quotient (a
 * tax-inclusive amount over 1.093325, a line's share of a discount) is cut after 60 places, so a
 * sum of such shares can fall a hair below the half cent its exact value sits on (Σ shares of
 * 2,088.60 × 8.25 % is exactly 1,723.095); rounding therefore counts anything within 10^-45 of a
 * half as the half. Real amounts never come that close to a half without being on it (their
 * exact values have denominators far below 10^45). Deliberately not the device's code (domain/):
 * the sandbox stands for Zoho and must be able to disagree with it.
 */

const PLACES = 60n;
/** What a cut quotient may lose, summed over a document: far below any real distance from a half. */
const GUARD = 10n ** (PLACES - 45n);
const SCALE = 10n ** PLACES;

export type Dec = bigint;

/** A number or numeric string as the decimal it spells ("19.99" is 19.99, not the nearest double). */
export function dec(v: number | string): Dec {
  const text = typeof v === 'number' ? numberText(v) : v.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[2] === '' && !m[3])) throw new RangeError(`not a decimal: ${text}`);
  const frac = (m[3] ?? '').slice(0, Number(PLACES)).padEnd(Number(PLACES), '0');
  const abs = BigInt(m[2] || '0') * SCALE + BigInt(frac || '0');
  return m[1] === '-' ? -abs : abs;
}

/** A double's shortest spelling, without exponent (1e-7 → "0.0000001"). */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

export const ZERO: Dec = 0n;
export const ONE: Dec = SCALE;
export const HUNDRED: Dec = 100n * SCALE;

export const times = (a: Dec, b: Dec): Dec => (a * b) / SCALE;
export const over = (a: Dec, b: Dec): Dec => {
  if (b === 0n) throw new RangeError('division by zero');
  return (a * SCALE) / b;
};
/** `p` percent of `a`. */
export const pct = (a: Dec, p: Dec): Dec => over(times(a, p), HUNDRED);
export const total = (xs: readonly Dec[]): Dec => xs.reduce((s, x) => s + x, 0n);

/** Rounded to `places` decimals, half away from zero (Zoho: 12.345 → 12.35). */
export function roundTo(a: Dec, places: number): Dec {
  const step = 10n ** (PLACES - BigInt(places));
  const abs = a < 0n ? -a : a;
  const r = ((abs + step / 2n + GUARD) / step) * step;
  return a < 0n ? -r : r;
}

/** To a JS number for the JSON answer (exact for values rounded to a few places). */
export function toNumber(a: Dec): number {
  const abs = a < 0n ? -a : a;
  const whole = abs / SCALE;
  const frac = (abs % SCALE).toString().padStart(Number(PLACES), '0').replace(/0+$/, '');
  const n = Number(`${whole}${frac ? `.${frac}` : ''}`);
  return a < 0n && n !== 0 ? -n : n;
}
