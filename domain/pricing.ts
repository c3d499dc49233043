/**
 * Price resolution: which unit price a customer pays for an item. Shared by the hub and the
 * device, so both compute the same figure to the minor unit. Pure: no I/O.
 *
 * Zoho's price lists ("price books") come in two kinds:
 * - `per_item`: a rate per item (`pricebook_rate`), or per quantity bracket on a volume list
 *   (`pricing_scheme: volume`); items the list does not name keep their base rate (Zoho's
 *   behaviour when a sales order uses a price list without the item);
 * - `fixed_percentage`: the base rate marked up (`is_increase`) or down by `percentage`,
 *   optionally rounded the way Zoho's price list rounding options say.
 * A purchase list (`sales_or_purchase_type: purchases`) is never a sales price. A customer in
 * another currency pays a list rate in that currency, else the base rate converted at the
 * exchange rate (money-engine/price-selection.ts has the rules and their sources).
 * Amounts are integers in minor units, computed exactly and rounded once.
 */
import { fromDecimal } from './money';
import { bracketRate, convertFromBase, markPercentage, type PriceBracket, type PriceRoundingType } from './money-engine';
import { mul, percent, ratio, roundHalfAway } from './money-engine/ratio';

export type PriceListType = 'per_item' | 'fixed_percentage';

/** Zoho's rounding options on a percentage price list (`rounding_type`). */
export type PriceRounding = PriceRoundingType;

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
  /** Absent means sales (lists synced before the field existed were sales lists). */
  salesOrPurchase?: 'sales' | 'purchases';
  pricingScheme?: 'unit' | 'volume';
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
  /** Set when the rate was converted from the base currency: the exchange rate used. */
  exchangeRate?: number;
}

export interface PriceContext {
  item: PricedItem;
  /** The customer's price list, if any (unknown id: pass undefined and the base rate applies). */
  priceList?: PriceList;
  /** The per_item rate of `item` in `priceList`, in minor units of the list's currency. */
  listRate?: number;
  /** A volume list's brackets for `item` (minor units of the list's currency). */
  brackets?: readonly PriceBracket[];
  /** The line's quantity, for volume brackets (1 when not given). */
  quantity?: number;
  /**
   * The customer's currency and Zoho's exchange rate for it (base units per 1 unit). Without it
   * the price stays in the item's currency (the caller sees the currency differ).
   */
  customer?: { currency: string; exchangeRate?: number };
}

/** Apply a fixed_percentage list to a base rate (minor units), with Zoho's rounding option. */
export function applyPercentage(rate: number, list: Pick<PriceList, 'percentage' | 'isIncrease' | 'rounding'>, currency: string): number {
  return markPercentage(rate, list.percentage, list.isIncrease, list.rounding, currency);
}

/** A sales list the customer's order can use: not a purchase list, and in the order's currency when it has rates. */
function usableList(list: PriceList | undefined, currency: string): PriceList | undefined {
  if (!list || list.salesOrPurchase === 'purchases') return undefined;
  if (list.type === 'per_item' && list.currency && list.currency !== currency) return undefined;
  return list;
}

/** The unit price (and tax) a customer with `priceList` pays for `item`. */
export function resolvePrice({ item, priceList, listRate, brackets, quantity = 1, customer }: PriceContext): ResolvedPrice {
  // The order's currency: the customer's; without one, a rate list's (the caller's old contract).
  const target = customer?.currency ?? (priceList?.type === 'per_item' && priceList.currency ? priceList.currency : item.currency);
  const list = usableList(priceList, target);
  let unitPrice: number | undefined;
  let currency = target;
  let source: PriceSource = 'base';
  if (list?.type === 'per_item') {
    unitPrice = list.pricingScheme === 'volume' && brackets?.length ? (bracketRate(brackets, quantity) ?? listRate) : listRate;
    if (unitPrice !== undefined) source = 'price_list_rate';
  }
  const converted = target !== item.currency && customer?.exchangeRate !== undefined;
  if (unitPrice === undefined) {
    currency = converted ? target : item.currency;
    const baseRate = converted ? convertFromBase(item.rate, item.currency, target, customer!.exchangeRate!) : item.rate;
    unitPrice = list?.type === 'fixed_percentage' ? applyPercentage(baseRate, list, currency) : baseRate;
    if (list?.type === 'fixed_percentage') source = 'price_list_percentage';
  }
  const taxPercent = item.taxPercent ?? 0;
  const unitTax = roundHalfAway(mul(ratio(unitPrice), percent(taxPercent)));
  return {
    unitPrice,
    currency,
    source,
    ...(source !== 'base' ? { priceListId: list!.id } : {}),
    ...(item.taxId ? { taxId: item.taxId } : {}),
    taxPercent,
    unitTax,
    unitGross: unitPrice + unitTax,
    ...(converted && source !== 'price_list_rate' ? { exchangeRate: customer!.exchangeRate! } : {}),
  };
}

/** A Zoho decimal rate (as the API sends it) to minor units: the one conversion used on ingest. */
export function rateToMinor(rate: number, currency: string): number {
  return fromDecimal(rate, currency);
}
