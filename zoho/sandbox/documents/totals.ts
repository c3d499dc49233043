/**
 * A new document's totals from its priced lines: sub total, tax, the document's discount (a
 * percentage of the sub total or an amount), shipping and adjustment, as Zoho adds them up.
 */
import type { Json, LineItem, SalesDocument } from '../types';
import { round2 } from '../util';
import { numberOr } from '../values';
import { discountOff } from './pricing';

/** The totals as the document stores them (in the order Zoho lists them). */
export type DocumentTotals = Pick<SalesDocument, 'sub_total' | 'tax_total' | 'discount' | 'shipping_charge' | 'adjustment' | 'total'>;

export function documentTotals(lines: readonly LineItem[], p: Json): DocumentTotals {
  const subTotal = round2(lines.reduce((a, l) => a + l.item_total, 0));
  const taxTotal = round2(lines.reduce((a, l) => a + (l.item_total * l.tax_percentage) / 100, 0));
  const docDiscount = (p.discount ?? 0) as number | string;
  const discountAmount = discountOff(docDiscount, subTotal);
  const shipping = numberOr(p.shipping_charge, 0, 'shipping_charge');
  const adjustment = numberOr(p.adjustment, 0, 'adjustment');
  return {
    sub_total: subTotal,
    tax_total: taxTotal,
    discount: docDiscount,
    shipping_charge: shipping,
    adjustment,
    total: round2(subTotal - discountAmount + taxTotal + shipping + adjustment),
  };
}
