/**
 * Line and order totals of a Satchel order, on the money engine (money-engine/: Zoho's rules, in
 * integer minor units). Zod-free on purpose: the device computes the same figures as the hub
 * without shipping the schemas (order.ts re-exports these).
 *
 * The order becomes one engine document (`orderDocument`), and that document is what every side
 * uses: the cart's and the PDF's figures are its totals, and the mappings send exactly its
 * discounts and taxes to Zoho, so Zoho's total is the device's. Zoho applies one discount level
 * per document (discount-fold.ts); an order with line discounts and an order discount is folded
 * into line amounts.
 */
import { foldOrderDiscount, type OrderDiscount } from './discount-fold';
import { type Money } from './money';
import { documentTotals, type AppliedTax, type EngineDocument, type EngineLine, type TaxComponent, type TaxRounding } from './money-engine';

export { documentTotals } from './money-engine';
export type { OrderDiscount } from './discount-fold';

/** The parts of a line that its total depends on. */
export interface PricedLine {
  quantity: number;
  unitPrice: number;
  /** The line's own discount: a percentage of quantity × unit price, or an amount (minor units) off the line. */
  discountPercent?: number;
  discountAmount?: number;
  taxPercent?: number;
  taxId?: string;
  /** A tax group's or compound tax's members; when given, they are the tax (not `taxPercent`). */
  taxes?: readonly TaxComponent[];
}

/** The parts of an order that its totals depend on. */
export interface PricedOrder {
  currency: string;
  lines: PricedLine[];
  fees?: Array<{ amount: number }>;
  /** One discount on the whole order: a percentage of the lines' total, or an amount. */
  discount?: OrderDiscount;
  /** The order discount comes off before tax (the taxable amounts shrink); default true. */
  discountBeforeTax?: boolean;
  /** The customer is tax-exempt in Zoho: no tax on any line or fee. */
  taxExempt?: boolean;
  /** The unit prices include their tax (Zoho `is_inclusive_tax`): the tax is taken out of them, not added. */
  taxInclusive?: boolean;
  /** How the organization rounds tax: each tax of each line (default), or each tax's sum over the document once. */
  taxRounding?: TaxRounding;
}

/** The document-wide terms a line's own figures depend on (the rest of the order does not change them). */
export type LineTerms = Pick<PricedOrder, 'taxInclusive' | 'taxRounding' | 'taxExempt'>;

export interface LineTotals {
  /** The line after its own discount, without tax. */
  net: number;
  tax: number;
  /** The line with its tax. */
  gross: number;
  /** What the line shows (Zoho's `item_total`): `gross` when prices include tax, else `net`. */
  itemTotal: number;
}

export interface OrderTotals {
  currency: string;
  /** The lines after their own discounts (Zoho's sub total before an order discount). */
  net: Money;
  /** The order discount (positive), 0 when there is none. */
  discount: Money;
  tax: Money;
  /** Sum of the order's fees (untaxed). */
  fees: Money;
  gross: Money;
  /** The prices include the tax: `net` already holds `tax`, and `gross` does not add it again. */
  taxIncluded: boolean;
}

function singleTax(line: PricedLine): AppliedTax | undefined {
  if (line.taxes?.length) return { id: line.taxId ?? line.taxes.map((t) => t.id).join('+'), components: line.taxes };
  if (!line.taxPercent) return undefined;
  const id = line.taxId ?? `tax-${line.taxPercent}`;
  return { id, components: [{ id, name: id, percent: line.taxPercent, compound: false }] };
}

/** An order line as an engine line (its own discount, its tax). */
export function engineLine(line: PricedLine): EngineLine {
  const tax = singleTax(line);
  const discount = line.discountAmount ? { amount: line.discountAmount } : line.discountPercent ? { percent: line.discountPercent } : undefined;
  return {
    quantity: line.quantity,
    rate: line.unitPrice,
    ...(discount ? { discount } : {}),
    ...(tax ? { tax } : {}),
  };
}

/** Totals of one line on its own: its discount, then its tax, each rounded once in minor units. */
export function lineTotals<L extends PricedLine>(line: L, terms: LineTerms = {}): LineTotals {
  const t = documentTotals({
    currency: 'XXX',
    lines: [engineLine(line)],
    ...(terms.taxInclusive ? { inclusiveTax: true } : {}),
    ...(terms.taxExempt ? { taxExempt: true } : {}),
  }).lines[0]!;
  if (terms.taxInclusive) return { net: t.itemTotal - t.taxAmount, tax: t.taxAmount, gross: t.itemTotal, itemTotal: t.itemTotal };
  return { net: t.itemTotal, tax: t.taxAmount, gross: t.itemTotal + t.taxAmount, itemTotal: t.itemTotal };
}

const feesOf = (order: PricedOrder): number => (order.fees ?? []).reduce((sum, f) => sum + f.amount, 0);

/**
 * The order as Zoho will hold it: exclusive rates unless the order's prices include tax, the tax
 * rounded as the organization rounds it (per line unless it says per document), the fees as an
 * untaxed charge; an order discount alone is Zoho's per-document discount, beside line discounts it
 * is folded into them (discount-fold.ts).
 */
export function orderDocument(order: PricedOrder): EngineDocument {
  const fees = feesOf(order);
  const base: EngineDocument = {
    currency: order.currency,
    lines: order.lines.map(engineLine),
    discountType: 'item_level',
    taxRounding: order.taxRounding ?? 'line',
    ...(order.taxInclusive ? { inclusiveTax: true } : {}),
    ...(fees ? { shipping: { amount: fees } } : {}),
    ...(order.taxExempt ? { taxExempt: true } : {}),
  };
  return foldOrderDiscount(base, order.discount, order.discountBeforeTax ?? true);
}

export function orderTotals(order: PricedOrder): OrderTotals {
  const doc = orderDocument(order);
  const t = documentTotals(doc);
  const m = (amount: number): Money => ({ amount, currency: order.currency });
  // The lines before the order discount: the document's own sub total, or (folded) the lines as the rep discounted them.
  const net = order.discount && doc.discountType === 'item_level' ? documentTotals({ ...doc, lines: order.lines.map(engineLine) }).subTotal : t.subTotal;
  const discount = net - t.subTotal + t.discount;
  return {
    currency: order.currency,
    net: m(net),
    discount: m(discount),
    tax: m(t.taxTotal),
    fees: m(t.shipping),
    gross: m(t.total),
    taxIncluded: !!order.taxInclusive,
  };
}
