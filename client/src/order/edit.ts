/**
 * Edit on a sent order or quote: the document (as it is now, with the device's own revisions)
 * becomes the draft, so the cart and the details change it with their own code; saving it puts a
 * revision in the outbox (order/create.ts) instead of a new document.
 */
import { documentNumber, minorUnitDigits, toDecimal, type Order } from '../domain';
import { go } from '../router';
import type { OutboxEntry } from '../store/outbox';
import { currentOrder } from '../outbox/revisions';
import { emptyDetails, type Draft, type DraftDiscount } from './draft';
import { beginEdit } from './draft-store';

/** The draft that, unchanged, builds the same order again (same id, kind, customer, creation time). */
export function draftFromOrder(order: Order, customerId: string): Draft {
  const c = order.currency;
  const decimal = (minor: number) => toDecimal(minor, c).toFixed(minorUnitDigits(c));
  const discount = (percent?: number, amount?: number): DraftDiscount | undefined =>
    percent !== undefined ? { kind: 'percent', value: String(percent) } : amount !== undefined ? { kind: 'amount', value: decimal(amount) } : undefined;
  const d = order.discount;
  return {
    kind: order.kind,
    customerId,
    ...(order.fromQuoteId ? { fromQuote: { id: order.fromQuoteId, number: documentNumber('quote', order.fromQuoteId) } } : {}),
    lines: order.lines.map((l) => {
      const ld = discount(l.discountPercent, l.discountAmount);
      return { itemId: l.itemId, quantity: String(l.quantity), ...(ld ? { discount: ld } : {}) };
    }),
    ...(d ? { discount: 'percent' in d ? discount(d.percent) : discount(undefined, d.amount), discountBeforeTax: order.discountBeforeTax ?? true } : {}),
    details: {
      ...emptyDetails(),
      fees: (order.fees ?? []).map((f) => ({ name: f.name, amount: decimal(f.amount) })),
      paymentMethod: order.paymentMethod ?? '',
      deliveryAddress: order.deliveryAddress ?? {},
      deliveryDate: order.deliveryDate ?? '',
      ...(order.locationId ? { locationId: order.locationId } : {}),
      contactPerson: order.contactPerson ?? '',
      salesRep: order.salesRep ?? '',
      signature: order.signature ?? '',
      notes: order.notes ?? '',
      reference: order.reference ?? '',
    },
    editing: {
      id: order.id,
      kind: order.kind,
      number: documentNumber(order.kind, order.id),
      createdAt: order.createdAt,
      customerId,
      customer: order.customer,
    },
  };
}

/** Edit: open the sent document in the cart. */
export async function startEditing(entries: readonly OutboxEntry[], doc: OutboxEntry): Promise<void> {
  await beginEdit(draftFromOrder(currentOrder(entries, doc), doc.customerId));
  go({ name: 'cart' });
}
