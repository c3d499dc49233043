/**
 * What the PDF template sees: the order with every amount already formatted. Pure, so a unit test
 * can check the figures without Chromium, and the template stays free of logic.
 */
import { formatMoney, lineTotals, orderTotals, type Address, type Order } from '../../domain';

export interface DocumentViewContext {
  /** The Zoho document number (derived from the order id). */
  number: string;
  company: { name: string; address?: string };
  rep?: { name: string; email: string } | null;
  customerEmail?: string | null;
}

const addressLines = (a: Address | undefined): string[] | undefined => {
  if (!a) return undefined;
  const cityLine = [a.zip, a.city, a.state].filter(Boolean).join(' ');
  const lines = [a.attention, a.address, a.street2, cityLine, a.country, a.phone].filter((l): l is string => !!l && l.trim() !== '');
  return lines.length ? lines : undefined;
};

export function documentView(order: Order, ctx: DocumentViewContext) {
  const money = (amount: number) => formatMoney({ amount, currency: order.currency });
  const totals = orderTotals(order);
  // One "Tax x%" row per rate, as on an invoice.
  const byRate = new Map<number, number>();
  for (const line of order.lines) {
    const t = lineTotals(line);
    if (line.taxPercent) byRate.set(line.taxPercent, (byRate.get(line.taxPercent) ?? 0) + t.tax);
  }
  return {
    title: order.kind === 'quote' ? 'Quote' : 'Sales order',
    number: ctx.number,
    date: order.createdAt.slice(0, 10),
    reference: order.reference,
    company: ctx.company,
    customer: { name: order.customer.name, email: ctx.customerEmail ?? order.customer.email },
    contactPerson: order.contactPerson,
    deliveryAddress: addressLines(order.deliveryAddress),
    deliveryDate: order.deliveryDate,
    paymentMethod: order.paymentMethod,
    // The order's own sales rep when the device named one (a colleague may have sold it); the
    // signed-in rep's email only when it is the same person.
    rep: order.salesRep && order.salesRep !== ctx.rep?.name ? { name: order.salesRep } : (ctx.rep ?? undefined),
    lines: order.lines.map((line, i) => {
      const t = lineTotals(line);
      return {
        position: i + 1,
        name: line.name,
        sku: line.sku,
        quantity: line.quantity,
        unit: line.unit,
        unitPrice: money(line.unitPrice),
        discount: line.discountPercent ? `${line.discountPercent}%` : '',
        tax: line.taxPercent ? `${line.taxPercent}%` : '',
        net: money(t.net),
      };
    }),
    taxes: [...byRate.entries()].sort(([a], [b]) => a - b).map(([rate, amount]) => ({ rate: `${rate}%`, amount: money(amount) })),
    fees: (order.fees ?? []).map((f) => ({ name: f.name, amount: money(f.amount) })),
    totals: { currency: order.currency, net: money(totals.net.amount), gross: money(totals.gross.amount) },
    notes: order.notes,
    signature: order.signature,
  };
}
export type DocumentView = ReturnType<typeof documentView>;
