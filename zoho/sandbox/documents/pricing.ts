/**
 * One line of a new sales order or estimate, read and priced as Zoho does: the item, its rate (the
 * line's own, else the price list's, else the item's in the document's currency), its tax (a tax
 * or a group), its location, and its total after the line's discount. The checks run in Zoho's
 * order, so the first refusal is the one Zoho gives.
 *
 * Zoho's rules for the rate, read from its documentation:
 * - a sent rate is kept to the currency's price precision (a community report: 54.54545 is stored
 *   as 54.55 and taxed as such);
 * - a rate list (`per_item`) in the document's currency gives the item's `pricebook_rate`, or on a
 *   volume list (`pricing_scheme: volume`) the rate of the bracket the quantity falls in
 *   (`start_quantity`..`end_quantity`, 0 = and above: "1–9 units ₹100, 10–49 ₹90, 50+ ₹80");
 * - a percentage list (`fixed_percentage`) marks the item's rate up or down and rounds it by its
 *   `rounding_type` ("$19 with a 5% markdown ... $18.05 ... nearest whole number ... $18");
 * - otherwise the item's rate, kept in the base currency, "converted to your customer's currency
 *   based on the exchange rate" (base units per 1 foreign unit), to the price precision.
 * Discounts: per line only when the document's discount is per item (`discount_type: item_level`);
 * "10%" of quantity × rate, or an amount off the line.
 */
import { invalid } from '../errors';
import type { Item, Json, LineItem, Location, PriceBook, Tax } from '../types';
import { numberOr, str } from '../values';
import { dec, over, pct, roundTo, times, toNumber, type Dec, HUNDRED } from './decimal';
import { taxesOf } from './taxes';
import { knownLocation } from './validate';

/** What a line is priced against: the organization's items, taxes and locations, and the document's price list, location and currency. */
export interface LineCatalogue {
  items: ReadonlyMap<string, Item>;
  pricebook: PriceBook | undefined;
  taxes: readonly Tax[];
  locations: readonly Location[];
  documentLocationId: string;
  /** The document's currency (the customer's), its price precision, and its exchange rate to the base currency. */
  currencyCode: string;
  precision: number;
  exchangeRate: number;
  baseCurrencyCode: string;
  /** Lines carry their own discounts (`discount_type: item_level`). */
  itemLevelDiscount: boolean;
}

/** A line as Zoho stores it, before it gets its id (its `tax_amount` comes with the document's totals). */
export type PricedLine = Omit<LineItem, 'line_item_id'>;

/** A discount as Zoho takes it: a percentage of `base` ("12.5%") or an amount. */
export function discountOff(discount: number | string, base: Dec, field = 'discount'): Dec {
  if (typeof discount === 'string' && discount.trim().endsWith('%')) {
    const p = discount.trim().slice(0, -1);
    if (!/^\s*-?\d*\.?\d+\s*$/.test(p)) throw invalid(field);
    return pct(base, dec(p.trim()));
  }
  return dec(numberOr(discount, 0, field));
}

/** The item's rate in the document's currency: kept in the base currency, converted at the exchange rate. */
function itemRate(item: Item | undefined, c: LineCatalogue): Dec {
  const base = dec(item?.rate ?? 0);
  if (c.currencyCode === c.baseCurrencyCode) return base;
  return roundTo(over(base, dec(c.exchangeRate)), c.precision);
}

function percentageRate(rate: Dec, pb: PriceBook, precision: number): Dec {
  const p = dec(pb.percentage);
  const marked = pct(rate, pb.is_increase ? HUNDRED + p : HUNDRED - p);
  const cent = dec('0.01');
  const positive = marked < 0n ? 0n : marked;
  const nonNegative = (d: Dec) => (d < 0n ? 0n : d);
  const halves = (d: Dec) => over(roundTo(times(d, dec(2)), 0), dec(2));
  switch (pb.rounding_type as string | undefined) {
    case 'round_to_dollar':
    case 'round_to_dollor': // the spelling in Zoho's API reference
      return roundTo(positive, 0);
    case 'round_to_dollar_minus_01':
      return nonNegative(roundTo(positive, 0) - cent);
    case 'round_to_half_dollar':
      return halves(positive);
    case 'round_to_half_dollar_minus_01':
      return nonNegative(halves(positive) - cent);
    default:
      return roundTo(positive, precision);
  }
}

/** The bracket `quantity` falls in; between two brackets, the one below it. */
function bracketFor(brackets: NonNullable<PriceBook['pricebook_items'][number]['price_brackets']>, quantity: number) {
  const inside = brackets.find((b) => b.start_quantity <= quantity && (b.end_quantity === 0 || quantity <= b.end_quantity));
  if (inside) return inside;
  const below = brackets.filter((b) => b.start_quantity <= quantity).sort((a, b) => b.start_quantity - a.start_quantity);
  return below[0];
}

/** The rate a line without its own gets: the price list's, else the item's. */
function listRate(itemId: string, item: Item | undefined, quantity: number, c: LineCatalogue): Dec {
  const pb = c.pricebook;
  if (pb?.pricebook_type === 'fixed_percentage') return percentageRate(itemRate(item, c), pb, c.precision);
  // A rate list prices in its own currency: one in another currency than the document's does not apply.
  const entry = pb && pb.currency_code === c.currencyCode ? pb.pricebook_items.find((x) => x.item_id === itemId) : undefined;
  if (!entry) return itemRate(item, c);
  const bracket = pb!.pricing_scheme === 'volume' && entry.price_brackets?.length ? bracketFor(entry.price_brackets, quantity) : undefined;
  return dec(bracket ? bracket.pricebook_rate : entry.pricebook_rate);
}

/** Line `k` of the body (its errors name it by that index where Zoho does). */
export function priceLine(raw: unknown, k: number, catalogue: LineCatalogue): PricedLine {
  const l = (raw && typeof raw === 'object' ? raw : {}) as Json;
  const itemId = str(l.item_id);
  const item = itemId ? catalogue.items.get(itemId) : undefined;
  if (itemId && !item) throw invalid(`line_items[${k}].item_id`);
  const name = str(l.name) || item?.name || '';
  if (!name) throw invalid(`line_items[${k}].name`);
  const quantity = numberOr(l.quantity, 1, 'quantity');
  if (quantity <= 0) throw invalid('quantity');
  const sentRate = l.rate === undefined || l.rate === null || l.rate === '' ? undefined : numberOr(l.rate, 0, 'rate');
  const rate = roundTo(sentRate === undefined ? listRate(itemId, item, quantity, catalogue) : dec(sentRate), catalogue.precision);
  if (rate < 0n) throw invalid('rate');
  const taxId = str(l.tax_id) || item?.tax_id || '';
  if (taxId) taxesOf(taxId, catalogue.taxes, 'tax_id'); // an unknown tax or group member is refused here
  const tax = taxId ? catalogue.taxes.find((t) => t.tax_id === taxId) : undefined;
  const lineLocation = knownLocation(str(l.location_id) || catalogue.documentLocationId, catalogue.locations);
  const gross = times(rate, dec(quantity));
  const discount = (l.discount ?? 0) as number | string;
  const off = catalogue.itemLevelDiscount ? discountOff(discount, gross) : 0n;
  return {
    item_id: itemId,
    name,
    description: str(l.description),
    rate: toNumber(rate),
    quantity,
    unit: str(l.unit) || item?.unit || '',
    tax_id: taxId,
    tax_name: tax?.tax_name ?? '',
    tax_percentage: tax?.tax_percentage ?? 0,
    discount,
    item_total: toNumber(roundTo(gross - off, catalogue.precision)),
    location_id: lineLocation,
  };
}
