/**
 * What the PDF template sees: the order with every amount already formatted. Pure, so a unit test
 * can check the figures without Chromium, and the template stays free of logic.
 */
import { documentTotals, formatMoney, lineTotals, orderDocument, orderTotals, type Address, type Discount, type Order } from '../../domain';

export interface DocumentViewContext {
  /** The Zoho document number (derived from the order id). */
  number: string;
  company: { name: string; address?: string };
  rep?: { name: string; email: string } | null;
  customerEmail?: string | null;
  /** A revision sent after the first (1, 2, …): printed under the number. */
  revision?: number;
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
  const discountText = (d: Discount | undefined) => (!d ? '' : 'percent' in d ? `${d.percent}%` : money(d.amount));
  return {
    title: order.kind === 'quote' ? 'Quote' : 'Sales order',
    number: ctx.number,
    revision: ctx.revision || undefined,
    date: order.createdAt.slice(0, 10),
    reference: order.reference,
    company: ctx.company,
    customer: { name: order.customer.name, email: ctx.customerEmail ?? order.customer.email },
    contactPerson: order.contactPerson,
    deliveryAddress: addressLines(order.deliveryAddress),
    deliveryDate: order.deliveryDate,
    paymentMethod: order.paymentMethod,
    paymentTerms: order.paymentTermsLabel ?? (order.paymentTerms !== undefined ? `${order.paymentTerms} days` : undefined),
    // The order's own sales rep when the device named one (a colleague may have sold it); the
    // signed-in rep's email only when it is the same person.
    rep: order.salesRep && order.salesRep !== ctx.rep?.name ? { name: order.salesRep } : (ctx.rep ?? undefined),
    lines: order.lines.map((line, i) => {
      // The line's amount as Zoho shows it: with its tax when the prices include tax.
      const t = lineTotals(line, order);
      return {
        position: i + 1,
        name: line.name,
        sku: line.sku,
        quantity: line.quantity,
        unit: line.unit,
        unitPrice: money(line.unitPrice),
        discount: line.discountAmount ? money(line.discountAmount) : line.discountPercent ? `${line.discountPercent}%` : '',
        tax: line.taxes?.length ? `${line.taxes.reduce((a, c) => a + c.percent, 0)}%` : line.taxPercent ? `${line.taxPercent}%` : '',
        net: money(t.itemTotal),
      };
    }),
    discount: totals.discount.amount
      ? {
          label: `Discount${order.discount && 'percent' in order.discount ? ` ${discountText(order.discount)}` : ''}${order.discountBeforeTax === false ? ' (after tax)' : ''}`,
          amount: `−${money(totals.discount.amount)}`,
        }
      : undefined,
    // Prices that include their tax: the rows say what the total holds, and the total does not add them.
    taxes: taxRows(order).map((t) => ({ label: totals.taxIncluded ? `${t.label} (included)` : t.label, amount: money(t.amount) })),
    fees: (order.fees ?? []).map((f) => ({ name: f.name, amount: money(f.amount) })),
    totals: { currency: order.currency, net: money(totals.net.amount), gross: money(totals.gross.amount) },
    notes: order.notes,
    signature: order.signature,
  };
}
export type DocumentView = ReturnType<typeof documentView>;

/**
 * One row per tax, as on an invoice, from the same document the totals come from (an order
 * discount before tax shrinks each line's tax): a tax Zoho named by its name and rate, a line's
 * bare percentage as "Tax 10%"; lowest rate first.
 */
function taxRows(order: Order): Array<{ label: string; percent: number; amount: number }> {
  const doc = orderDocument(order);
  const percentOf = new Map(doc.lines.flatMap((l) => l.tax?.components ?? []).map((c) => [c.id, c.percent]));
  return documentTotals(doc)
    .taxes.filter((t) => t.amount !== 0)
    .map((t) => {
      const percent = percentOf.get(t.taxId) ?? 0;
      return { label: t.name === t.taxId && t.taxId.startsWith('tax-') ? `Tax ${percent}%` : `${t.name} ${percent}%`, percent, amount: t.amount };
    })
    .sort((a, b) => a.percent - b.percent);
}
