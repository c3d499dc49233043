/** The current draft, in memory for the screens and in IndexedDB for reloads. */
import { get, set } from 'idb-keyval';
import { store } from '../store/db';
import { observable } from '../observable';
import { emptyDraft, type Draft, type DraftDetails, type DraftDiscount } from './draft';

const KEY = 'draft';
/** The draft the rep had when they chose Edit on a sent document: back when the edit ends. */
const BEFORE_EDIT = 'draft-before-edit';

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
        { ...d, customerId, details: { ...d.details, deliveryAddress: {}, contactPerson: '', paymentMethod: '' } },
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

/** Edit on a sent document: it becomes the draft; the draft the rep had waits (unless it is an edit too). */
export async function beginEdit(edited: Draft): Promise<void> {
  const was = draft.get();
  if (!was.editing) await set(BEFORE_EDIT, was, store('state'));
  save(edited);
}

/** The edit was saved or given up: the draft from before it comes back. */
export async function endEdit(): Promise<void> {
  const before = await get<Draft>(BEFORE_EDIT, store('state'));
  save(before ?? emptyDraft(draft.get().customerId));
}

/** Re-order: these lines as a new document (not a change to the one being edited, if any). */
export function replaceLines(lines: Draft['lines'], kind: Draft['kind'] = 'order'): void {
  updateDraft(({ fromQuote: _was, editing: _edit, ...d }) => ({ ...d, kind, lines }));
}

/** The quote's lines as a new order that remembers the quote (and stops remembering it if made a quote again). */
export function orderFromQuote(quote: { id: string; number: string }, lines: Draft['lines']): void {
  updateDraft(({ editing: _edit, ...d }) => ({ ...d, kind: 'order', lines, fromQuote: quote }));
}

export function forgetQuote(): void {
  updateDraft(({ fromQuote: _was, ...d }) => d);
}
