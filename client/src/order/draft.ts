/** The order (or quote) being put together: kept on the device so a reload or a crash keeps it. */
import type { Address, DocumentKind, OrderCustomerRef } from '../domain';

export interface DraftLine {
  itemId: string;
  /** As typed: checked when the order is created, so "abc" or "-2" is shown, not swallowed. */
  quantity: string;
  /** The line's own discount, as typed (absent in drafts saved before discounts). */
  discount?: DraftDiscount;
}

/** A discount as typed: a percentage ("10") or an amount in major units ("5.00"); empty: none. */
export interface DraftDiscount {
  kind: 'percent' | 'amount';
  value: string;
}

export interface DraftFee {
  name: string;
  /** As typed, in major units ("4.50"). */
  amount: string;
}

export interface DraftDetails {
  fees: DraftFee[];
  paymentMethod: string;
  deliveryAddress: Address;
  /** yyyy-mm-dd */
  deliveryDate: string;
  /** The Zoho location the order ships from ('' : the organization's default). Absent in drafts saved before it existed. */
  locationId?: string;
  contactPerson: string;
  salesRep: string;
  /** A PNG data URL of the signature drawn on screen. */
  signature: string;
  notes: string;
  reference: string;
}

export interface Draft {
  kind: DocumentKind;
  customerId?: string;
  /** The quote this order is made from (Make order on a quote): Zoho links the two. */
  fromQuote?: { id: string; number: string };
  lines: DraftLine[];
  /** One discount on the whole order, beside the lines' own. */
  discount?: DraftDiscount;
  /** The order discount comes off before tax (absent: before, the usual case); false: after tax. */
  discountBeforeTax?: boolean;
  details: DraftDetails;
  /** A document already sent, being changed (Edit): saving sends a revision of it (order/edit.ts), never a new document. */
  editing?: EditedDocument;
}

export interface EditedDocument {
  id: string;
  kind: DocumentKind;
  number: string;
  createdAt: string;
  /** Whose it is: a revision keeps the document's customer. */
  customerId: string;
  customer: OrderCustomerRef;
}

export const emptyDetails = (): DraftDetails => ({
  fees: [],
  paymentMethod: '',
  deliveryAddress: {},
  deliveryDate: '',
  contactPerson: '',
  salesRep: '',
  signature: '',
  notes: '',
  reference: '',
});

export const emptyDraft = (customerId?: string): Draft => ({ kind: 'order', customerId, lines: [], details: emptyDetails() });
