/**
 * Money is an integer amount in the currency's minor units (cents, pence...) plus its ISO 4217 code.
 * Every rounding in Satchel goes through `roundMinor` (on a float already in minor units) or the
 * money engine's exact `roundHalfAway` (money-engine/ratio.ts), so device, hub and workflows agree to the cent.
 */
import { mul, ratio, roundHalfAway } from './money-engine/ratio';

export interface Money {
  amount: number;
  currency: string;
}

/** Currencies whose minor unit is not 1/100. Anything else is assumed to have two decimals. */
const MINOR_UNIT_DIGITS: Record<string, number> = {
  JPY: 0,
  KRW: 0,
  VND: 0,
  CLP: 0,
  ISK: 0,
  UGX: 0,
  XAF: 0,
  XOF: 0,
  BHD: 3,
  JOD: 3,
  KWD: 3,
  OMR: 3,
  TND: 3,
};

export function minorUnitDigits(currency: string): number {
  return MINOR_UNIT_DIGITS[currency.toUpperCase()] ?? 2;
}

/** Round a fractional minor-unit amount half away from zero (the way invoices round). */
export function roundMinor(value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`cannot round ${value}`);
  // The epsilon absorbs binary noise such as 1.005 * 100 = 100.49999999999999.
  const rounded = Math.sign(value) * Math.round(Math.abs(value) + 1e-9);
  return rounded === 0 ? 0 : rounded; // never -0
}

export function money(amount: number, currency: string): Money {
  if (!Number.isInteger(amount)) throw new RangeError(`money amount must be whole minor units, got ${amount}`);
  return { amount, currency: currency.toUpperCase() };
}

/** Minor units to the decimal number Zoho's API expects (`rate`, `discount`, ...). */
export function toDecimal(amount: number, currency: string): number {
  const digits = minorUnitDigits(currency);
  return Number((amount / 10 ** digits).toFixed(digits));
}

/**
 * A decimal amount (as Zoho returns it) to minor units, rounded half away from zero from the
 * decimal the number spells (1.005 is 1.005, so 101 cents; no binary-noise epsilon).
 */
export function fromDecimal(value: number, currency: string): number {
  return roundHalfAway(mul(ratio(value), ratio(10 ** minorUnitDigits(currency))));
}

export function formatMoney(m: Money, locale = 'en'): string {
  const digits = minorUnitDigits(m.currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: m.currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(m.amount / 10 ** digits);
}
