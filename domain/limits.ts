/**
 * The bounds every document must keep, in one place and zod-free: the hub's schemas (order.ts,
 * customer.ts) enforce them, and the device's hand-written checks (client/src/order/checks.ts) use
 * the same numbers. They are the tighter of the database's columns (server/db/models.ts) and what
 * Zoho accepts, so a value the hub takes is one it can store on SQLite and PostgreSQL alike (SQLite
 * does not enforce VARCHAR lengths, PostgreSQL answers an error) and one Zoho will take.
 *
 * Money is an integer of minor units in a JavaScript number, exact up to 2^53 ≈ 9.007 × 10^15.
 * A unit price is at most 10^11 minor units, a quantity 10^6, a line's total (after discount and
 * tax) and an order's total (lines, tax, fees) at most 10^13: amounts are never negative, so every
 * partial sum of an accepted order is at most its total, a thousand times below 2^53, and every
 * figure is exact to the minor unit. 10^13 minor units is 100 billion in a two-decimal currency,
 * beyond any real order and within the 15 significant digits of Zoho's amount fields (and
 * PostgreSQL's BIGINT total column).
 */

/** Zoho's quantity field; the device's check. Quantities may be fractional (kg, m). */
export const MAX_QUANTITY = 1_000_000;
/** A unit price or a fee: 10^11 minor units (a billion in a two-decimal currency). */
export const MAX_UNIT_PRICE_MINOR = 100_000_000_000;
export const MAX_FEE_MINOR = MAX_UNIT_PRICE_MINOR;
/** A line's total after discount and tax, and the order's total with fees. */
export const MAX_LINE_TOTAL_MINOR = 10_000_000_000_000;
export const MAX_ORDER_TOTAL_MINOR = 10_000_000_000_000;
export const MAX_LINES = 1000;
export const MAX_FEES = 20;
/** Pre-flight warnings the rep accepted, kept on the order (`acceptedWarnings`), and each one's length. */
export const MAX_ACCEPTED_WARNINGS = 20;
export const MAX_ACCEPTED_WARNING_LENGTH = 300;

/** Text lengths, in UTF-16 code units (what the columns and zod count). */
export const MAX_LENGTH = {
  /** Zoho ids (contacts, items, taxes, price lists: 19-digit numbers today); the zoho_contact_id columns are 64. */
  zohoId: 64,
  /** Customer and contact names: the customer_name and customers.name columns (200), Zoho's contact_name. */
  customerName: 200,
  /** Emails: RFC 5321's 254, the email columns. */
  email: 254,
  itemName: 250,
  sku: 100,
  unit: 30,
  reference: 100,
  personName: 200,
  feeName: 100,
  paymentMethod: 100,
  /** Zoho's `payment_terms_label` ("Net 30"): the payment terms screen's label field. */
  paymentTermsLabel: 100,
  description: 2000,
  notes: 5000,
} as const;

/**
 * Characters single-line text must not hold: C0 and C1 control characters (CR and LF among them:
 * in a name they became new lines in email bodies and headers), DEL, and the Unicode line and
 * paragraph separators. Multi-line text (notes, descriptions, a street address) may keep tab, CR
 * and LF.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- as above
export const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** The first problem of a single-line text, in words for a form, or undefined. */
export function singleLineProblem(text: string, max: number): string | undefined {
  if (text.length > max) return `At most ${max} characters`;
  if (SINGLE_LINE_FORBIDDEN.test(text)) return 'Must be one line, without control characters';
  return undefined;
}
