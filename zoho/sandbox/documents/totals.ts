/**
 * A document's totals from its priced lines, as Zoho adds them up: the sub total (the lines' item
 * totals), the document's discount (per document: a percentage of the sub total, "on Rs.1000, a
 * 10% discount results in Rs.900", or an amount), each line's tax and the shipping charge's (its
 * `shipping_charge_tax_id`), the adjustment, and the total. Before tax
 * (`is_discount_before_tax`), the document's discount comes off each line in proportion to the line's
 * share of the sub total before the line is taxed; after tax, the lines are taxed whole. With
 * tax-inclusive rates (`is_inclusive_tax`) the sub total and the shipping charge already hold
 * their tax, so the total does not add it. A tax-exempt customer (`is_taxable: false`, or a tax
 * exemption) pays none. Taxes are rounded per line, or per document when the organization rounds
 * so (`tax_rounding: entity_level` on the organization, the sandbox's name for that preference;
 * Zoho's API describes no such organization field, but its sales order and invoice answers carry
 * `tax_rounding: item_level | entity_level`, and so do the sandbox's).
 */
import { invalid } from '../errors';
import type { Contact, Json, LineItem, SalesDocument, Tax } from '../types';
import { numberOr, str } from '../values';
import { dec, over, roundTo, times, toNumber, total, type Dec } from './decimal';
import { discountOff } from './pricing';
import { chargeTaxes, taxesOf, type ChargedTax } from './taxes';

/** How the document is discounted and taxed: what the body says, else Zoho's defaults for what it sent. */
export interface MoneySettings {
  discount_type: 'entity_level' | 'item_level';
  is_discount_before_tax: boolean;
  is_inclusive_tax: boolean;
}

const flag = (v: unknown): boolean | undefined => (v === undefined || v === null || v === '' ? undefined : v === true || v === 'true');

/** A body without `discount_type` that sends a document discount is discounted per document. */
export function moneySettings(p: Json): MoneySettings {
  const sent = str(p.discount_type);
  if (sent && sent !== 'entity_level' && sent !== 'item_level') throw invalid('discount_type');
  const docDiscount = p.discount !== undefined && p.discount !== null && p.discount !== '' && p.discount !== 0 && p.discount !== '0';
  return {
    discount_type: (sent || (docDiscount ? 'entity_level' : 'item_level')) as MoneySettings['discount_type'],
    is_discount_before_tax: flag(p.is_discount_before_tax) ?? false,
    is_inclusive_tax: flag(p.is_inclusive_tax) ?? false,
  };
}

export interface TotalsContext {
  taxes: readonly Tax[];
  customer: Pick<Contact, 'is_taxable' | 'tax_exemption_id'>;
  precision: number;
  /** The organization rounds each tax's sum over the document, not each line's. */
  perDocumentTaxRounding: boolean;
}

/** The totals as the document stores them (in the order Zoho lists them). */
export type DocumentTotals = Pick<SalesDocument, 'sub_total' | 'tax_total' | 'discount' | 'shipping_charge' | 'adjustment' | 'total'> &
  MoneySettings & {
    line_items: LineItem[];
    discount_amount: number;
    shipping_charge_tax_id: string;
    shipping_charge_tax: number;
    taxes: Array<{ tax_id: string; tax_name: string; tax_amount: number }>;
    /** How the organization rounded the tax (Zoho's documents answer it: `item_level` | `entity_level`). */
    tax_rounding: 'item_level' | 'entity_level';
  };

export function documentTotals(lines: readonly LineItem[], p: Json, ctx: TotalsContext): DocumentTotals {
  const settings = moneySettings(p);
  const places = ctx.precision;
  const exempt = ctx.customer.is_taxable === false || !!str(ctx.customer.tax_exemption_id);
  const perLine = ctx.perDocumentTaxRounding ? undefined : places;

  const subTotal = total(lines.map((l) => dec(l.item_total)));
  const docDiscount = settings.discount_type === 'entity_level' ? ((p.discount ?? 0) as number | string) : 0;
  const discountAmount = roundTo(discountOff(docDiscount, subTotal), places);
  const shippingTaxId = str(p.shipping_charge_tax_id);
  const shippingMembers = taxesOf(shippingTaxId, ctx.taxes, 'shipping_charge_tax_id');
  const shipping = roundTo(dec(numberOr(p.shipping_charge, 0, 'shipping_charge')), places);
  const adjustment = roundTo(dec(numberOr(p.adjustment, 0, 'adjustment')), places);

  const charged: ChargedTax[][] = lines.map((l) => {
    if (exempt || !l.tax_id) return [];
    let taxable = dec(l.item_total);
    if (settings.discount_type === 'entity_level' && settings.is_discount_before_tax && subTotal !== 0n) {
      taxable = over(times(taxable, subTotal - discountAmount), subTotal); // the line's share of the discount off
    }
    return chargeTaxes(taxable, taxesOf(l.tax_id, ctx.taxes, 'tax_id'), settings.is_inclusive_tax, perLine);
  });
  const shippingCharged = exempt ? [] : chargeTaxes(shipping, shippingMembers, settings.is_inclusive_tax, perLine);

  // Each tax's sum over the document, rounded (already whole cents when rounded per line).
  const byTax = new Map<string, { tax: Tax; amount: Dec }>();
  for (const c of [...charged.flat(), ...shippingCharged]) {
    const entry = byTax.get(c.tax.tax_id) ?? { tax: c.tax, amount: 0n };
    entry.amount += c.amount;
    byTax.set(c.tax.tax_id, entry);
  }
  const taxes = [...byTax.values()].map((e) => ({ tax_id: e.tax.tax_id, tax_name: e.tax.tax_name, tax_amount: toNumber(roundTo(e.amount, places)) }));
  const taxTotal = total([...byTax.values()].map((e) => roundTo(e.amount, places)));
  const grand = subTotal - discountAmount + shipping + adjustment + (settings.is_inclusive_tax ? 0n : taxTotal);

  return {
    line_items: lines.map((l, i) => ({ ...l, tax_amount: toNumber(roundTo(total(charged[i]!.map((c) => c.amount)), places)) })),
    sub_total: toNumber(subTotal),
    tax_total: toNumber(taxTotal),
    discount: docDiscount,
    discount_amount: toNumber(discountAmount),
    ...settings,
    shipping_charge: toNumber(shipping),
    shipping_charge_tax_id: shippingTaxId,
    shipping_charge_tax: toNumber(roundTo(total(shippingCharged.map((c) => c.amount)), places)),
    adjustment: toNumber(adjustment),
    taxes,
    tax_rounding: ctx.perDocumentTaxRounding ? 'entity_level' : 'item_level',
    total: toNumber(grand),
  };
}
