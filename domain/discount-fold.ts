/**
 * Zoho applies one discount level per document: `discount_type: item_level` (each line its own
 * `discount`) or `entity_level` (one `discount` on the document, the lines carry none). A rep may
 * give both: 10 % off one line and then 5 % off the order. Such an order goes to Zoho folded into
 * line amounts: the order discount is worked out on the lines' total as Zoho would (a percentage
 * rounded once, or the amount given), shared out over the lines in proportion to what each line
 * comes to (largest remainder, so the shares add up to it exactly), and each line is sent with its
 * own discount plus its share as one amount. Every line's taxable amount is then what a before-tax
 * order discount leaves it, and the document is the one the device, the hub, the PDF and Zoho all
 * total. An after-tax order discount cannot be shared out so (it comes off the total, not the
 * lines); beside line discounts it is refused (`discountConflict`).
 */
import { documentTotals, type Discount, type EngineDocument, type EngineLine } from './money-engine';
import { discountOf } from './money-engine/discount';
import { ratio, roundHalfAway } from './money-engine/ratio';

/** An order discount: a percentage of the lines' total ("5 %"), or an amount in minor units. */
export type OrderDiscount = Discount;

const isZero = (d: Discount | undefined): boolean => !d || ('percent' in d ? d.percent === 0 : d.amount === 0);
const hasOwnDiscount = (line: EngineLine): boolean => !isZero(line.discount);

/** Why the order's discounts cannot go to Zoho as given, or undefined. */
export function discountConflict(order: {
  discount?: Discount;
  discountBeforeTax?: boolean;
  lines: ReadonlyArray<{ discountPercent?: number; discountAmount?: number }>;
}): string | undefined {
  if (isZero(order.discount) || order.discountBeforeTax !== false) return undefined;
  if (order.lines.some((l) => l.discountPercent || l.discountAmount)) {
    return 'an order discount after tax cannot be combined with line discounts (Zoho applies one discount level per document): take it before tax, or remove the line discounts';
  }
  return undefined;
}

/** `amount` shared over `weights` in proportion, whole minor units adding up to it exactly. */
export function shareOut(amount: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, w) => a + w, 0);
  if (total <= 0 || amount <= 0) return weights.map(() => 0);
  const big = BigInt(amount);
  const exact = weights.map((w) => BigInt(w) * big);
  const shares = exact.map((x) => x / BigInt(total));
  let left = amount - shares.reduce((a, s) => a + Number(s), 0);
  const byRemainder = exact.map((x, i) => ({ i, rest: x % BigInt(total) })).sort((a, b) => (a.rest === b.rest ? a.i - b.i : a.rest > b.rest ? -1 : 1));
  for (const { i } of byRemainder) {
    if (left <= 0) break;
    shares[i]! += 1n;
    left--;
  }
  return shares.map(Number);
}

/** The document with the order discount applied as Zoho will be told it (see the top of this file). */
export function foldOrderDiscount(doc: EngineDocument, discount: Discount | undefined, beforeTax: boolean): EngineDocument {
  if (isZero(discount)) return doc;
  if (!doc.lines.some(hasOwnDiscount)) {
    return { ...doc, discountType: 'entity_level', discount, discountBeforeTax: beforeTax, lines: doc.lines.map(({ discount: _none, ...line }) => line) };
  }
  const own = documentTotals(doc);
  const amount = Math.min(own.subTotal, Math.max(0, roundHalfAway(discountOf(discount, ratio(own.subTotal)))));
  const shares = shareOut(
    amount,
    own.lines.map((l) => l.itemTotal),
  );
  const lines = doc.lines.map((line, i): EngineLine => {
    const t = own.lines[i]!;
    const share = shares[i]!;
    if (share === 0) return line;
    const itemTotal = t.itemTotal - share;
    // A fractional quantity's gross is not whole minor units; a line discounted to nothing says so as 100 %.
    if (itemTotal === 0) return { ...line, discount: { percent: 100 } };
    return { ...line, discount: { amount: t.gross - itemTotal } };
  });
  return { ...doc, lines };
}
