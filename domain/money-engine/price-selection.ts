/**
 * Which rate a line starts from, by Zoho's price-list rules, exactly:
 * - a volume list (`pricing_scheme: volume`) prices by the bracket the line's quantity falls in
 *   (`start_quantity` to `end_quantity`, 0 meaning "and above"; Zoho's example: 1–9 at ₹100,
 *   10–49 at ₹90, 50+ at ₹80, zohohelp.com/en-in/erp/help/items/price-lists/understanding-price-list);
 * - a fixed-percentage list marks the item's rate up or down, then rounds as the list says
 *   (`rounding_type`; Zoho: "$19 with a 5% markdown ... $18.05 ... round it off to the nearest whole
 *   number making it $18", zoho.com/inventory/kb/price-lists/pl-rounding.html);
 * - a customer in another currency, with no list in that currency for the item, gets the base rate
 *   converted at the exchange rate ("the item price in your base currency will be converted to your
 *   customer's currency based on the exchange rate", zoho.com/invoice/kb/invoices/invoice-in-multiple-currencies;
 *   the rate is base units per 1 foreign unit), rounded to the currency's minor unit.
 */
import { minorUnitDigits } from '../money';
import { div, mul, percent, ratio, roundHalfAway, sub, add, type Ratio } from './ratio';

/** A volume bracket, rate in minor units. */
export interface PriceBracket {
  startQuantity: number;
  /** 0: and above. */
  endQuantity: number;
  rate: number;
}

/**
 * The rate of the bracket `quantity` falls in; a quantity between two brackets (9.5 between 1–9
 * and 10–49) takes the lower one, the last that starts at or below it. Undefined below the first.
 */
export function bracketRate(brackets: readonly PriceBracket[], quantity: number): number | undefined {
  const sorted = [...brackets].sort((a, b) => a.startQuantity - b.startQuantity);
  let found: PriceBracket | undefined;
  for (const b of sorted) if (b.startQuantity <= quantity) found = b;
  return found?.rate;
}

/** Zoho's rounding options on a percentage list (the API spells one `round_to_dollor`). */
export type PriceRoundingType =
  'no_rounding' | 'round_to_dollar' | 'round_to_dollor' | 'round_to_dollar_minus_01' | 'round_to_half_dollar' | 'round_to_half_dollar_minus_01';

/** `rate` (minor units of `currency`) marked up or down by `percentage`, rounded as the list says. */
export function markPercentage(rate: number, percentage: number, isIncrease: boolean, rounding: PriceRoundingType | undefined, currency: string): number {
  const one: Ratio = { n: 1n, d: 1n };
  const factor = isIncrease ? add(one, percent(percentage)) : sub(one, percent(percentage));
  const marked = mul(ratio(rate), factor);
  const exact = marked.n < 0n ? ratio(0) : marked;
  const unit = 10 ** minorUnitDigits(currency); // minor units in one major unit
  const cent = unit >= 100 ? unit / 100 : 1; // "0.01" in minor units
  const toStep = (step: number) => roundHalfAway(div(exact, ratio(step))) * step;
  switch (rounding) {
    case 'round_to_dollar':
    case 'round_to_dollor':
      return toStep(unit);
    case 'round_to_dollar_minus_01':
      return Math.max(0, toStep(unit) - cent);
    case 'round_to_half_dollar':
      return toStep(unit / 2);
    case 'round_to_half_dollar_minus_01':
      return Math.max(0, toStep(unit / 2) - cent);
    default:
      return roundHalfAway(exact);
  }
}

/**
 * A base-currency rate (minor units of `baseCurrency`) in `currency`, at `exchangeRate` base units
 * per 1 unit of `currency`, rounded to `currency`'s minor unit.
 */
export function convertFromBase(baseRate: number, baseCurrency: string, currency: string, exchangeRate: number): number {
  if (!(exchangeRate > 0)) throw new RangeError(`exchange rate must be positive, got ${exchangeRate}`);
  const baseMajor = div(ratio(baseRate), ratio(10 ** minorUnitDigits(baseCurrency)));
  const foreignMajor = div(baseMajor, ratio(exchangeRate));
  return roundHalfAway(mul(foreignMajor, ratio(10 ** minorUnitDigits(currency))));
}
