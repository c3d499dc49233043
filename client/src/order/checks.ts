/**
 * What is wrong with a draft, in words for the form, before anything is created. Small
 * hand-written checks (no zod in the app) on the limits the hub's OrderSchema enforces, with the
 * same numbers (domain/limits.ts); what depends on the prices (a discount above its line) is the
 * domain's own rule, checked once the lines are priced (build.ts, domain/discount-rules.ts).
 */
import { MAX_FEE_MINOR, MAX_LENGTH, MAX_LINE_TOTAL_MINOR, MAX_LINES, MAX_QUANTITY, minorUnitDigits, singleLineProblem, type OrderDiscount } from '../domain';
import type { Draft, DraftDiscount } from './draft';

export { MAX_LINES, MAX_QUANTITY };

export interface DraftProblems {
  customer?: string;
  lines?: string;
  /** By item id. */
  quantity: Record<string, string>;
  /** A line's discount, by item id. */
  discount: Record<string, string>;
  /** By fee index. */
  fees: Record<number, string>;
  /** The order discount's value, and its before/after tax choice. */
  orderDiscount?: string;
  discountBeforeTax?: string;
  deliveryDate?: string;
  /** The email of a contact person added with the order. */
  newContactEmail?: string;
}

/** The shape of an email the hub's schema takes (it checks fully; this catches what a rep mistypes). */
export const looksLikeEmail = (s: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) && s.length <= MAX_LENGTH.email;

/** A typed quantity as a number, or what is wrong with it. */
export function parseQuantity(text: string): { value: number } | { problem: string } {
  const t = text.trim().replace(',', '.');
  if (t === '') return { problem: 'Enter a quantity' };
  if (!/^-?\d*\.?\d+$/.test(t)) return { problem: 'Not a number' };
  const value = Number(t);
  if (!Number.isFinite(value)) return { problem: 'Not a number' };
  if (value <= 0) return { problem: value === 0 ? 'Must be more than 0' : 'Cannot be negative' };
  if (value > MAX_QUANTITY) return { problem: `At most ${MAX_QUANTITY.toLocaleString()}` };
  return { value };
}

/** A typed amount ("4.50") as minor units, or what is wrong with it. */
export function parseAmount(text: string, currency: string): { value: number } | { problem: string } {
  const t = text.trim().replace(',', '.');
  if (!/^\d*\.?\d+$/.test(t)) return { problem: 'Enter an amount like 4.50' };
  const digits = minorUnitDigits(currency);
  const [whole, frac = ''] = t.split('.');
  if (frac.length > digits) return { problem: `At most ${digits} decimals` };
  return { value: Number(whole || '0') * 10 ** digits + Number(frac.padEnd(digits, '0') || '0') };
}

/** Up to this many decimals in a percentage (Zoho keeps two). */
const PERCENT_DECIMALS = 2;

/** A typed discount as the order takes it (undefined: none, or 0), or what is wrong with it. */
export function parseDiscount(d: DraftDiscount | undefined, currency: string): { value: OrderDiscount | undefined } | { problem: string } {
  const typed = d?.value.trim().replace(',', '.') ?? '';
  const t = d?.kind === 'percent' ? typed.replace(/\s*%$/, '') : typed;
  if (!d || t === '') return { value: undefined };
  if (/^-/.test(t)) return { problem: 'Cannot be negative' };
  if (d.kind === 'percent') {
    if (!/^\d*\.?\d+$/.test(t)) return { problem: 'Enter a percentage like 10' };
    if ((t.split('.')[1] ?? '').length > PERCENT_DECIMALS) return { problem: `At most ${PERCENT_DECIMALS} decimals` };
    const percent = Number(t);
    if (percent > 100) return { problem: 'At most 100\u00a0%' }; // never "100" and "%" on two lines
    return { value: percent > 0 ? { percent } : undefined };
  }
  const a = parseAmount(t, currency);
  if ('problem' in a) return a;
  if (a.value > MAX_LINE_TOTAL_MINOR) return { problem: 'The amount is too large' };
  return { value: a.value > 0 ? { amount: a.value } : undefined };
}

/** A domain rule's message ("the discount must not…") as the form says it. */
export const sentence = (message: string): string => message.charAt(0).toUpperCase() + message.slice(1);

/** Today as yyyy-mm-dd in the device's time zone (a delivery "today" is not in the past). */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function checkDraft(draft: Draft, currency: string, now = new Date()): DraftProblems {
  const problems: DraftProblems = { quantity: {}, discount: {}, fees: {} };
  if (!draft.customerId) problems.customer = 'Choose a customer first';
  if (draft.lines.length === 0) problems.lines = 'Add at least one product';
  if (draft.lines.length > MAX_LINES) problems.lines = `At most ${MAX_LINES} lines`;
  for (const line of draft.lines) {
    const q = parseQuantity(line.quantity);
    if ('problem' in q) problems.quantity[line.itemId] = q.problem;
    const discount = parseDiscount(line.discount, currency);
    if ('problem' in discount) problems.discount[line.itemId] = discount.problem;
  }
  const discount = parseDiscount(draft.discount, currency);
  if ('problem' in discount) problems.orderDiscount = discount.problem;
  draft.details.fees.forEach((fee, i) => {
    const nameProblem = singleLineProblem(fee.name.trim(), MAX_LENGTH.feeName);
    if (!fee.name.trim()) problems.fees[i] = 'Name the fee';
    else if (nameProblem) problems.fees[i] = nameProblem;
    else {
      const a = parseAmount(fee.amount, currency);
      if ('problem' in a) problems.fees[i] = a.problem;
      else if (a.value > MAX_FEE_MINOR) problems.fees[i] = 'The amount is too large';
    }
  });
  const added = draft.details.newContactPerson;
  if (added && added.email.trim() && !looksLikeEmail(added.email.trim())) problems.newContactEmail = 'Not an email address';
  const date = draft.details.deliveryDate;
  if (date) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) problems.deliveryDate = 'Not a date';
    else if (date < today(now)) problems.deliveryDate = 'The delivery date is in the past';
  }
  return problems;
}

export function hasProblems(p: DraftProblems): boolean {
  return !!(
    p.customer ||
    p.lines ||
    p.deliveryDate ||
    p.newContactEmail ||
    p.orderDiscount ||
    p.discountBeforeTax ||
    Object.keys(p.quantity).length ||
    Object.keys(p.discount).length ||
    Object.keys(p.fees).length
  );
}
