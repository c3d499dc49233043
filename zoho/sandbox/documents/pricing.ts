/**
 * One line of a new sales order or estimate, read and priced as Zoho does: the item, its rate (the
 * line's own, else the price list's, else the item's), its tax, its location, and its total after
 * the line's discount. The checks run in Zoho's order, so the first refusal is the one Zoho gives.
 */
import { invalid } from '../errors';
import type { Item, Json, LineItem, Location, PriceBook, Tax } from '../types';
import { round2 } from '../util';
import { numberOr, str } from '../values';
import { knownLocation } from './validate';

/** What a line is priced against: the organization's items, taxes and locations, and the document's price list and location. */
export interface LineCatalogue {
  items: ReadonlyMap<string, Item>;
  pricebook: PriceBook | undefined;
  taxes: readonly Tax[];
  locations: readonly Location[];
  documentLocationId: string;
}

/** A line as Zoho stores it, before it gets its id. */
export type PricedLine = Omit<LineItem, 'line_item_id'>;

/** A discount as Zoho takes it: a percentage of `base` ("12.5%") or an amount. */
export function discountOff(discount: number | string, base: number): number {
  return typeof discount === 'string' && discount.trim().endsWith('%') ? (base * parseFloat(discount)) / 100 : numberOr(discount, 0, 'discount');
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
  const listRate = catalogue.pricebook?.pricebook_items.find((x) => x.item_id === itemId)?.pricebook_rate ?? item?.rate ?? 0;
  const rate = numberOr(l.rate, listRate, 'rate');
  if (rate < 0) throw invalid('rate');
  const taxId = str(l.tax_id) || item?.tax_id || '';
  const tax = taxId ? catalogue.taxes.find((t) => t.tax_id === taxId) : undefined;
  if (taxId && !tax) throw invalid('tax_id');
  const lineLocation = knownLocation(str(l.location_id) || catalogue.documentLocationId, catalogue.locations);
  const gross = rate * quantity;
  const discount = (l.discount ?? 0) as number | string;
  const off = discountOff(discount, gross);
  return {
    item_id: itemId,
    name,
    description: str(l.description),
    rate,
    quantity,
    unit: str(l.unit) || item?.unit || '',
    tax_id: taxId,
    tax_name: tax?.tax_name ?? '',
    tax_percentage: tax?.tax_percentage ?? 0,
    discount,
    item_total: round2(gross - off),
    location_id: lineLocation,
  };
}
