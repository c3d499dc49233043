/**
 * What makes a discount one Zoho would refuse, in one place: the hub's OrderSchema adds these as
 * issues and the device's form shows the same words next to the field (zod-free, so the app ships
 * it without the schemas). The ranges (0..100 %, a non-negative amount) are the schema's own.
 */
import { discountConflict } from './discount-fold';
import { lineTotals, orderTotals, type PricedLine, type PricedOrder } from './totals';

export const DISCOUNT_MESSAGES = {
  both: 'a line takes a discount percentage or an amount, not both',
  overLine: 'the discount must not be more than the line (quantity × unit price)',
  overOrder: "the order discount must not be more than the lines' total",
} as const;

/**
 * A total, or 0 when it cannot be computed: zod still runs the refinements when a field is already
 * refused (a quantity of 1e308, a tax of "10"), and that field's own issue says what is wrong.
 */
export function totalOr0(total: () => number): number {
  try {
    const t = total();
    return Number.isFinite(t) ? t : 0;
  } catch {
    return 0;
  }
}

/** What is wrong with a line's own discount (path `discountAmount`), or undefined. */
export function lineDiscountIssue(line: PricedLine): string | undefined {
  if (line.discountPercent && line.discountAmount) return DISCOUNT_MESSAGES.both;
  if (line.discountAmount && line.discountAmount > totalOr0(() => lineTotals({ ...line, discountAmount: undefined }).net)) return DISCOUNT_MESSAGES.overLine;
  return undefined;
}

/** What is wrong with the order's discount, each by the field it is about (as the hub's 400 names it). */
export function orderDiscountIssues(order: PricedOrder): Array<{ path: 'discountBeforeTax' | 'discount.amount'; message: string }> {
  const out: Array<{ path: 'discountBeforeTax' | 'discount.amount'; message: string }> = [];
  const conflict = discountConflict(order);
  if (conflict) out.push({ path: 'discountBeforeTax', message: conflict });
  const d = order.discount;
  if (d && 'amount' in d && d.amount > totalOr0(() => orderTotals({ ...order, discount: undefined }).net.amount)) {
    out.push({ path: 'discount.amount', message: DISCOUNT_MESSAGES.overOrder });
  }
  return out;
}
