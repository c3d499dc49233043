/**
 * A checked draft becomes the Order the hub receives: prices resolved for the customer now (the
 * document keeps them), a UUID made on the device (the idempotency key), totals by the shared rules.
 */
import { getItems, loadMeta, priceFor, type CustomerView } from '../store/dataset';
import { lineDiscountIssue, orderDiscountIssues, orderTotals, roundMinor, type Order, type OrderLine, type SettingsRecord } from '../domain';
import { checkDraft, hasProblems, parseAmount, parseDiscount, parseQuantity, sentence, type DraftProblems } from './checks';
import { addressChoices, addressIdOf } from './delivery-address';
import type { Draft } from './draft';

export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16)); // not a secure context: no randomUUID
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The currency a customer is invoiced in: theirs, else the organization's. */
export async function currencyFor(customer: CustomerView | undefined): Promise<string> {
  return customer?.currency ?? (await loadMeta()).settings?.currency ?? 'USD';
}

/** The order lines at the customer's prices (unknown items are left out and reported). */
export async function priceLines(draft: Draft, customer: CustomerView | undefined): Promise<{ lines: OrderLine[]; missing: string[] }> {
  const items = await getItems(draft.lines.map((l) => l.itemId));
  const lines: OrderLine[] = [];
  const missing: string[] = [];
  const meta = await loadMeta();
  for (const [i, draftLine] of draft.lines.entries()) {
    const item = items[i];
    if (!item) {
      missing.push(draftLine.itemId);
      continue;
    }
    const q = parseQuantity(draftLine.quantity);
    const components = item.taxId ? meta.taxes.get(item.taxId)?.components : undefined;
    // Priced at the line's quantity: a volume list's bracket changes as the quantity does.
    const price = await priceFor(item, customer, 'value' in q && q.value > 0 ? q.value : 1);
    lines.push({
      itemId: item.id,
      ...(item.sku ? { sku: item.sku } : {}),
      name: item.name,
      ...(item.unit ? { unit: item.unit } : {}),
      quantity: 'value' in q ? q.value : 0,
      unitPrice: price.unitPrice,
      ...(price.taxId ? { taxId: price.taxId } : {}),
      taxPercent: price.taxPercent,
      // A tax group (or compound tax) is charged member by member, as Zoho will.
      ...(components?.length ? { taxes: components } : {}),
    });
  }
  return { lines, missing };
}

/** The money parts of the order the draft makes: what the cart totals and exactly what is sent. */
export type OrderMoney = Pick<Order, 'currency' | 'lines' | 'fees' | 'discount' | 'discountBeforeTax' | 'taxExempt' | 'taxInclusive' | 'taxRounding'>;

/** The organization's tax terms every order carries: prices with or without their tax, and how tax is rounded. */
export type TaxTerms = Pick<Order, 'taxInclusive' | 'taxRounding'>;

/** The tax terms of the device's settings record (absent: exclusive prices, tax rounded per line). */
export function taxTermsOf(settings: SettingsRecord | undefined): TaxTerms {
  return {
    ...(settings?.taxInclusive ? { taxInclusive: true } : {}),
    ...(settings?.taxRounding === 'document' ? { taxRounding: 'document' as const } : {}),
  };
}

/**
 * The draft's discounts and fees on its priced lines, as the order will carry them. A part typed
 * wrong (checkDraft names it) is left out, so the cart can still show what the rest comes to.
 */
export function orderMoney(draft: Draft, lines: OrderLine[], currency: string, taxExempt = false, terms: TaxTerms = {}): OrderMoney {
  const withDiscounts = lines.map((line) => {
    const typed = draft.lines.find((l) => l.itemId === line.itemId)?.discount;
    const d = parseDiscount(typed, currency);
    if (!('value' in d) || !d.value) return line;
    return { ...line, ...('percent' in d.value ? { discountPercent: d.value.percent } : { discountAmount: d.value.amount }) };
  });
  const fees = draft.details.fees.flatMap((f) => {
    const a = f.name.trim() ? parseAmount(f.amount, currency) : undefined;
    return a && 'value' in a ? [{ name: f.name.trim(), amount: a.value }] : [];
  });
  const discount = parseDiscount(draft.discount, currency);
  const orderDiscount = 'value' in discount ? discount.value : undefined;
  return {
    currency,
    lines: withDiscounts,
    ...(fees.length ? { fees } : {}),
    ...(orderDiscount ? { discount: orderDiscount, discountBeforeTax: draft.discountBeforeTax ?? true } : {}),
    // A tax-exempt customer (Zoho's is_taxable false, or an exemption) pays no tax: the lines keep their tax ids.
    ...(taxExempt ? { taxExempt: true } : {}),
    // The organization's prices include tax, or tax is rounded per document: Zoho totals the order so, and so does every side.
    ...terms,
  };
}

/** The domain's discount rules on the priced order (a discount above its line, after tax beside line discounts), into the form's problems. */
export function discountProblems(money: OrderMoney, problems: DraftProblems): void {
  for (const line of money.lines) {
    const issue = line.quantity > 0 ? lineDiscountIssue(line) : undefined;
    if (issue) problems.discount[line.itemId] ??= sentence(issue);
  }
  for (const issue of orderDiscountIssues(money)) {
    if (issue.path === 'discountBeforeTax') problems.discountBeforeTax ??= sentence(issue.message);
    else problems.orderDiscount ??= sentence(issue.message);
  }
}

export type Built = { ok: true; order: Order } | { ok: false; problems: DraftProblems };

export async function buildOrder(draft: Draft, customer: CustomerView | undefined, now = new Date()): Promise<Built> {
  const currency = await currencyFor(customer);
  const problems = checkDraft(draft, currency, now);
  if (draft.customerId && !customer) problems.customer = 'That customer is not on this device any more; choose again';
  const { lines, missing } = await priceLines(draft, customer);
  for (const id of missing) problems.quantity[id] = 'This product is no longer in the catalogue';
  const money = orderMoney(draft, lines, currency, customer?.taxExempt, taxTermsOf((await loadMeta()).settings));
  discountProblems(money, problems);
  if (hasProblems(problems) || !customer) return { ok: false, problems };

  const d = draft.details;
  const address = Object.fromEntries(Object.entries(d.deliveryAddress).filter(([, v]) => typeof v === 'string' && v.trim())) as Order['deliveryAddress'];
  const notes = d.notes.trim();
  const salesRep = d.salesRep.trim();
  // The delivery address as picked from the customer's (Zoho's id goes with it), unless the rep changed it.
  const shippingAddressId = addressIdOf(d.deliveryAddress, addressChoices(customer));
  const billingAddressId = customer.billingAddress?.id;
  const order: Order = {
    id: newId(),
    kind: draft.kind,
    customer: {
      ...(customer.device ? { deviceCustomerId: customer.id } : { zohoContactId: customer.id }),
      name: customer.name,
      ...(customer.email ? { email: customer.email } : {}),
    },
    ...money,
    ...(d.reference.trim() ? { reference: d.reference.trim() } : {}),
    ...(notes ? { notes } : {}),
    ...(d.deliveryDate ? { deliveryDate: d.deliveryDate } : {}),
    ...(d.paymentMethod ? { paymentMethod: d.paymentMethod } : {}),
    // The customer's payment terms in Zoho, as the rep saw them on the order.
    ...(customer.paymentTerms !== undefined && !customer.device ? { paymentTerms: customer.paymentTerms } : {}),
    ...(customer.paymentTermsLabel && !customer.device ? { paymentTermsLabel: customer.paymentTermsLabel.slice(0, 100) } : {}),
    ...(salesRep ? { salesRep } : {}),
    ...(address && Object.keys(address).length ? { deliveryAddress: address } : {}),
    ...(shippingAddressId ? { shippingAddressId } : {}),
    ...(billingAddressId && !customer.device ? { billingAddressId } : {}),
    ...(d.locationId ? { locationId: d.locationId } : {}),
    ...(draft.fromQuote && draft.kind === 'order' ? { fromQuoteId: draft.fromQuote.id } : {}),
    ...(d.contactPerson.trim() ? { contactPerson: d.contactPerson.trim() } : {}),
    ...(d.signature ? { signature: d.signature } : {}),
    createdAt: now.toISOString(),
  };
  return { ok: true, order };
}

/** A percentage fee on the order's net total, in minor units. */
export function percentFee(net: number, percent: number): number {
  return roundMinor((net * percent) / 100);
}

export { orderTotals };
