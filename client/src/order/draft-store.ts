/** The current draft, in memory for the screens and in IndexedDB for reloads. */
import { get, set } from 'idb-keyval';
import { store } from '../store/db';
import { observable } from '../observable';
import { emptyDraft, type Draft, type DraftDetails, type DraftDiscount } from './draft';

const KEY = 'draft';

export const draft = observable<Draft>(emptyDraft());

export async function loadDraft(): Promise<void> {
  const saved = await get<Draft>(KEY, store('state'));
  if (saved) draft.set(saved);
}

function save(next: Draft): void {
  draft.set(next);
  void set(KEY, next, store('state'));
}

export function updateDraft(change: (d: Draft) => Draft): void {
  save(change(draft.get()));
}

export function updateDetails(change: Partial<DraftDetails>): void {
  updateDraft((d) => ({ ...d, details: { ...d.details, ...change } }));
}

export function chooseCustomer(customerId: string): void {
  updateDraft((d) =>
    d.customerId === customerId
      ? d
      : // Another customer: their address and contact, not the last one's.
        { ...d, customerId, details: { ...d.details, deliveryAddress: {}, contactPerson: '', newContactPerson: undefined, paymentMethod: '' } },
  );
}

/** + on a product: one more of it. */
export function addItem(itemId: string): void {
  updateDraft((d) => {
    const line = d.lines.find((l) => l.itemId === itemId);
    if (!line) return { ...d, lines: [...d.lines, { itemId, quantity: '1' }] };
    const q = Number(line.quantity);
    return { ...d, lines: d.lines.map((l) => (l === line ? { ...l, quantity: String(Number.isFinite(q) && q > 0 ? q + 1 : 1) } : l)) };
  });
}

export function setQuantity(itemId: string, quantity: string): void {
  updateDraft((d) => ({ ...d, lines: d.lines.map((l) => (l.itemId === itemId ? { ...l, quantity } : l)) }));
}

/** A line's discount as typed (its kind or its value). */
export function setLineDiscount(itemId: string, change: Partial<DraftDiscount>): void {
  updateDraft((d) => ({
    ...d,
    lines: d.lines.map((l) => (l.itemId === itemId ? { ...l, discount: { kind: 'percent', value: '', ...l.discount, ...change } } : l)),
  }));
}

/** The order discount as typed, and whether it comes off before tax. */
export function setOrderDiscount(change: Partial<DraftDiscount>): void {
  updateDraft((d) => ({ ...d, discount: { kind: 'percent', value: '', ...d.discount, ...change } }));
}

export function setDiscountBeforeTax(beforeTax: boolean): void {
  updateDraft((d) => ({ ...d, discountBeforeTax: beforeTax }));
}

export function removeLine(itemId: string): void {
  updateDraft((d) => ({ ...d, lines: d.lines.filter((l) => l.itemId !== itemId) }));
}

/** After Create Order: the customer stays chosen, the rest (the quote link too) starts over. */
export function resetDraft(): void {
  save(emptyDraft(draft.get().customerId));
}

export function replaceLines(lines: Draft['lines'], kind: Draft['kind'] = 'order'): void {
  updateDraft(({ fromQuote: _was, ...d }) => ({ ...d, kind, lines }));
}

/** The quote's lines as a new order that remembers the quote (and stops remembering it if made a quote again). */
export function orderFromQuote(quote: { id: string; number: string }, lines: Draft['lines']): void {
  updateDraft((d) => ({ ...d, kind: 'order', lines, fromQuote: quote }));
}

export function forgetQuote(): void {
  updateDraft(({ fromQuote: _was, ...d }) => d);
}
