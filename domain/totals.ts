/**
 * Line and order totals of a Satchel order, on the money engine (money-engine/: Zoho's rules, in
 * integer minor units). Zod-free on purpose: the device computes the same figures as the hub
 * without shipping the schemas (order.ts re-exports these). Today's order carries one tax
 * percentage per line, a line discount percentage and untaxed fees: that is a document with
 * item-level discounts, tax-exclusive rates, each line's tax rounded, and the fees as an untaxed
 * charge. `documentTotals` takes the whole of Zoho's model (order discount, tax groups,
 * inclusive rates, exemptions, taxed shipping, per-document rounding).
 */
import { type Money } from './money';
import { documentTotals, type AppliedTax, type EngineDocument, type EngineLine, type TaxComponent } from './money-engine';

export { documentTotals } from './money-engine';

/** The parts of a line that its total depends on. */
export interface PricedLine {
  quantity: number;
  unitPrice: number;
  discountPercent?: number;
  taxPercent?: number;
  taxId?: string;
  /** A tax group's or compound tax's members; when given, they are the tax (not `taxPercent`). */
  taxes?: readonly TaxComponent[];
}

export interface LineTotals {
  net: number;
  tax: number;
  gross: number;
}

export interface OrderTotals {
  currency: string;
  net: Money;
  tax: Money;
  /** Sum of the order's fees (untaxed). */
  fees: Money;
  gross: Money;
}

function singleTax(line: PricedLine): AppliedTax | undefined {
  if (line.taxes?.length) return { id: line.taxId ?? line.taxes.map((t) => t.id).join('+'), components: line.taxes };
  if (!line.taxPercent) return undefined;
  const id = line.taxId ?? `tax-${line.taxPercent}`;
  return { id, components: [{ id, name: id, percent: line.taxPercent, compound: false }] };
}

/** An order line as an engine line (item-level discount, one simple tax). */
export function engineLine(line: PricedLine): EngineLine {
  const tax = singleTax(line);
  return {
    quantity: line.quantity,
    rate: line.unitPrice,
    ...(line.discountPercent ? { discount: { percent: line.discountPercent } } : {}),
    ...(tax ? { tax } : {}),
  };
}

/** Totals of one line: its discount, then its tax, each rounded once in minor units. */
export function lineTotals<L extends PricedLine>(line: L): LineTotals {
  const t = documentTotals({ currency: 'XXX', lines: [engineLine(line)] }).lines[0]!;
  return { net: t.itemTotal, tax: t.taxAmount, gross: t.itemTotal + t.taxAmount };
}

/** The order as an engine document: item-level discounts, exclusive rates, fees as untaxed shipping. */
export function orderDocument<O extends { currency: string; lines: PricedLine[]; fees?: Array<{ amount: number }> }>(order: O): EngineDocument {
  const fees = (order.fees ?? []).reduce((sum, f) => sum + f.amount, 0);
  return {
    currency: order.currency,
    lines: order.lines.map(engineLine),
    discountType: 'item_level',
    taxRounding: 'line',
    ...(fees ? { shipping: { amount: fees } } : {}),
  };
}

export function orderTotals<O extends { currency: string; lines: PricedLine[]; fees?: Array<{ amount: number }> }>(order: O): OrderTotals {
  const t = documentTotals(orderDocument(order));
  const m = (amount: number): Money => ({ amount, currency: order.currency });
  return { currency: order.currency, net: m(t.subTotal), tax: m(t.taxTotal), fees: m(t.shipping), gross: m(t.total) };
}
