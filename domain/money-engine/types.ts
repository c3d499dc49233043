/**
 * What a sales document's totals depend on, in Zoho's own terms but in integer minor units, and
 * what comes out. One shape for every caller (cart, hub, PDF, the mappings), so the rules below
 * are read once. The rules, as Zoho documents them (the unit tests work these examples):
 *
 * - Line discount (`discount_type: item_level`): a percentage ("10%") of quantity × rate, or an
 *   amount off the line; the line's `item_total` is rounded once. An order discount
 *   (`entity_level`) is one discount on the document and the lines carry none: Zoho's API says the
 *   `discount` node sits inside each line for item_level and outside them for entity_level
 *   (api-evangelist/zoho-inventory, openapi/zoho-inventory-sales-orders-api-openapi.yml,
 *   `discount_type`), so exactly one of the two applies.
 * - Order discount: a percentage or an amount; "on Rs.1000, a 10% discount results in Rs.900" (same
 *   file, `discount`). Before tax (`is_discount_before_tax`), each line's taxable amount shrinks in
 *   proportion to its share of the sub total and tax is charged on what is left; after tax, the tax
 *   is charged on the undiscounted lines and the discount comes off the total. Either way a
 *   percentage is of the sub total (the example above; Zoho gives none for after tax, so this is
 *   our reading of it).
 * - Tax group: its taxes are each charged on the same amount and added; a compound tax is charged
 *   on the amount plus the group's other (simple) taxes: $100 at 5 % + 10 % is $115, at 5 % then
 *   10 % compound $115.50 (zoho.com/books/kb/taxes/diff-btwn-compound-tax-and-tax-group,
 *   zoho.com/books/help/settings/taxes.html "Compound Tax").
 * - Tax-inclusive rates: "Tax Amount = Price inclusive of tax × Tax rate ÷ (100 + Tax rate)"
 *   (zoho.com/books/kb/taxes/tax-pref-inclusive); the sub total then includes the tax and the
 *   total does not add it again (help.zoho.com/portal/en/kb/fsm/billing/articles/tax-discount-preferences:
 *   $20 + $10 + $5 at 4 % inclusive, sub total $35 holding $1.35 of tax).
 * - Rounding: half away from zero to the currency's minor unit (Zoho's expense KB rounds 12.345 to
 *   12.35; zoho.com/expense/kb/expense/change-tax-amount.html), on the rounded rate (a community
 *   report: 54.54545 is stored 54.55 and taxed 5.46; help.zoho.com/portal/zh/community/topic/
 *   tax-calculation-based-on-actual-price-not-the-rounded-price). Per line or per document is a
 *   setting: the same KB contrasts tax rounded per line (12.35 + 12.35 = 24.70) with tax on the
 *   whole amount (246.91 × 10 % = 24.69), and the FSM example above sums unrounded inclusive taxes
 *   (0.769 + 0.384 + 0.192 = 1.345 → 1.35). `line` rounds each tax of each line; `document` sums
 *   each tax over the document unrounded and rounds each sum once.
 * - Exempt customers (`is_taxable: false` or a `tax_exemption_id`): no tax on any line or fee.
 * - Shipping: its own tax (`shipping_charge_tax_id`), never discounted; adjustment: added as sent.
 */

/** One tax of a line: a simple tax, a compound one, or one member of a group. */
export interface TaxComponent {
  id: string;
  name: string;
  percent: number;
  /** Charged on the amount plus the simple taxes before it in the group. */
  compound: boolean;
}

/** The tax a line names (Zoho `tax_id`): a single tax is a group of one. */
export interface AppliedTax {
  id: string;
  components: readonly TaxComponent[];
}

/** A percentage (12.5 for "12.5%") or an amount in minor units. */
export type Discount = { percent: number } | { amount: number };

export type DiscountType = 'item_level' | 'entity_level';

/** The organization's tax rounding: each tax of each line, or each tax's sum over the document. */
export type TaxRounding = 'line' | 'document';

export interface EngineLine {
  quantity: number;
  /** Unit rate in minor units (tax included when the document is tax-inclusive). */
  rate: number;
  /** Applies when the document's discount type is `item_level`. */
  discount?: Discount;
  tax?: AppliedTax;
}

export interface EngineDocument {
  currency: string;
  lines: readonly EngineLine[];
  discountType?: DiscountType;
  /** The order discount; applies when the discount type is `entity_level`. */
  discount?: Discount;
  /** Absent: after tax (the sandbox's reading of a body that does not say; mappings should always say). */
  discountBeforeTax?: boolean;
  inclusiveTax?: boolean;
  taxExempt?: boolean;
  shipping?: { amount: number; tax?: AppliedTax };
  /** Signed, minor units: added to the total as it is. */
  adjustment?: number;
  taxRounding?: TaxRounding;
}

/** One tax's amount, by the tax (a group's member, not the group). */
export interface TaxAmount {
  taxId: string;
  name: string;
  amount: number;
}

export interface EngineLineTotals {
  /** Quantity × rate, rounded. */
  gross: number;
  /** The line's own discount (item_level), rounded. */
  discount: number;
  /** Zoho's `item_total`: gross − discount (tax included when tax-inclusive). */
  itemTotal: number;
  /** Zoho's line `tax_amount` (its share of the order discount taken out first when before tax). */
  taxAmount: number;
  taxes: TaxAmount[];
}

export interface EngineTotals {
  currency: string;
  lines: EngineLineTotals[];
  /** Σ item totals (Zoho `sub_total`). */
  subTotal: number;
  /** The order discount in minor units (0 for item_level). */
  discount: number;
  shipping: number;
  shippingTax: number;
  /** Every tax of lines and shipping (Zoho `tax_total`). */
  taxTotal: number;
  taxes: TaxAmount[];
  adjustment: number;
  total: number;
}
