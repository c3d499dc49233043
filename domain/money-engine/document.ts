/**
 * A sales document's totals as Zoho computes them (the rules and their sources: types.ts), in
 * integer minor units. The steps, in Zoho's order: each line's item total (its own discount off
 * when the discount is per item), the sub total, the order discount (per document), each line's
 * taxable amount (less its share of the order discount when that comes before tax), the taxes of
 * each line and of the shipping charge, rounded per line or per document, then the total.
 */
import { discountOf } from './discount';
import { add, div, mul, ratio, roundHalfAway, sub, sum, type Ratio } from './ratio';
import { taxesInInclusive, taxesOnExclusive, type ComponentTax } from './tax';
import type { AppliedTax, EngineDocument, EngineLineTotals, EngineTotals, TaxAmount } from './types';

const ONE: Ratio = { n: 1n, d: 1n };

/** Exact taxes of one taxable amount, or none when the customer is exempt or the amount untaxed. */
function taxesOf(amount: Ratio, tax: AppliedTax | undefined, doc: EngineDocument): ComponentTax[] {
  if (!tax || doc.taxExempt || tax.components.length === 0) return [];
  const rounded = (doc.taxRounding ?? 'line') === 'line';
  return doc.inclusiveTax ? taxesInInclusive(amount, tax.components, rounded) : taxesOnExclusive(amount, tax.components, rounded);
}

/** Sums taxes by tax id, keeping the order in which each tax first appears. */
class TaxLedger {
  private readonly byId = new Map<string, { name: string; amount: Ratio }>();
  add(taxes: readonly ComponentTax[]): void {
    for (const t of taxes) {
      const entry = this.byId.get(t.component.id);
      if (entry) entry.amount = add(entry.amount, t.amount);
      else this.byId.set(t.component.id, { name: t.component.name, amount: t.amount });
    }
  }
  /** Each tax's sum, rounded once (exact already when rounded per line). */
  amounts(): TaxAmount[] {
    return [...this.byId].map(([taxId, e]) => ({ taxId, name: e.name, amount: roundHalfAway(e.amount) }));
  }
}

const rounded = (taxes: readonly ComponentTax[]): TaxAmount[] =>
  taxes.map((t) => ({ taxId: t.component.id, name: t.component.name, amount: roundHalfAway(t.amount) }));

export function documentTotals(doc: EngineDocument): EngineTotals {
  const itemLevel = (doc.discountType ?? 'item_level') === 'item_level';
  const lines = doc.lines.map((line) => {
    const gross = mul(ratio(line.quantity), ratio(line.rate));
    const own = itemLevel ? discountOf(line.discount, gross) : ratio(0);
    const itemTotal = roundHalfAway(sub(gross, own));
    return { line, gross: roundHalfAway(gross), itemTotal };
  });
  const subTotal = lines.reduce((a, l) => a + l.itemTotal, 0);
  const discount = itemLevel ? 0 : roundHalfAway(discountOf(doc.discount, ratio(subTotal)));

  // Before tax, each line is taxed on its item total less its share of the order discount.
  const beforeTax = doc.discountBeforeTax ?? false;
  const share: Ratio = !itemLevel && beforeTax && subTotal !== 0 ? div(ratio(subTotal - discount), ratio(subTotal)) : ONE;

  const ledger = new TaxLedger();
  const lineTotals: EngineLineTotals[] = lines.map(({ line, gross, itemTotal }) => {
    const taxes = taxesOf(mul(ratio(itemTotal), share), line.tax, doc);
    ledger.add(taxes);
    return {
      gross,
      discount: gross - itemTotal,
      itemTotal,
      taxAmount: roundHalfAway(sum(taxes.map((t) => t.amount))),
      taxes: rounded(taxes),
    };
  });

  const shipping = doc.shipping?.amount ?? 0;
  const shippingTaxes = taxesOf(ratio(shipping), doc.shipping?.tax, doc);
  ledger.add(shippingTaxes);
  const taxes = ledger.amounts();
  const taxTotal = taxes.reduce((a, t) => a + t.amount, 0);
  const adjustment = doc.adjustment ?? 0;
  // Tax-inclusive: the sub total and the shipping charge already hold their tax.
  const total = subTotal - discount + shipping + adjustment + (doc.inclusiveTax ? 0 : taxTotal);
  return {
    currency: doc.currency,
    lines: lineTotals,
    subTotal,
    discount,
    shipping,
    shippingTax: roundHalfAway(sum(shippingTaxes.map((t) => t.amount))),
    taxTotal,
    taxes,
    adjustment,
    total,
  };
}
