/**
 * The order as a mapping sees it: the device's order plus the values Zoho wants in its own form
 * (decimal rates, the document number, the order date). Mapping paths point into this view.
 */
import { orderTotals, toDecimal, type Customer, type Order } from '../domain';

export interface MappingContext {
  /** The Zoho document number derived from the order id (domain/document-number.ts). */
  number: string;
}

export function sourceView(order: Order, context: MappingContext) {
  const totals = orderTotals(order);
  return {
    ...order,
    number: context.number,
    date: order.createdAt.slice(0, 10),
    total: toDecimal(totals.gross.amount, order.currency),
    // Fees travel as Zoho's document adjustment, so Zoho's total matches the device's.
    feesTotal: totals.fees.amount ? toDecimal(totals.fees.amount, order.currency) : undefined,
    feesDescription: order.fees?.length
      ? order.fees
          .map((f) => f.name)
          .join(', ')
          .slice(0, 100)
      : undefined,
    lines: order.lines.map((line) => ({
      ...line,
      rate: toDecimal(line.unitPrice, order.currency),
      discount: line.discountPercent ? `${line.discountPercent}%` : undefined,
    })),
  };
}
export type SourceView = ReturnType<typeof sourceView>;

/**
 * A customer made on a device as the contact mapping sees it: the device's customer plus its
 * contact persons in Zoho's shape (`persons`), the one person made from its email and phone when
 * the rep entered none.
 */
export function contactSourceView(customer: Customer) {
  const persons = customer.contactPersons?.length
    ? customer.contactPersons.map((p) => ({
        first_name: p.firstName,
        last_name: p.lastName,
        email: p.email,
        phone: p.phone,
        mobile: p.mobile,
        is_primary_contact: p.isPrimary,
      }))
    : customer.email || customer.phone
      ? [{ first_name: customer.name, email: customer.email, phone: customer.phone, is_primary_contact: true }]
      : undefined;
  return { ...customer, persons };
}
export type ContactSourceView = ReturnType<typeof contactSourceView>;
