/**
 * Line and order totals. Zod-free on purpose: the device computes the same figures as the hub
 * without shipping the schemas (order.ts re-exports these).
 */
import { roundMinor, type Money } from './money';

/** The parts of a line that its total depends on. */
export interface PricedLine {
  quantity: number;
  unitPrice: number;
  discountPercent?: number;
  taxPercent?: number;
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

/** Totals of one line: discount, then tax, each rounded once in minor units. */
export function lineTotals<L extends PricedLine>(line: L): LineTotals {
  const beforeDiscount = line.unitPrice * line.quantity;
  const net = roundMinor(beforeDiscount * (1 - (line.discountPercent ?? 0) / 100));
  const tax = roundMinor((net * (line.taxPercent ?? 0)) / 100);
  return { net, tax, gross: net + tax };
}

export function orderTotals<O extends { currency: string; lines: PricedLine[]; fees?: Array<{ amount: number }> }>(order: O): OrderTotals {
  let net = 0;
  let tax = 0;
  for (const line of order.lines) {
    const t = lineTotals(line);
    net += t.net;
    tax += t.tax;
  }
  const fees = (order.fees ?? []).reduce((sum, f) => sum + f.amount, 0);
  const m = (amount: number): Money => ({ amount, currency: order.currency });
  return { currency: order.currency, net: m(net), tax: m(tax), fees: m(fees), gross: m(net + tax + fees) };
}
