/**
 * The order as a mapping sees it: the device's order plus the values Zoho wants in its own form
 * (decimal rates, the document number, the order date). Mapping paths point into this view.
 */
import { orderDocument, orderTotals, toDecimal, type Customer, type Discount, type Order } from '../domain';

export interface MappingContext {
  /** The Zoho document number derived from the order id (domain/document-number.ts). */
  number: string;
}

/** A discount as Zoho takes it: "12.5%", or an amount in the document's currency. */
function zohoDiscount(discount: Discount | undefined, currency: string): string | number | undefined {
  if (!discount) return undefined;
  return 'percent' in discount ? `${discount.percent}%` : toDecimal(discount.amount, currency);
}

export function sourceView(order: Order, context: MappingContext) {
  const totals = orderTotals(order);
  // Discounts go to Zoho exactly as the device totals them: one level per document (domain/discount-fold.ts).
  const doc = orderDocument(order);
  const entityLevel = doc.discountType === 'entity_level';
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
    discountType: doc.discountType,
    // Always said: a document that does not say takes the organization's own preference, which may differ from the prices the device totalled.
    taxInclusive: order.taxInclusive ?? false,
    orderDiscount: entityLevel ? zohoDiscount(doc.discount, order.currency) : undefined,
    discountBeforeTax: entityLevel ? doc.discountBeforeTax : undefined,
    lines: order.lines.map((line, i) => ({
      ...line,
      rate: toDecimal(line.unitPrice, order.currency),
      discount: zohoDiscount(doc.lines[i]!.discount, order.currency),
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
