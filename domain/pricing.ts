/**
 * Price resolution: which unit price a customer pays for an item. Shared by the hub and the
 * device, so both compute the same figure to the minor unit. Pure: no I/O.
 *
 * Zoho's price lists ("price books") come in two kinds:
 * - `per_item`: a rate per item (`pricebook_rate`); items the list does not name keep their
 *   base rate (Zoho's behaviour when a sales order uses a price list without the item);
 * - `fixed_percentage`: the base rate marked up (`is_increase`) or down by `percentage`,
 *   optionally rounded the way Zoho's price list rounding options say.
 * Amounts are integers in minor units; every rounding goes through `roundMinor`.
 */
import { fromDecimal, minorUnitDigits, roundMinor } from './money';

export type PriceListType = 'per_item' | 'fixed_percentage';

/** Zoho's rounding options on a percentage price list (`rounding_type`). */
export type PriceRounding = 'no_rounding' | 'round_to_dollar' | 'round_to_dollar_minus_01' | 'round_to_half_dollar' | 'round_to_half_dollar_minus_01';

export interface PriceList {
  id: string;
  name: string;
  type: PriceListType;
  /** Markup or markdown in percent (fixed_percentage lists). */
  percentage: number;
  isIncrease: boolean;
  /** Currency of the list's rates (per_item lists); a percentage list prices in the item's currency. */
  currency: string;
  rounding?: PriceRounding;
}

export interface PricedItem {
  id: string;
  /** Base (sales) rate in minor units of `currency`. */
  rate: number;
  currency: string;
  taxId?: string;
  taxPercent?: number;
}

export type PriceSource = 'base' | 'price_list_rate' | 'price_list_percentage';

export interface ResolvedPrice {
  /** Net unit price in minor units. */
  unitPrice: number;
  currency: string;
  source: PriceSource;
  priceListId?: string;
  taxId?: string;
  taxPercent: number;
  /** Tax on one unit, rounded once. */
  unitTax: number;
  unitGross: number;
}

export interface PriceContext {
  item: PricedItem;
  /** The customer's price list, if any (unknown id: pass undefined and the base rate applies). */
  priceList?: PriceList;
  /** The per_item rate of `item` in `priceList`, in minor units of the list's currency. */
  listRate?: number;
}

/** Apply a fixed_percentage list to a base rate (minor units), with Zoho's rounding option. */
export function applyPercentage(rate: number, list: Pick<PriceList, 'percentage' | 'isIncrease' | 'rounding'>, currency: string): number {
  const factor = list.isIncrease ? 1 + list.percentage / 100 : 1 - list.percentage / 100;
  const raw = Math.max(0, rate * factor);
  return roundTo(raw, list.rounding ?? 'no_rounding', currency);
}

function roundTo(minor: number, rounding: PriceRounding, currency: string): number {
  const unit = 10 ** minorUnitDigits(currency); // minor units in one major unit
  const cent = unit >= 100 ? unit / 100 : 1; // "0.01" in minor units (1 for two-decimal currencies)
  switch (rounding) {
    case 'round_to_dollar':
      return roundMinor(minor / unit) * unit;
    case 'round_to_dollar_minus_01':
      return Math.max(0, roundMinor(minor / unit) * unit - cent);
    case 'round_to_half_dollar':
      return roundMinor(minor / (unit / 2)) * (unit / 2);
    case 'round_to_half_dollar_minus_01':
      return Math.max(0, roundMinor(minor / (unit / 2)) * (unit / 2) - cent);
    default:
      return roundMinor(minor);
  }
}

/** The unit price (and tax) a customer with `priceList` pays for `item`. */
export function resolvePrice({ item, priceList, listRate }: PriceContext): ResolvedPrice {
  let unitPrice = item.rate;
  let currency = item.currency;
  let source: PriceSource = 'base';
  if (priceList?.type === 'per_item' && listRate !== undefined) {
    unitPrice = roundMinor(listRate);
    currency = priceList.currency || item.currency;
    source = 'price_list_rate';
  } else if (priceList?.type === 'fixed_percentage') {
    unitPrice = applyPercentage(item.rate, priceList, item.currency);
    source = 'price_list_percentage';
  }
  const taxPercent = item.taxPercent ?? 0;
  const unitTax = roundMinor((unitPrice * taxPercent) / 100);
  return {
    unitPrice,
    currency,
    source,
    ...(source !== 'base' ? { priceListId: priceList!.id } : {}),
    ...(item.taxId ? { taxId: item.taxId } : {}),
    taxPercent,
    unitTax,
    unitGross: unitPrice + unitTax,
  };
}

/** A Zoho decimal rate (as the API sends it) to minor units: the one conversion used on ingest. */
export function rateToMinor(rate: number, currency: string): number {
  return fromDecimal(rate, currency);
}
