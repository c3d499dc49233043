/**
 * A discount's amount: a percentage of what it applies to, or an amount as given. Zoho takes
 * either on a line (of quantity × rate) and on the document (of the sub total); the amount stays
 * exact here and is rounded where the caller's rule says (a line's item total, the document's
 * discount).
 */
import { mul, percent, ratio, type Ratio } from './ratio';
import type { Discount } from './types';

export function discountOf(discount: Discount | undefined, base: Ratio): Ratio {
  if (!discount) return { n: 0n, d: 1n };
  return 'percent' in discount ? mul(base, percent(discount.percent)) : ratio(discount.amount);
}
