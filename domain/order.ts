import * as z from 'zod';
import { AddressSchema } from './customer';
import {
  MAX_FEE_MINOR,
  MAX_FEES,
  MAX_LENGTH as L,
  MAX_LINE_TOTAL_MINOR,
  MAX_LINES,
  MAX_ORDER_TOTAL_MINOR,
  MAX_QUANTITY,
  MAX_ACCEPTED_WARNINGS,
  MAX_ACCEPTED_WARNING_LENGTH,
  MAX_UNIT_PRICE_MINOR,
} from './limits';
import { multiLine, singleLine } from './text';
import { lineDiscountIssue, orderDiscountIssues, totalOr0 } from './discount-rules';
import { lineTotals, orderTotals } from './totals';

/** A total for a bounds check, or 0 when it cannot be computed (discount-rules.ts). */
const grossOf = totalOr0;

/** A tax group of more members than this is not one Zoho's settings screen makes. */
const MAX_TAX_COMPONENTS = 8;

/**
 * One order line. Prices are integers in the order currency's minor units; quantity may be
 * fractional (kg, m). Tax is a percentage as Zoho stores it. Bounds: domain/limits.ts.
 */
export const OrderLineSchema = z
  .object({
    itemId: singleLine(L.zohoId, { exact: true }).min(1),
    sku: singleLine(L.sku).optional(),
    name: singleLine(L.itemName).min(1),
    description: multiLine(L.description).optional(),
    unit: singleLine(L.unit).optional(),
    quantity: z.number().positive().max(MAX_QUANTITY),
    unitPrice: z.number().int().nonnegative().max(MAX_UNIT_PRICE_MINOR),
    /** The line's own discount: a percentage of quantity × unitPrice, or an amount (minor units) off the line; one of the two. */
    discountPercent: z.number().min(0).max(100).optional(),
    discountAmount: z.number().int().nonnegative().max(MAX_LINE_TOTAL_MINOR).optional(),
    taxId: singleLine(L.zohoId, { exact: true }).optional(),
    taxPercent: z.number().min(0).max(100).optional(),
    /**
     * The line's tax as Zoho will charge it when it is a group or a compound tax: each member, in
     * Zoho's order (a compound one on the amount plus the simple ones). Absent: `taxPercent` alone.
     */
    taxes: z
      .array(
        z.object({
          id: singleLine(L.zohoId, { exact: true }).min(1),
          name: singleLine(L.itemName),
          percent: z.number().min(0).max(100),
          compound: z.boolean(),
        }),
      )
      .min(1)
      .max(MAX_TAX_COMPONENTS)
      .optional(),
  })
  .superRefine((line, ctx) => {
    const discountIssue = lineDiscountIssue(line);
    if (discountIssue) ctx.addIssue({ code: 'custom', path: ['discountAmount'], message: discountIssue });
    if (grossOf(() => lineTotals(line).gross) > MAX_LINE_TOTAL_MINOR) {
      ctx.addIssue({
        code: 'custom',
        path: ['quantity'],
        message: `the line total (quantity × unitPrice, with tax) must be at most ${MAX_LINE_TOTAL_MINOR} minor units`,
      });
    }
  });
export type OrderLine = z.infer<typeof OrderLineSchema>;

/** Who the order is for: a Zoho contact, or a customer the rep created on the device. */
export const OrderCustomerRefSchema = z
  .object({
    zohoContactId: singleLine(L.zohoId, { exact: true }).min(1).optional(),
    deviceCustomerId: z.uuid().optional(),
    name: singleLine(L.customerName).min(1),
    /** Where the order PDF goes when customers get a copy (the device knows it from the catalogue). */
    email: z.email().max(L.email).optional(),
  })
  .refine((c) => c.zohoContactId || c.deviceCustomerId, {
    message: 'needs zohoContactId or deviceCustomerId',
  });
export type OrderCustomerRef = z.infer<typeof OrderCustomerRefSchema>;

/** A charge on the order that is not an item (delivery, small-order fee): untaxed, in minor units. */
export const OrderFeeSchema = z.object({
  name: singleLine(L.feeName).min(1),
  amount: z.number().int().nonnegative().max(MAX_FEE_MINOR),
});
export type OrderFee = z.infer<typeof OrderFeeSchema>;

export const DocumentKindSchema = z.enum(['order', 'quote']);
export type DocumentKind = z.infer<typeof DocumentKindSchema>;

/** An order or quote exactly as the device sends it. `id` is a UUID made on the device. */
export const OrderSchema = z
  .object({
    id: z.uuid(),
    kind: DocumentKindSchema.default('order'),
    customer: OrderCustomerRefSchema,
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be a 3-letter ISO 4217 code'),
    lines: z.array(OrderLineSchema).min(1, 'an order needs at least one line').max(MAX_LINES),
    reference: singleLine(L.reference).optional(),
    notes: multiLine(L.notes).optional(),
    deliveryDate: z.iso.date().optional(),
    fees: z.array(OrderFeeSchema).max(MAX_FEES).optional(),
    /** One discount on the whole order (beside the lines' own): a percentage of the lines' total, or an amount in minor units. */
    discount: z
      .union([z.strictObject({ percent: z.number().min(0).max(100) }), z.strictObject({ amount: z.number().int().nonnegative().max(MAX_ORDER_TOTAL_MINOR) })])
      .optional(),
    /** The customer is tax-exempt in Zoho (the device's copy says so): the lines keep their tax ids, Zoho and the totals charge none. */
    taxExempt: z.boolean().optional(),
    /** The order discount comes off before tax (the taxable amounts shrink, the usual case); false: off the total after tax. */
    discountBeforeTax: z.boolean().optional(),
    /**
     * The unit prices include their tax (the organization sells at tax-inclusive rates; Zoho's
     * `is_inclusive_tax`): the tax is taken out of each line, not added, and the total is the lines'.
     */
    taxInclusive: z.boolean().optional(),
    /** How the organization rounds tax, as the device's settings said: each tax of each line (`line`, the default) or each tax's sum over the document (`document`). */
    taxRounding: z.enum(['line', 'document']).optional(),
    paymentMethod: singleLine(L.paymentMethod).optional(),
    /** The customer's payment terms in Zoho when the order was taken: days (`payment_terms`) and label (`payment_terms_label`, "Net 30"). */
    paymentTerms: z.number().int().min(0).max(3650).optional(),
    paymentTermsLabel: singleLine(L.paymentTermsLabel).min(1).optional(),
    deliveryAddress: AddressSchema.optional(),
    /** Zoho's ids of the customer's addresses the rep picked (the delivery address above is what the PDF prints). */
    shippingAddressId: singleLine(L.zohoId, { exact: true }).min(1).optional(),
    billingAddressId: singleLine(L.zohoId, { exact: true }).min(1).optional(),
    /** The quote (a document of this device's rep, already sent) this order was made from: Zoho gets one linked document, not two unrelated ones. */
    fromQuoteId: z.uuid().optional(),
    /** The Zoho location (warehouse) the order ships from: the rep's default, or one chosen on the order. */
    locationId: singleLine(L.zohoId, { exact: true }).min(1).optional(),
    /** The customer's contact person for this order, as the rep typed it. */
    contactPerson: singleLine(L.personName).optional(),
    /** Who sold it, as chosen on the device (defaults to the signed-in rep; may be a colleague). */
    salesRep: singleLine(L.personName).min(1).optional(),
    /** The customer's signature captured on the device, printed on the PDF. */
    /**
     * The pre-flight warnings the rep saw and chose to send the order anyway with ("Send anyway"),
     * as the device worded them (domain/preflight.ts): the hub writes them on the order's timeline.
     */
    acceptedWarnings: z
      .array(z.object({ rule: z.string().regex(/^[a-z_]{1,40}$/, 'must be a rule name'), message: singleLine(MAX_ACCEPTED_WARNING_LENGTH).min(1) }))
      .max(MAX_ACCEPTED_WARNINGS)
      .optional(),
    signature: z
      .string()
      .max(700_000)
      .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, 'must be a PNG or JPEG data URL')
      .optional(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .superRefine((order, ctx) => {
    if (order.fromQuoteId && order.kind !== 'order') ctx.addIssue({ code: 'custom', path: ['fromQuoteId'], message: 'only an order is made from a quote' });
    if (order.fromQuoteId === order.id) ctx.addIssue({ code: 'custom', path: ['fromQuoteId'], message: 'an order cannot be made from itself' });
    for (const issue of orderDiscountIssues(order)) ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.message });
    const linesFit = order.lines.every((l) => grossOf(() => lineTotals(l).gross) <= MAX_LINE_TOTAL_MINOR);
    if (linesFit && grossOf(() => orderTotals(order).gross.amount) > MAX_ORDER_TOTAL_MINOR) {
      ctx.addIssue({ code: 'custom', path: ['lines'], message: `the order total (lines, tax and fees) must be at most ${MAX_ORDER_TOTAL_MINOR} minor units` });
    }
  });
export type Order = z.infer<typeof OrderSchema>;
/** What a client may send before defaults are applied. */
export type OrderInput = z.input<typeof OrderSchema>;

export {
  lineTotals,
  orderDocument,
  orderTotals,
  type LineTerms,
  type LineTotals,
  type OrderDiscount,
  type OrderTotals,
  type PricedLine,
  type PricedOrder,
} from './totals';
export { discountConflict, shareOut } from './discount-fold';
export { DISCOUNT_MESSAGES, lineDiscountIssue, orderDiscountIssues } from './discount-rules';
